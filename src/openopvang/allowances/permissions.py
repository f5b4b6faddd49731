"""Who may change allowances: finance officers and administrators of the
municipality that owns the policy, reduction or run (core.permissions).
Four eyes: the user who prepared a run cannot approve it."""

from openopvang.core.permissions import is_finance_of, require_finance_of

__all__ = ["can_approve_run", "can_change_allowances", "can_prepare_run", "require_finance_of"]

from .models import RunStatus


def can_change_allowances(user, municipality) -> bool:
    return is_finance_of(user, municipality)


def can_prepare_run(user, run) -> bool:
    return is_finance_of(user, run.municipality_id) and run.status == RunStatus.DRAFT


def can_approve_run(user, run) -> bool:
    """A finance officer of the run's municipality other than the one who
    prepared it, while the run is prepared."""
    return (
        is_finance_of(user, run.municipality_id)
        and run.status == RunStatus.PREPARED
        and run.prepared_by_id != user.pk
    )
