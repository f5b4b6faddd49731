"""The project-wide isolation walk, for the allowances routes only (the walk in
core/tests covers every app once it imports allowances.tests.isolation)."""

from django.test import Client

from openopvang.accounts.models import Role
from openopvang.core.testing import factories
from openopvang.core.testing.isolation import build_victims, walk_object_routes

from . import isolation  # noqa: F401 - registers the allowances victims

PREFIXES = (
    "allowances/",
    "api/v1/payment-runs",
    "api/v1/allowance-policies",
    "api/v1/eigen-bijdrage",
)


def test_every_allowances_route_is_404_for_another_municipality(
    municipality, coordinator, other_municipality
):
    victims = build_victims(municipality, coordinator)
    # A coordinator has no finance role anywhere (403 everywhere, the role walk).
    users = [
        factories.UserFactory(
            username="walk-finance", organisation=other_municipality, role=Role.FINANCE
        ),
        factories.UserFactory(
            username="walk-admin", organisation=other_municipality, role=Role.ADMINISTRATOR
        ),
    ]
    checked, problems = walk_object_routes(victims, users, PREFIXES)
    assert not problems, "\n".join(problems)
    assert checked >= 90


def test_lists_never_show_another_municipalitys_runs(municipality, coordinator, other_municipality):
    build_victims(municipality, coordinator)
    client = Client()
    client.force_login(
        factories.UserFactory(
            username="walk-fin", organisation=other_municipality, role=Role.FINANCE
        )
    )
    for path in (
        "/allowances/",
        "/allowances/eigen-bijdrage/?month=2024-09",
        "/api/v1/payment-runs/",
        "/api/v1/eigen-bijdrage-reductions/",
        "/api/v1/eigen-bijdrage/?month=2024-09",
        "/api/v1/allowance-policies/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert "Victimenko" not in text and "10.00" not in text, path
