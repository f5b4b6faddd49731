"""The main navigation by role: each user sees the sections of their work,
every link opens a page (no error, no 403), and the open section is marked
with aria-current="page" for screen readers."""

import pytest
from playwright.sync_api import expect

from openopvang.accounts.models import OrganisationKind, Role
from openopvang.core.testing import factories

from .conftest import nl

pytestmark = pytest.mark.browser

REGISTRY = ["Persons", "Households", "Locations", "Hosts"]
SECTIONS = [
    "Declaration",
    "Leefgeld",
    "National totals",
    "Duplicates",
    "Support services",
    "Parameters",
    "Audit log",
    "Staff",
    "Organisation settings",
]
ADMINISTRATION = ["Staff", "Organisation settings"]
HELP = ["Help"]  # everyone: where to go with which question

# role → the sections (besides the dashboard) its main navigation shows.
CASES = {
    "coordinator": (
        OrganisationKind.MUNICIPALITY,
        Role.COORDINATOR,
        [*REGISTRY, "Cases", "Letters", "Support services", "Reports", *HELP],
    ),
    "finance": (
        OrganisationKind.MUNICIPALITY,
        Role.FINANCE,
        [
            *REGISTRY,
            "Letters",
            "Declaration",
            "Leefgeld",
            "Support services",
            "Reports",
            "Parameters",
            *HELP,
        ],
    ),
    "administrator": (
        OrganisationKind.MUNICIPALITY,
        Role.ADMINISTRATOR,
        [
            *REGISTRY,
            "Cases",
            "Letters",
            "Declaration",
            "Leefgeld",
            "Support services",
            "Reports",
            "Parameters",
            "Audit log",
            *ADMINISTRATION,
            *HELP,
        ],
    ),
    # A superuser of a municipality also reaches the national totals.
    "superuser": (
        OrganisationKind.MUNICIPALITY,
        Role.ADMINISTRATOR,
        [
            *REGISTRY,
            "Cases",
            "Letters",
            "Declaration",
            "Leefgeld",
            "National totals",
            "Duplicates",
            "Support services",
            "Reports",
            "Parameters",
            "Audit log",
            *ADMINISTRATION,
            *HELP,
        ],
    ),
    "ngo_worker": (OrganisationKind.NGO, Role.NGO_WORKER, ["Support services", *HELP]),
    "national_viewer": (
        OrganisationKind.NATIONAL,
        Role.NATIONAL_VIEWER,
        ["National totals", "Duplicates", "Reports", "Parameters", *HELP],
    ),
}


def organisation_of(kind):
    if kind == OrganisationKind.MUNICIPALITY:
        return factories.MunicipalityFactory(code="GM0344", name="Utrecht")
    if kind == OrganisationKind.NGO:
        return factories.NgoFactory(code="NAV-NGO", name="Stichting Welkom")
    return factories.MunicipalityFactory(
        code="NOO", name="Nationale Opvang Organisatie", kind=OrganisationKind.NATIONAL
    )


@pytest.mark.parametrize("case", list(CASES))
def test_main_navigation_shows_the_sections_of_the_role(page, login, transactional_db, case):
    kind, role, expected = CASES[case]
    user = factories.UserFactory(
        username=f"nav-{case}",
        organisation=organisation_of(kind),
        role=role,
        is_superuser=case == "superuser",
    )
    login(page, user)
    nav = page.get_by_role("navigation", name=nl("Main navigation"))

    shown = [nl("Dashboard"), *(nl(name) for name in expected)]
    expect(nav.get_by_role("link")).to_have_text(shown)
    for name in SECTIONS:
        if name not in expected:
            expect(nav.get_by_role("link", name=nl(name), exact=True)).to_have_count(0)

    for name in expected:
        with page.expect_navigation() as navigation:
            nav.get_by_role("link", name=nl(name), exact=True).click()
        # The link may redirect (a national user's declaration goes to the
        # national totals); what counts is the page it ends on.
        response = navigation.value
        assert response.status == 200, f"{name}: HTTP {response.status} at {page.url}"
        current = nav.locator("[aria-current='page']")
        expect(current).to_have_count(1)
        expect(current).to_have_text(nl(name))
