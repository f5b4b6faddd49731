"""Casework on the municipal dashboard: open cases by their current
situation and the open deadlines due within a week and overdue, counted by
hand; only the roles that do casework see them."""

import datetime

import pytest
from django.utils import timezone

from openopvang.casework.models import Deadline, SituationCode
from openopvang.core.testing import factories

from .test_views_dashboard import _table

pytestmark = pytest.mark.django_db


def _deadline(situation, due, closed_on=None, kind="departure"):
    return Deadline.objects.create(
        case=situation.case,
        situation=situation,
        kind=kind,
        start_date=situation.start_date,
        due_date=due,
        closed_on=closed_on,
    )


def test_cases_by_situation_and_deadlines(coordinator_client, municipality, finance_officer):
    today = timezone.localdate()
    protected = factories.SituationFactory(case__municipality=municipality)
    factories.SituationFactory(case__municipality=municipality)
    rejected = factories.SituationFactory(
        case__municipality=municipality, code=SituationCode.REJECTED_NO_APPEAL
    )
    # a later situation replaces the first of a case
    no_right = factories.SituationFactory(
        case=rejected.case, code=SituationCode.NO_RIGHT, start_date=datetime.date(2024, 3, 1)
    )
    closed = factories.SituationFactory(case__municipality=municipality)
    closed.case.closed_on = today
    closed.case.closure_reason = "housed"
    closed.case.save()
    _deadline(protected, today - datetime.timedelta(days=1))  # overdue
    _deadline(rejected, today + datetime.timedelta(days=3))  # due within a week
    _deadline(no_right, today + datetime.timedelta(days=30))  # later
    _deadline(no_right, today - datetime.timedelta(days=9), today, "coa_transfer")  # done
    html = coordinator_client.get("/reports/").content.decode()
    rows = dict(_table(html, "casework")[1:])
    assert rows["Protected (temporary protection)"] == "2"
    assert rows["No right of residence"] == "1"
    assert rows["Asylum rejected, no appeal"] == "0"
    assert rows["Deadlines due within a week"] == "1"
    assert rows["Deadlines overdue"] == "1"
    assert "3 open cases; 1 deadlines are overdue and 1 due within a week" in html


def test_finance_officer_sees_no_casework(client, finance_officer):
    client.force_login(finance_officer)
    assert 'data-figure="casework"' not in client.get("/reports/").content.decode()
