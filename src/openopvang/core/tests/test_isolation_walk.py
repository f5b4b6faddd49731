"""Every URL of the project, asked for another municipality's records, answers
404 — exactly as if the record did not exist — and never shows its data."""

import pytest
from django.test import Client

from openopvang.accounts.models import Role
from openopvang.core.testing import factories
from openopvang.core.testing.isolation import (
    NON_OBJECT_KWARGS,
    build_victims,
    concrete_path,
    is_public,
    iter_routes,
    model_of,
)

# Routes with only non-object arguments (NON_OBJECT_KWARGS) are scoped by the
# user's organisation, so they are walked for leaked data instead of a 404.
SKIP_PREFIXES = ("admin/", "static/", "__debug__")


@pytest.fixture
def victims(municipality, coordinator):
    return build_victims(municipality, coordinator)


def _routes():
    for route in iter_routes():
        if route.pattern.startswith(SKIP_PREFIXES) or "format" in route.kwargs:
            continue
        yield route


def _clients(other_municipality, db):
    ngo = factories.NgoFactory(code="NGO-OTHER", name="Other NGO")
    national = factories.MunicipalityFactory(code="NAT-TEST", name="National", kind="national")
    users = {
        "coordinator of another municipality": factories.UserFactory(
            username="walk-outsider", organisation=other_municipality, role=Role.COORDINATOR
        ),
        "administrator of another municipality": factories.UserFactory(
            username="walk-admin", organisation=other_municipality, role=Role.ADMINISTRATOR
        ),
        "NGO worker": factories.UserFactory(
            username="walk-ngo", organisation=ngo, role=Role.NGO_WORKER
        ),
        "national viewer": factories.UserFactory(
            username="walk-national", organisation=national, role=Role.NATIONAL_VIEWER
        ),
    }
    clients = {}
    for label, user in users.items():
        client = Client()
        client.force_login(user)
        clients[label] = client
    return clients


def test_every_object_route_is_404_for_other_organisations(victims, other_municipality, db):
    clients = _clients(other_municipality, db)
    unresolved, leaks, checked = [], [], 0
    for route in _routes():
        object_kwargs = [k for k in route.kwargs if k not in NON_OBJECT_KWARGS]
        if not object_kwargs:
            continue
        if is_public(route):
            continue
        model = model_of(route)
        if model is None or model._meta.label not in victims:
            unresolved.append(f"{route.name or route.pattern} ({model and model._meta.label})")
            continue
        values = {k: victims[model._meta.label].pk for k in object_kwargs}
        values.update({k: 2024 for k in route.kwargs if k in NON_OBJECT_KWARGS})
        path = concrete_path(route, values)
        missing_path = concrete_path(route, {**values, **{k: 987654 for k in object_kwargs}})
        for label, client in clients.items():
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                checked += 1
                status = response.status_code
                if status == 405 or status == 404:
                    continue
                # A role that may never use a route (an NGO worker on the registry,
                # a coordinator on the audit log) may be refused before any lookup —
                # but only with the answer a record that does not exist gets too,
                # so the answer reveals nothing.
                refused_alike = (
                    status in (401, 403)
                    and getattr(client, method)(missing_path).status_code == status
                )
                if not refused_alike:
                    leaks.append(f"{method.upper()} {path} as {label}: {status}")
    assert not leaks, "Routes that do not answer 404 for another organisation:\n" + "\n".join(leaks)
    assert not unresolved, (
        "The isolation walk cannot tell which model these routes' ids refer to; give the view "
        "a `model`/`queryset` or `isolation_model`, and add a builder in "
        f"core/testing/isolation.py: {unresolved}"
    )
    assert not leaks, "Routes that do not answer 404 for another organisation:\n" + "\n".join(leaks)
    assert checked > 100


def test_lists_and_pages_never_show_another_municipalitys_people(victims, other_municipality, db):
    clients = _clients(other_municipality, db)
    secrets = ("Victimenko", "111222333")
    leaks = []
    for route in _routes():
        if any(k not in NON_OBJECT_KWARGS for k in route.kwargs):
            continue
        path = concrete_path(
            route, {k: "2024" if k in {"year"} else "GM0344" for k in route.kwargs}
        )
        if "<" in path or "(?" in path:
            continue
        for label, client in clients.items():
            response = client.get(path)
            body = b"".join(response) if response.streaming else response.content
            text = body.decode(errors="ignore")
            if any(secret in text for secret in secrets):
                leaks.append(f"GET {path} as {label} shows the other municipality's person")
    assert not leaks, "\n".join(leaks)


def test_the_owner_reaches_the_same_routes(victims, coordinator):
    """The walk is meaningful only if the owner does get the pages."""
    client = Client()
    client.force_login(coordinator)
    person = victims["registry.Person"]
    for path in (f"/registry/persons/{person.pk}/", f"/api/v1/persons/{person.pk}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Victimenko" in response.content.decode()
