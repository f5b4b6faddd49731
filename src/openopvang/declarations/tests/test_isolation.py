"""The isolation walk for the declarations and parameters routes (the walk
in core/tests covers every app once it imports declarations.tests.isolation)."""

import pytest

from openopvang.accounts.models import Role
from openopvang.core.testing import factories
from openopvang.core.testing.isolation import build_victims, walk_object_routes

from . import isolation  # noqa: F401 - registers the declarations victims

pytestmark = pytest.mark.django_db

PREFIXES = (
    "declarations/",
    "rules/",
    "api/v1/declarations",
    "api/v1/cost-lines",
    "api/v1/advance-requests",
    "api/v1/parameters",
)


def test_every_declarations_route_is_404_for_another_municipality(
    municipality, coordinator, other_municipality
):
    victims = build_victims(municipality, coordinator)
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
    assert checked > 60


def test_pages_without_ids_never_show_another_municipalitys_data(
    municipality, coordinator, other_municipality, client
):
    build_victims(municipality, coordinator)
    outsider = factories.UserFactory(
        username="walk-outsider-fin", organisation=other_municipality, role=Role.FINANCE
    )
    client.force_login(outsider)
    for path in (
        "/declarations/",
        "/declarations/2024/",
        "/declarations/2024/lines/",
        "/declarations/2024/export.csv",
        "/declarations/2024/advance/",
        "/api/v1/declarations/compute/?year=2024",
        "/api/v1/cost-lines/",
        "/api/v1/advance-requests/",
        "/api/v1/declarations/",
    ):
        text = client.get(path).content.decode(errors="ignore")
        assert "Victimenko" not in text, path
