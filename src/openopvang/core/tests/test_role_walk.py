"""The role walk: every page and API route, asked for with GET by every role
of the municipality that owns the records (and by the NGO that delivers to it
and the national organisation), answers as the table below says.

Allowed: the route answers (200, or a redirect that is not the login page;
400 or 422 where the route needs a query the walk does not give). Refused: 403,
or 404 where the route does not exist for that kind of organisation; never
the page. A new route that is not in the table fails the walk, so who may see
it is decided when it is written."""

from fnmatch import fnmatch

import pytest
from django.test import Client

from openopvang.accounts.models import Organisation, Role
from openopvang.core.testing import factories
from openopvang.core.testing.isolation import (
    NON_OBJECT_KWARGS,
    build_victims,
    concrete_path,
    iter_routes,
    model_of,
)

COORD, CASE, FIN, ADMIN = Role.COORDINATOR, Role.CASEWORKER, Role.FINANCE, Role.ADMINISTRATOR
NGO, NATIONAL = Role.NGO_WORKER, Role.NATIONAL_VIEWER
MUNICIPAL = {COORD, CASE, FIN, ADMIN}
REGISTRY_EDIT = {COORD, CASE, ADMIN}
FINANCE = {FIN, ADMIN}
EVERYONE = MUNICIPAL | {NGO, NATIONAL}
# Not walked: the answer depends on the user, not the role (a user's own
# tokens), or the route takes only POST.
NOT_WALKED = None

# Route name patterns, first match wins → the roles that may GET the route.
ROLE_TABLE: list[tuple[str, set | None]] = [
    # finance: payment runs, eigen bijdrage, declarations of the municipality
    ("allowances:*", FINANCE),
    ("declarations:national*", {NATIONAL}),
    ("declarations:index", FINANCE | {NATIONAL}),  # the national viewer is sent on
    ("declarations:*", FINANCE),
    ("payment-run-*", FINANCE),
    ("allowance-policy-*", FINANCE),
    ("eigen-bijdrage-*", FINANCE),
    ("declaration-*", FINANCE),
    ("cost-line-*", FINANCE),
    ("advance-request-*", FINANCE),
    # registry pages: the municipality's staff; changes by the registry roles
    ("registry:*_create", REGISTRY_EDIT),
    ("registry:*_update", REGISTRY_EDIT),
    ("registry:*_delete", REGISTRY_EDIT),
    ("registry:*_end", REGISTRY_EDIT),
    ("registry:person_check_*", REGISTRY_EDIT),
    ("registry:person_move", REGISTRY_EDIT),
    ("registry:household_payee", REGISTRY_EDIT),
    ("registry:household_check_*", REGISTRY_EDIT),
    ("registry:household_move", REGISTRY_EDIT),
    ("registry:household_member_search", REGISTRY_EDIT),  # the picker of "Add member"
    ("registry:*", MUNICIPAL),
    # casework (sensitive): the municipality's caseworkers, coordinators and administrators
    ("casework:saved_filter_*", NOT_WALKED),  # POST only
    ("casework:digest_choice", NOT_WALKED),  # POST only
    ("casework:*", REGISTRY_EDIT),
    ("casework-*", REGISTRY_EDIT),
    # duplicates across municipalities: the national run for the national
    # organisation (counts only); each pair for the registry editors of its two municipalities
    ("dedup:national*", {NATIONAL}),
    ("dedup:*", REGISTRY_EDIT),
    ("duplicate-run-*", {NATIONAL}),
    ("duplicate-match-*", REGISTRY_EDIT),
    # imports and exports of persons: the municipality's registry editors
    ("imports:*", REGISTRY_EDIT),
    ("import-job-*", REGISTRY_EDIT),
    # the audit log: administrators
    ("audit:*", {ADMIN}),
    # privacy duties (retention, subject access requests): the municipality's administrators
    ("privacy:*", {ADMIN}),
    # parameters: everyone reads; changes by the national administrator only
    ("rules:parameter_list", EVERYONE),
    ("rules:*", set()),
    # personal tokens are the user's own
    ("accounts:token_revoke", NOT_WALKED),
    ("token-*", NOT_WALKED),
    ("accounts:organisation", {ADMIN}),
    ("accounts:staff_*", {ADMIN}),
    ("accounts:invitation", NOT_WALKED),  # public: the link in the e-mail
    ("accounts:*", EVERYONE),
    ("core:dashboard", EVERYONE),
    # letters: the municipality's staff make letters; its coordinators and administrators
    # change the texts
    ("letters:template_create", {COORD, ADMIN}),
    ("letters:template_update", {COORD, ADMIN}),
    ("letters:*", MUNICIPAL),
    ("letter-template-*", MUNICIPAL),
    ("sent-letter-*", MUNICIPAL),
    ("letter-batch-*", MUNICIPAL),
    ("letter-preview-*", MUNICIPAL),  # POST only: the walk sees 403 or 405
    # reports: the municipal dashboard for its staff; the national view for the national viewer
    ("reports:national*", {NATIONAL}),
    ("reports:ngo", {NGO}),
    ("national-report-figures-*", {NATIONAL}),
    ("national-casework-figures-*", {NATIONAL}),
    ("report-figure-*", MUNICIPAL),
    ("reports:*", MUNICIPAL),
    # support: ending an enrolment, by who may enrol (the municipality's buyers, the NGO)
    ("support:enrolment_end", {COORD, FIN, ADMIN, NGO}),
    ("support:enrol_person_search", {COORD, FIN, ADMIN, NGO}),  # the enrolment's person picker
    # help: content by the national editor (an administrator of the national
    # organisation, not among the walked roles); desks by the municipality's
    # administrator; consultation hours and their bookings by NGO staff
    ("help:index", EVERYONE),
    ("help:topic*", set()),
    ("help:agency*", set()),
    ("help:feedback_list", set()),
    ("help:document*", set()),
    ("help:issue_send", NOT_WALKED),  # POST only
    ("help:issue*", set()),
    ("help:desk_*", {ADMIN}),
    ("help:hour_*", {NGO}),
    ("help:booking_cancel", {NGO}),  # POST only
]
# Routes whose reads are scoped by organisation and partner rules (an NGO
# sees the participants enrolled with it) rather than by role; the isolation
# walk covers them. Listed so that a new route still has to be placed.
SCOPED_BY_ORGANISATION = (
    "support*",
    "person-*",
    "household-*",
    "location-*",
    "capacity-period-*",
    "host-*",
    "placement-*",
    "income-period-*",
    "provision-*",
    "parameter-list",
    "api-*",
    "healthz",
    "set_language",
    "parameters_public:*",
    # public on purpose: no login, no personal data (help/tests/test_public.py)
    "help_public:*",
    # public and read-only, like parameter-list (help/tests/test_api.py)
    "help-topic-*",
    "help-organisation-*",
    "consultation-hour-*",
)

ALLOWED_STATUSES = {200, 400, 422}
REFUSED_STATUSES = {403, 404}


def allowed_roles(name: str):
    for pattern, roles in ROLE_TABLE:
        if fnmatch(name, pattern):
            return roles
    return "unplaced"


def _users(municipality, coordinator):
    users = {COORD: coordinator}
    for role in (CASE, FIN, ADMIN):
        users[role] = factories.UserFactory(
            username=f"walk-{role}", organisation=municipality, role=role
        )
    users[NGO] = factories.UserFactory(
        username="walk-ngo", organisation=Organisation.objects.get(code="VWN"), role=NGO
    )
    national = factories.MunicipalityFactory(code="NAT-WALK", name="National", kind="national")
    users[NATIONAL] = factories.UserFactory(
        username="walk-national", organisation=national, role=NATIONAL
    )
    return users


def _path(route, victims) -> str:
    model = model_of(route)
    values = {}
    for name in route.kwargs:
        if name == "index":  # a line's position in a declaration, not an id
            values[name] = 0
        elif name in NON_OBJECT_KWARGS:
            values[name] = {
                "year": 2024,
                "month": "2024-03",
                "code": "GM0344",
                "action": "deactivate",
            }.get(name, "nl")
        else:
            values[name] = victims[model._meta.label].pk
    return concrete_path(route, values)


def _walked_routes():
    for route in iter_routes():
        if route.pattern.startswith(("admin/", "static/", "__debug__")):
            continue
        if "format" in route.kwargs or not route.name:
            continue
        yield route


@pytest.mark.django_db
def test_every_route_answers_every_role_as_the_table_says(municipality, coordinator):
    from django.utils import timezone

    from openopvang.declarations.models import NationalRun

    victims = build_victims(municipality, coordinator)
    NationalRun.objects.create(year=timezone.localdate().year - 1)  # the progress box shows it
    clients = {}
    for role, user in _users(municipality, coordinator).items():
        clients[role] = Client()
        clients[role].force_login(user)
    unplaced, wrong, walked = [], [], 0
    for route in _walked_routes():
        roles = allowed_roles(route.name)
        if roles == "unplaced":
            if not any(fnmatch(route.name, p) for p in SCOPED_BY_ORGANISATION):
                unplaced.append(route.name)
            continue
        if roles is NOT_WALKED:
            continue
        path = _path(route, victims)
        for role, client in clients.items():
            response = client.get(path)
            status = response.status_code
            if status == 405:  # POST only: the service checks the same predicate
                continue
            walked += 1
            login = status == 302 and "/accounts/login/" in response.get("Location", "")
            if role in roles:
                if login or not (status in ALLOWED_STATUSES or status == 302):
                    wrong.append(f"GET {path} as {role}: {status}, should be allowed")
            elif status not in REFUSED_STATUSES:
                wrong.append(f"GET {path} as {role}: {status}, should be refused")
    assert not unplaced, f"Routes missing from the role table: {unplaced}"
    assert not wrong, "Routes that do not follow the role table:\n" + "\n".join(wrong)
    assert walked > 300


def test_a_coordinator_cannot_download_the_sepa_file(client, coordinator, municipality):
    """Seen in the demo: a registry-only coordinator downloaded every payee's
    IBAN from /allowances/runs/N/export.xml."""
    victims = build_victims(municipality, coordinator)
    run = victims["allowances.PaymentRun"]
    client.force_login(coordinator)
    for path in (
        f"/allowances/runs/{run.pk}/export.xml",
        f"/allowances/runs/{run.pk}/",
        f"/api/v1/payment-runs/{run.pk}/sepa/",
        "/api/v1/payment-runs/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "NL" not in response.get("Content-Disposition", "")
    response = client.get("/allowances/")
    assert response.status_code == 403
    assert "finance officers" in response.content.decode()
