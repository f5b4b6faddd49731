"""The isolation walk for the declarations and parameters routes (the walk
in core/tests covers every app once it imports declarations.tests.isolation)."""

import pytest
from django.test import Client

from openopvang.accounts.models import Role
from openopvang.core.testing import factories
from openopvang.core.testing.isolation import build_victims, concrete_path, iter_routes, model_of

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
NON_OBJECT = {"year", "format"}


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
    checked, problems = 0, []
    for route in iter_routes():
        if not route.pattern.startswith(PREFIXES) or "format" in route.kwargs:
            continue
        object_kwargs = [k for k in route.kwargs if k not in NON_OBJECT]
        if not object_kwargs:
            continue
        model = model_of(route)
        if model is None or model._meta.label not in victims:
            problems.append(f"unresolved {route.name}")
            continue
        values = {k: victims[model._meta.label].pk for k in object_kwargs}
        values.update({k: 2024 for k in route.kwargs if k in NON_OBJECT})
        path = concrete_path(route, values)
        for user in users:
            client = Client()
            client.force_login(user)
            for method in ("get", "post", "delete"):
                status = getattr(client, method)(path).status_code
                checked += 1
                if status not in (404, 405):
                    problems.append(f"{method.upper()} {path} as {user.username}: {status}")
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
