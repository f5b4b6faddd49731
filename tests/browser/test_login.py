"""Logging in through the real form, in a real browser."""

import re
from urllib.parse import urlparse

import pytest

from .conftest import assert_no_page_problems, fill_login_form

pytestmark = pytest.mark.browser


def test_login_form_leads_to_the_dashboard(page, login, coordinator):
    page.goto("/")
    # Not logged in: the dashboard sends you to the login form.
    assert "/accounts/login/" in page.url

    login(page, coordinator)

    assert urlparse(page.url).path == "/"
    assert page.get_by_role("heading", level=1).first.is_visible()
    assert_no_page_problems(page)


def test_wrong_password_keeps_you_on_the_login_form(page, coordinator):
    fill_login_form(page, coordinator.username, "not the password")

    assert "/accounts/login/" in page.url
    # The form says what went wrong, and does not say which of the two was wrong.
    body = page.locator("main").inner_text()
    assert re.search(r"(gebruikersnaam|user ?name).*(wachtwoord|password)", body, re.I | re.S), body


def test_login_page_is_accessible(page, axe_check):
    page.goto("/accounts/login/")
    axe_check(page, context_name="login page")


def test_axe_check_reports_a_violation_with_its_element(page, axe_check):
    # Guards the guard: an accessibility scan that cannot fail proves nothing.
    page.goto("/accounts/login/")
    page.evaluate(
        """() => {
            const img = document.createElement('img');
            img.id = 'unlabelled-image';
            img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
            document.querySelector('main').appendChild(img);
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        axe_check(page, context_name="login page with an image without alt text")
    message = str(failure.value)
    assert "image-alt" in message
    assert "#unlabelled-image" in message
