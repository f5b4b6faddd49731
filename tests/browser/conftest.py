"""End-to-end tests in a real browser: Debian's chromium driven by Playwright
against pytest-django's live server (a real HTTP server on the test database).

Run with `.venv/bin/pytest -m browser tests/browser`. Without /usr/bin/chromium
the tests skip with a visible reason; with CI=true a missing browser fails.
Playwright never downloads a browser here: it drives the system chromium."""

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("OPENOPVANG_CHROMIUM", "/usr/bin/chromium")
# Flags for a sandboxless, offline CI machine: no GPU, no calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Served to the browser by a Playwright route on the page's own origin, so the
# page's CSP (script-src 'self') allows it and the app's static settings do not
# matter.
AXE_URL_PATH = "/__browser-tests__/axe.min.js"
AXE_FILE = Path(__file__).resolve().parents[2] / "src/openopvang/static/vendor/axe/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery"  # core.testing.factories.UserFactory's password
RESULTS_DIR = Path(os.environ.get("OPENOPVANG_TEST_RESULTS", "test-results"))


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str):
    if in_ci():
        pytest.fail(f"CI=true and {reason}: browser tests must run in CI", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    # Every test in this folder is a browser test, also ones that forget pytestmark.
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Remember the outcome so the page fixture can keep a screenshot of a failure.
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright Python package is not installed (pip install -e .[dev])")
    # Playwright's sync API runs an event loop in the test thread; Django would
    # then refuse ORM calls from the test (factories) as "async-unsafe". The
    # calls really are synchronous. Set here, not at import, so the rest of the
    # suite keeps Django's check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context per test (no cookies carried over), Dutch
    locale, base URL = the live server. The CSP stays on: a page that needs an
    inline script would break for users too. Console errors and CSP reports are
    collected on `page.problems`."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.problems = []

    def on_console(message):
        # Chromium asks for /favicon.ico by itself; that is not a page problem.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            page.problems.append(f"{message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.problems.append(f"uncaught: {error}"))
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        try:
            page.screenshot(path=str(RESULTS_DIR / f"{name}.png"), full_page=True)
            (RESULTS_DIR / f"{name}.html").write_text(page.content(), encoding="utf-8")
        except Exception:  # a crashed page must not hide the real failure
            pass
    context.close()


def fill_login_form(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile(r"^(gebruikersnaam|user ?name)", re.I)).fill(username)
    page.get_by_label(re.compile(r"^(wachtwoord|password)", re.I)).fill(password)
    page.get_by_role("button", name=re.compile(r"(inloggen|log in|aanmelden)", re.I)).click()
    page.wait_for_load_state()


@pytest.fixture
def login(page):
    """login(page, user): log in through the real login form (two-factor is
    off in the test settings; test_two_factor.py switches it on)."""

    def do_login(page_, user, password: str = PASSWORD):
        fill_login_form(page_, user.username, password)
        if "/accounts/login" in page_.url:
            errors = page_.locator("main").inner_text()
            raise AssertionError(f"login as {user.username} failed; the page says:\n{errors}")
        return page_

    return do_login


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'n/a'}): {violation['help']}\n"
            f"  {violation.get('helpUrl', '')}"
        )
        for node in violation.get("nodes", [])[:10]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"    at {target}: {node.get('html', '')[:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


@pytest.fixture
def axe_check():
    """axe_check(page): run axe-core (vendored, static/vendor/axe) on the
    current page for WCAG 2.1 A and AA and fail with every violation, its
    help text and the elements it found."""

    def check(page, *, context_name: str = ""):
        assert AXE_FILE.exists(), f"{AXE_FILE} is missing (vendored axe-core)"
        page.wait_for_load_state("load")
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.route(
                f"**{AXE_URL_PATH}",
                lambda route: route.fulfill(path=AXE_FILE, content_type="text/javascript"),
            )
            page.add_script_tag(url=AXE_URL_PATH)
            page.wait_for_function("typeof window.axe !== 'undefined'")
        results = page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
                return {violations: r.violations, passes: r.passes.length};
            }""",
            WCAG_TAGS,
        )
        violations = results["violations"]
        where = context_name or page.url
        assert not violations, (
            f"axe found {len(violations)} WCAG 2.1 AA violation(s) on {where}:\n"
            + format_violations(violations)
        )
        # No passing rule at all means axe ran on an empty or error page.
        assert results["passes"] > 0, f"axe checked nothing on {where}"
        return results

    return check


def assert_no_page_problems(page) -> None:
    """No JavaScript errors and no resources blocked by the CSP."""
    assert not page.problems, "the browser reported errors:\n" + "\n".join(page.problems)


def nl(msgid: str) -> str:
    """The Dutch text the page shows for a UI string (the msgid itself until
    it is translated), so tests follow the translations instead of
    hard-coding them."""
    from django.utils.translation import gettext, override

    with override("nl"):
        return gettext(msgid)


def dutch_amount(text: str):
    """'€ 1.234.567,89' (Dutch grouping and decimal comma) → Decimal('1234567.89')."""
    from decimal import Decimal

    number = re.search(r"-?[\d.]+,\d{2}", text.replace("\xa0", " "))
    assert number, f"no Dutch amount in {text!r}"
    return Decimal(number.group(0).replace(".", "").replace(",", "."))


def log_out(page) -> None:
    """Log out through the user menu's button, as a user would."""
    page.get_by_role("navigation", name=nl("User menu")).get_by_role(
        "button", name=nl("Log out")
    ).click()
    page.wait_for_load_state()
