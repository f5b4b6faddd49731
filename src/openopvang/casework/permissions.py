"""Who may work on cases: the municipality's caseworkers, coordinators and
administrators read and change them (case data is sensitive: finance officers,
NGOs and the national organisation see none of it). Services, views,
templates and the API ask these predicates."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import (
    allowed_on_record,
    has_role,
    is_staff_of_municipality,
    organisation_of,
    require,
)

from .models import CASEWORK_ROLES

NOT_CASEWORK = _(
    "Casework is for the caseworkers, coordinators and administrators of the municipality."
)


def can_work_cases(user, municipality) -> bool:
    """A caseworker, coordinator or administrator of that municipality."""
    return is_staff_of_municipality(user, municipality) and has_role(user, CASEWORK_ROLES)


def can_change_case(user, record) -> bool:
    """`record`: a case, situation, deadline, suspension or extension."""
    return allowed_on_record(user, record, can_work_cases)


def require_can_change_case(user, record) -> None:
    require(can_change_case(user, record), _("You cannot change this case."))


def casework_municipality(user):
    """The municipality whose cases the user works on. Not a municipality's
    staff: 404 (the pages do not exist for them); another municipal role: 403
    with the reason."""
    organisation = organisation_of(user)
    if organisation is None or not organisation.is_municipality:
        raise Http404
    require(can_work_cases(user, organisation), NOT_CASEWORK)
    return organisation
