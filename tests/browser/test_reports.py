"""The reports in a real browser: the municipal dashboard (with the costs,
for a finance officer), the national view and the monthly report render;
axe finds no WCAG 2.1 AA violation on either dashboard."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from openopvang.accounts.models import Role
from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_text
from openopvang.reports.tests import costs_data, data

from .conftest import assert_no_page_problems

pytestmark = pytest.mark.browser


def test_dashboard_renders_and_passes_axe(page, login, municipality, coordinator, axe_check):
    data.build(municipality)
    costs_data.build(municipality, coordinator)
    finance = factories.UserFactory(organisation=municipality, role=Role.FINANCE)
    login(page, finance)
    page.goto("/reports/?start=2024-01-01&end=2024-02-29")
    expect(page.locator("svg.oo-chart").first).to_be_visible()
    expect(page.locator('table[data-figure="costs"]')).to_contain_text("7.676,23")
    axe_check(page, context_name="municipal dashboard (finance)")
    assert_no_page_problems(page)
    shot = os.environ.get("OPENOPVANG_REPORTS_SCREENSHOT")
    if shot:  # docs/screenshots/reports.png: the costs per month of this test's hand count
        page.locator("section:has(#figure-costs)").screenshot(path=str(Path(shot)))
    link = page.get_by_role("link", name="PDF").first
    response = page.request.get(link.get_attribute("href"), headers={"Accept-Language": "nl"})
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert "7.676,23" in text.replace("\n", " ")


def test_national_view_renders_and_passes_axe(page, login, municipality, axe_check):
    data.build(municipality)
    national = factories.MunicipalityFactory(code="NAT", name="Landelijk", kind="national")
    viewer = factories.UserFactory(organisation=national, role=Role.NATIONAL_VIEWER)
    login(page, viewer)
    page.goto("/reports/national/?day=2024-01-03")
    expect(page.locator('table[data-figure="target"]')).to_contain_text("120.000")
    axe_check(page, context_name="national view")
    assert_no_page_problems(page)
