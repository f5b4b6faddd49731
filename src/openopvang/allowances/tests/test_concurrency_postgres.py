"""Payment runs with two finance officers at the same moment, on PostgreSQL
(each in its own thread and database session): a run is prepared once and
approved once, whoever clicks first; the other is told why not. Held before
the concurrency work of issue 16; these tests keep it so."""

import pytest
from django.core.exceptions import ValidationError

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.concurrency import at_once, postgresql_only, refused, succeeded

from .. import services
from ..models import PaymentRun, RunStatus
from .conftest import MARCH

pytestmark = postgresql_only


@pytest.fixture
def finance_officer_c(municipality):
    return factories.UserFactory(username="finance_c", organisation=municipality, role=Role.FINANCE)


def test_preparing_a_run_twice_at_once_prepares_it_once(family, finance_officer, finance_officer_b):
    run = services.create_run(finance_officer, MARCH)
    results = at_once(
        lambda: services.prepare_run(finance_officer, PaymentRun.objects.get(pk=run.pk)),
        lambda: services.prepare_run(finance_officer_b, PaymentRun.objects.get(pk=run.pk)),
    )
    assert len(succeeded(results)) == 1
    [error] = refused(results)
    assert isinstance(error, ValidationError)
    assert "Only a draft run can be prepared." in error.messages
    run.refresh_from_db()
    assert run.status == RunStatus.PREPARED
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.UPDATE, object_type="allowances.PaymentRun", object_id=str(run.pk)
        ).count()
        == 1
    )


def test_approving_a_run_twice_at_once_approves_it_once(
    family, finance_officer, finance_officer_b, finance_officer_c
):
    run = services.prepare_run(finance_officer, services.create_run(finance_officer, MARCH))
    results = at_once(
        lambda: services.approve_run(finance_officer_b, PaymentRun.objects.get(pk=run.pk)),
        lambda: services.approve_run(finance_officer_c, PaymentRun.objects.get(pk=run.pk)),
    )
    assert len(succeeded(results)) == 1
    [error] = refused(results)
    assert isinstance(error, ValidationError)
    assert "Only a prepared run can be approved." in error.messages
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    assert AuditEvent.objects.filter(action=AuditAction.APPROVE, object_id=str(run.pk)).count() == 1
    # The leefgeld provisions of the month are recorded once.
    assert run.municipality.persons.get(pk=family["olena"].pk).provisions.count() == 1
