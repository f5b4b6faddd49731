"""Retake the README screenshots against a running demo.

    ./run demo                                   # in one terminal (port 8000)
    .venv/bin/python docs/screenshots/take.py    # in another

Options by environment: OPENOPVANG_DEMO_URL (default http://127.0.0.1:8000),
OPENOPVANG_CHROMIUM (default /usr/bin/chromium). Uses Debian's chromium through
Playwright; it never downloads a browser."""

import datetime
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("OPENOPVANG_DEMO_URL", "http://127.0.0.1:8000").rstrip("/")
CHROMIUM = os.environ.get("OPENOPVANG_CHROMIUM", "/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
PASSWORD = "demo-opvang-2026"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("^(user ?name|gebruikersnaam)", re.I)).fill(username)
    password = page.get_by_label(re.compile("^(password|wachtwoord)", re.I))
    password.fill(PASSWORD)
    password.press("Enter")
    page.wait_for_url(f"{BASE_URL}/")


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        # English UI for an English README; a laptop-sized window.
        context = browser.new_context(
            base_url=BASE_URL, locale="en-GB", viewport={"width": 1280, "height": 800}
        )
        page = context.new_page()
        log_in(page, "utrecht.coordinator")
        page.screenshot(path=HERE / "dashboard.png")

        page.goto("/registry/persons/")
        page.screenshot(path=HERE / "person-list.png")

        # A person who is placed somewhere, so the page shows a timeline.
        page.goto("/registry/persons/?status=active")
        page.locator("#person-table tbody a").first.click()
        page.wait_for_load_state()
        page.screenshot(path=HERE / "person.png")
        context.clear_cookies()

        # The finance officer's costs per month: chart, table and downloads, over
        # the demo's paid months (the last quarter of last year).
        log_in(page, "utrecht.finance")
        year = datetime.date.today().year - 1
        page.goto(f"/reports/?start={year}-07-01&end={year}-12-31")
        page.locator("section:has(#figure-costs)").screenshot(path=HERE / "reports.png")
        browser.close()
    print(f"Screenshots written to {HERE}")


if __name__ == "__main__":
    main()
