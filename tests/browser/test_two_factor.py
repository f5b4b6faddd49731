"""Two-factor login in a real browser, with real TOTP codes: the test plays
the authenticator app, computing the code from the key the page shows."""

import base64
import re
from urllib.parse import urlparse

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import assert_no_page_problems, fill_login_form

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    # The live server runs in this process, so the override reaches it.
    settings.OPENOPVANG_TWO_FACTOR_REQUIRED = True


def current_code(key: bytes) -> str:
    totp = TOTP(key=key, step=30, digits=6)
    return f"{totp.token():06d}"


def code_field(page):
    # autocomplete="one-time-code" is how browsers and assistive tech know
    # this field's purpose (WCAG 1.3.5); it does not depend on the label text.
    return page.locator("input[autocomplete='one-time-code']")


def test_first_login_sets_up_the_authenticator_app(page, coordinator, axe_check):
    fill_login_form(page, coordinator.username)
    assert urlparse(page.url).path == "/accounts/two-factor/"

    # No device yet: the page shows a QR code and the key to type by hand.
    assert page.get_by_role("img", name=re.compile("QR", re.I)).is_visible()
    axe_check(page, context_name="two-factor set-up page")
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret)

    code_field(page).fill(current_code(key))
    code_field(page).press("Enter")
    page.wait_for_load_state()

    assert urlparse(page.url).path == "/"
    device = TOTPDevice.objects.get(user=coordinator)
    assert device.confirmed
    assert_no_page_problems(page)


def test_login_with_a_code_from_the_app(page, coordinator, axe_check):
    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    fill_login_form(page, coordinator.username)
    assert urlparse(page.url).path == "/accounts/two-factor/"
    axe_check(page, context_name="two-factor code page")

    # Without the code, other pages send you back here.
    page.goto("/")
    assert urlparse(page.url).path == "/accounts/two-factor/"

    wrong = "000000" if current_code(device.bin_key) != "000000" else "111111"
    code_field(page).fill(wrong)
    code_field(page).press("Enter")
    page.wait_for_load_state()
    assert urlparse(page.url).path == "/accounts/two-factor/"
    assert (
        code_field(page).get_attribute("aria-invalid") == "true"
        or page.locator("[id$='_error'], .utrecht-form-field-error-message").count() > 0
    )

    # django-otp throttles a device after a wrong code: 1 second after the
    # first failure, doubling with each further one.
    page.wait_for_timeout(1500)
    code_field(page).fill(current_code(device.bin_key))
    code_field(page).press("Enter")
    page.wait_for_load_state()

    assert urlparse(page.url).path == "/"
    assert page.get_by_role("heading", level=1).first.is_visible()
