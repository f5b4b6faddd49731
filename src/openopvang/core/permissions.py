"""Who may do what, written once. Predicates take the user and the record's
owning organisation (or the record), so a check holds whatever door the call
comes through: a view, the API, a background job or the command line. Each
app keeps the predicates about its own records in its `permissions.py`; they
build on these.

Services call `require(predicate(...), message)` first; views, templates
(button state) and API permission classes ask the same predicates.

core sits below accounts, so these read `user.organisation` and `user.role`
by duck typing; the role sets are plain strings (accounts.models.Role values).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

COORDINATOR = "coordinator"
FINANCE = "finance"
CASEWORKER = "caseworker"
NGO_WORKER = "ngo_worker"
NATIONAL_VIEWER = "national_viewer"
ADMINISTRATOR = "administrator"

# Roles that may change registry data of their municipality.
REGISTRY_EDIT_ROLES = frozenset({COORDINATOR, CASEWORKER, ADMINISTRATOR})
# Roles that change the money of their municipality (declarations, allowances).
FINANCE_ROLES = frozenset({FINANCE, ADMINISTRATOR})

NOT_YOUR_ORGANISATION = _("This record belongs to another organisation; you cannot change it.")


def _pk(organisation):
    return getattr(organisation, "pk", organisation)


def organisation_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "organisation", None)


def belongs_to(user, organisation) -> bool:
    """The user works for `organisation` (an Organisation or its pk)."""
    own = organisation_of(user)
    return own is not None and organisation is not None and own.pk == _pk(organisation)


def has_role(user, roles) -> bool:
    return getattr(user, "role", None) in roles


def is_staff_of_municipality(user, municipality) -> bool:
    own = organisation_of(user)
    return belongs_to(user, municipality) and own.is_municipality


def can_edit_registry(user, municipality) -> bool:
    """A coordinator, caseworker or administrator of that municipality."""
    return is_staff_of_municipality(user, municipality) and has_role(user, REGISTRY_EDIT_ROLES)


def is_finance_of(user, municipality) -> bool:
    """A finance officer or administrator of that municipality."""
    return is_staff_of_municipality(user, municipality) and has_role(user, FINANCE_ROLES)


def is_org_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, {ADMINISTRATOR})


def require(allowed: bool, message=None) -> None:
    """Raise PermissionDenied (403 in a view or the API) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(str(message or _("You are not allowed to do this.")))


def require_finance_of(user, municipality_or_record) -> None:
    """For a municipality, or a record owned by one (then checked as
    `allowed_on_record` does)."""
    if hasattr(municipality_or_record, "scope_path"):
        allowed = allowed_on_record(user, municipality_or_record, is_finance_of)
    else:
        allowed = is_finance_of(user, municipality_or_record)
    require(allowed, _("Only finance officers of the municipality can do this."))


FINANCE_ONLY = _(
    "Payment runs, declarations and the eigen bijdrage are for the finance officers and "
    "administrators of the municipality."
)


def require_municipal_staff(user) -> None:
    """Reading the registry: staff of a municipality, any role. For an NGO or
    the national organisation these pages do not exist (404); theirs are
    elsewhere."""
    if not is_staff_of_municipality(user, organisation_of(user)):
        raise Http404


def finance_municipality(user):
    """The municipality whose money the user works on. Not a municipality's
    staff: 404 (these pages do not exist for them); a municipal role other
    than finance or administrator: 403 with the reason. Every finance page and
    API route asks this first."""
    organisation = organisation_of(user)
    if organisation is None or not organisation.is_municipality:
        raise Http404
    require(is_finance_of(user, organisation), FINANCE_ONLY)
    return organisation


# -- owners of records ---------------------------------------------------------------------


def owner_id(record):
    """The pk of the organisation that owns `record`, following its
    `scope_path` (see core.scoping) on the instance as it is in memory."""
    names = record.scope_path.split("__")
    obj = record
    for name in names[:-1]:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{names[-1]}_id", None)


def stored_owner_id(record):
    """The owner of the row as it is stored (None for a new record): a
    change may not move a record out of another organisation either."""
    if record.pk is None:
        return None
    return (
        type(record)
        ._base_manager.filter(pk=record.pk)
        .values_list(record.scope_path, flat=True)
        .first()
    )


def allowed_on_record(user, record, predicate) -> bool:
    """`predicate(user, owner)` holds for the record's owner as it is in
    memory and, for a stored record, as it is stored."""
    if not predicate(user, owner_id(record)):
        return False
    return record.pk is None or predicate(user, stored_owner_id(record))
