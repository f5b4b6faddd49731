"""At 390 px (a phone) the public pages in Ukrainian and Russian: one language
switcher in the header that fits its button and the screen, no sideways
scrolling, switching to another language through it, and zero axe
violations."""

import pytest
from playwright.sync_api import expect

from openopvang.core.testing import factories

from .conftest import assert_no_page_problems

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SWITCHER = {
    "uk": ("Мова", "Змінити"),
    "ru": ("Язык", "Сменить"),
}
LABELS = ["Nederlands", "English", "Українська", "Русский"]


def _sideways_overflow(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _switcher_problems(page) -> list[str]:
    """Parts of the language switcher that stick out of the screen, or texts
    wider than their own button or box."""
    return page.evaluate(
        """() => {
            const form = document.querySelector('.oo-language-form');
            const width = document.documentElement.clientWidth;
            const problems = [];
            for (const el of [form, ...form.querySelectorAll('label, select, button')]) {
                const box = el.getBoundingClientRect();
                if (box.left < 0 || box.right > width + 0.5) {
                    problems.push(`${el.tagName} outside the screen (${box.left}-${box.right})`);
                }
                if (el.scrollWidth > el.clientWidth + 1) {
                    problems.push(`${el.tagName} text wider than its box`);
                }
            }
            return problems;
        }"""
    )


@pytest.fixture
def municipality(transactional_db):
    return factories.MunicipalityFactory(code="GM0344", name="Utrecht")


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_public_pages_on_a_phone_in_ukrainian_and_russian(page, axe_check, municipality, language):
    page.set_viewport_size(PHONE)
    for path in (f"/public/{municipality.code}/services/", "/public/parameters/"):
        response = page.goto(f"{path}?lang={language}")
        assert response.status == 200, f"{path}: HTTP {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        label, button = SWITCHER[language]
        select = page.get_by_label(label, exact=True)
        expect(select).to_be_visible()
        options = select.locator("option")
        expect(options).to_have_text(LABELS)
        for code, option in zip(("nl", "en", "uk", "ru"), options.all(), strict=True):
            expect(option).to_have_attribute("lang", code)
        expect(page.get_by_role("button", name=button)).to_be_visible()
        assert _sideways_overflow(page) <= 1, f"{path} scrolls sideways at 390 px"
        assert not _switcher_problems(page), f"{path}: {_switcher_problems(page)}"
        axe_check(page, context_name=f"{path} in {language} at 390 px")
    assert_no_page_problems(page)


def test_the_switcher_changes_the_language_of_a_public_page(page, municipality):
    page.set_viewport_size(PHONE)
    page.goto(f"/public/{municipality.code}/services/?lang=uk")
    page.get_by_label("Мова", exact=True).select_option("ru")
    page.get_by_role("button", name="Змінити").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Услуги поддержки")
    # The choice stays on the next public page, also without ?lang=.
    page.goto("/public/parameters/")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert not _switcher_problems(page)
    assert_no_page_problems(page)
