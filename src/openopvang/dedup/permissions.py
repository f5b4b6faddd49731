"""Who may do what with probable duplicates across municipalities: the
national organisation starts the run and sees counts, never a person; the
registry editors (coordinators, caseworkers, administrators) of each of the
two municipalities see their pair and decide on their side."""

from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import can_edit_registry, organisation_of, require
from openopvang.declarations.permissions import can_see_national

ONLY_NATIONAL_RUN = _("Only the national organisation runs the national duplicate check.")
NOT_REGISTRY_EDITOR = _("Duplicates are for the coordinators, caseworkers and administrators.")


def can_run_national(user) -> bool:
    return can_see_national(user)


def require_can_run_national(user) -> None:
    require(can_run_national(user), ONLY_NATIONAL_RUN)


def can_see_duplicates(user) -> bool:
    """A registry editor of a municipality (the list of its pairs)."""
    return can_edit_registry(user, organisation_of(user))


def can_decide_on(user, match) -> bool:
    """A registry editor of one of the pair's two municipalities."""
    return can_edit_registry(user, match.person_a.municipality_id) or can_edit_registry(
        user, match.person_b.municipality_id
    )
