"""The allowances services check the run's (or policy's, reduction's)
municipality, not only the role: called directly (a background job, the
command line) by a finance officer of another municipality they refuse and
change nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from openopvang.accounts.models import Role
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories

from .. import services
from ..models import EigenBijdrageReduction, MunicipalPolicy, PaymentRun, RunStatus
from ..permissions import can_approve_run
from .conftest import MARCH

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance_of_amsterdam(other_municipality):
    return factories.UserFactory(
        username="finance_amsterdam", organisation=other_municipality, role=Role.FINANCE
    )


@pytest.fixture
def prepared_run(family, finance_officer):
    run = services.create_run(finance_officer, MARCH)
    return services.prepare_run(finance_officer, run)


def _approvals(run):
    return AuditEvent.objects.filter(
        object_type="allowances.PaymentRun", object_id=str(run.pk), action="approve"
    )


def test_a_finance_officer_of_another_municipality_cannot_approve(
    prepared_run, finance_of_amsterdam
):
    with pytest.raises(PermissionDenied, match="Only finance officers of the municipality"):
        services.approve_run(finance_of_amsterdam, prepared_run)
    prepared_run.refresh_from_db()
    assert prepared_run.status == RunStatus.PREPARED and prepared_run.approved_by is None
    assert not _approvals(prepared_run).exists()
    assert not can_approve_run(finance_of_amsterdam, prepared_run)


def test_a_coordinator_of_the_municipality_cannot_approve(prepared_run, coordinator):
    with pytest.raises(PermissionDenied):
        services.approve_run(coordinator, prepared_run)
    prepared_run.refresh_from_db()
    assert prepared_run.status == RunStatus.PREPARED
    assert not can_approve_run(coordinator, prepared_run)


def test_another_municipality_cannot_prepare_recompute_or_delete(
    family, finance_officer, finance_of_amsterdam
):
    run = services.create_run(finance_officer, MARCH)
    total = run.total
    for action in (services.prepare_run, services.recompute_run, services.delete_run):
        with pytest.raises(PermissionDenied):
            action(finance_of_amsterdam, run)
    run = PaymentRun.objects.get(pk=run.pk)
    assert (run.status, run.total) == (RunStatus.DRAFT, total)


def test_the_second_finance_officer_approves(prepared_run, finance_officer, finance_officer_b):
    assert not can_approve_run(finance_officer, prepared_run)  # four eyes
    assert can_approve_run(finance_officer_b, prepared_run)
    run = services.approve_run(finance_officer_b, prepared_run)
    assert run.status == RunStatus.APPROVED


def test_another_municipalitys_policy_and_reductions_cannot_be_changed(
    family, municipality, finance_officer, finance_of_amsterdam
):
    policy = MunicipalPolicy.objects.create(municipality=municipality)
    policy.recompute_months = 7
    with pytest.raises(PermissionDenied):
        services.save_policy(finance_of_amsterdam, policy)
    assert MunicipalPolicy.objects.get(pk=policy.pk).municipality_id == municipality.pk
    assert MunicipalPolicy.objects.get(pk=policy.pk).recompute_months != 7

    reduction = services.save_reduction(
        finance_officer,
        EigenBijdrageReduction(
            household=family["household"], month=MARCH, amount=Decimal("5"), reason="arrangement"
        ),
    )
    reduction.amount = Decimal("50")
    with pytest.raises(PermissionDenied):
        services.save_reduction(finance_of_amsterdam, reduction)
    with pytest.raises(PermissionDenied):
        services.delete_reduction(finance_of_amsterdam, reduction)
    assert EigenBijdrageReduction.objects.get(pk=reduction.pk).amount == Decimal("5.00")
