"""The way out of municipal reception through the API, as on the case page:
a COA transfer that a hospital stay blocks, a departure that closes the
case, the eviction checklist that cannot be skipped; other municipalities
and roles get nothing."""

import datetime

import pytest
from rest_framework.test import APIClient

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.casework.models import Case, ClosureReason, SituationCode
from openopvang.core.testing import factories

from .test_way_out import _case

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def caseworker(municipality):
    return factories.UserFactory(
        username="casework", organisation=municipality, role=Role.CASEWORKER
    )


def _as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_hospital_stay_blocks_the_transfer_until_it_ends(caseworker):
    case = _case(caseworker, SituationCode.ASYLUM_PENDING, D(2024, 3, 1))
    api = _as(caseworker)
    transfer = api.post(
        "/api/v1/case-transfers/", {"case": case.pk, "requested_on": "2024-03-04"}, format="json"
    )
    assert transfer.status_code == 201 and transfer.json()["status"] == "requested"
    url = f"/api/v1/case-transfers/{transfer.json()['id']}/"
    offered = api.post(
        url + "offer/", {"offered_on": "2024-04-10", "coa_location": "AZC Ter Apel"}, format="json"
    )
    assert offered.json()["status"] == "offered"
    blocker = api.post(
        "/api/v1/case-transfer-blockers/",
        {"case": case.pk, "kind": "hospital", "start_date": "2024-04-12", "note": "UMCG"},
        format="json",
    )
    assert blocker.status_code == 201

    refused = api.post(url + "complete/", {"transferred_on": "2024-04-15"}, format="json")
    assert refused.status_code == 400
    assert "The transfer is blocked on 15-04-2024" in refused.content.decode()

    ended = api.post(
        f"/api/v1/case-transfer-blockers/{blocker.json()['id']}/end/",
        {"end_date": "2024-04-16"},
        format="json",
    )
    assert ended.json()["end_date"] == "2024-04-16"
    done = api.post(url + "complete/", {"transferred_on": "2024-04-17"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "transferred"
    case.refresh_from_db()
    assert (case.closed_on, case.closure_reason) == (D(2024, 4, 17), ClosureReason.TRANSFERRED_COA)
    assert api.get(f"/api/v1/case-transfers/?case={case.pk}").json()["count"] == 1
    assert AuditEvent.objects.filter(object_type="casework.Transfer", channel="api").exists()


def test_a_departure_planned_and_recorded_closes_the_case(caseworker):
    case = _case(caseworker, SituationCode.NO_RIGHT, D(2024, 3, 5))
    api = _as(caseworker)
    planned = api.post(
        "/api/v1/case-departures/",
        {"case": case.pk, "kind": "iom", "planned_on": "2024-03-20"},
        format="json",
    )
    assert planned.status_code == 201 and planned.json()["status"] == "planned"
    departed = api.post(
        f"/api/v1/case-departures/{planned.json()['id']}/depart/",
        {"departed_on": "2024-03-21"},
        format="json",
    )
    assert departed.status_code == 200
    case = Case.objects.get(pk=case.pk)
    assert (case.closed_on, case.closure_reason) == (D(2024, 3, 21), ClosureReason.DEPARTED_IOM)


def test_the_eviction_checklist_cannot_be_skipped(caseworker):
    case = _case(caseworker, SituationCode.NO_RIGHT, D(2024, 3, 5))
    after = case.deadlines.get().legal_deadline + datetime.timedelta(days=1)
    api = _as(caseworker)

    def step(code, day):
        return api.post(
            "/api/v1/case-eviction-steps/",
            {"case": case.pk, "step": code, "done_on": day.isoformat(), "note": "Done."},
            format="json",
        )

    skipped = step("informed", after)
    assert skipped.status_code == 400 and "First record" in skipped.content.decode()
    assert step("right_ended", after).status_code == 201
    assert step("informed", after + datetime.timedelta(days=1)).status_code == 201
    assert api.get(f"/api/v1/case-eviction-steps/?case={case.pk}").json()["count"] == 2


def test_other_municipalities_and_roles_get_nothing(caseworker, outsider, finance_officer):
    case = _case(caseworker, SituationCode.ASYLUM_PENDING, D(2024, 3, 1))
    body = {"case": case.pk, "requested_on": "2024-03-04"}
    assert _as(outsider).post("/api/v1/case-transfers/", body, format="json").status_code == 400
    assert (
        _as(finance_officer).post("/api/v1/case-transfers/", body, format="json").status_code == 403
    )
    made = _as(caseworker).post("/api/v1/case-transfers/", body, format="json").json()
    assert _as(outsider).get(f"/api/v1/case-transfers/{made['id']}/").status_code == 404
    assert (
        _as(outsider)
        .post(f"/api/v1/case-transfers/{made['id']}/cancel/", {"note": "x"}, format="json")
        .status_code
        == 404
    )
