"""Who may do what in support services (core.permissions):
- staff of the providing NGO (NGO worker or administrator) keep the catalogue,
  make offers, register delivery and make and send invoices;
- staff of the addressed municipality (coordinator, finance, administrator)
  accept or decline offers and enrol persons (the NGO may enrol too);
- finance officers and administrators of the municipality approve or dispute
  invoice lines.
`ngo` / `municipality` is the owning organisation or its pk; None asks only
about the role and the kind of organisation (e.g. to show a "new" button)."""

from django.utils.translation import gettext as _

from openopvang.core.permissions import (
    ADMINISTRATOR,
    COORDINATOR,
    FINANCE,
    FINANCE_ROLES,
    NGO_WORKER,
    belongs_to,
    has_role,
    organisation_of,
    require,
)

NGO_ROLES = frozenset({NGO_WORKER, ADMINISTRATOR})
BUYER_ROLES = frozenset({COORDINATOR, FINANCE, ADMINISTRATOR})
APPROVER_ROLES = FINANCE_ROLES


def _works_for(user, organisation, kind: str) -> bool:
    own = organisation_of(user)
    return bool(
        own is not None
        and getattr(own, f"is_{kind}", False)
        and (organisation is None or belongs_to(user, organisation))
    )


def is_ngo_worker(user, ngo=None) -> bool:
    return _works_for(user, ngo, "ngo") and has_role(user, NGO_ROLES)


def is_municipal_buyer(user, municipality=None) -> bool:
    return _works_for(user, municipality, "municipality") and has_role(user, BUYER_ROLES)


def is_municipal_approver(user, municipality=None) -> bool:
    return is_municipal_buyer(user, municipality) and has_role(user, APPROVER_ROLES)


def can_enrol(user, order) -> bool:
    return is_municipal_buyer(user, order.municipality_id) or is_ngo_worker(user, order.ngo_id)


def require_can_enrol(user, order) -> None:
    require(
        can_enrol(user, order), _("Only the municipality or the NGO of this order can do this.")
    )


def require_ngo_worker(user, ngo=None) -> None:
    require(is_ngo_worker(user, ngo), _("Only staff of the providing NGO can do this."))


def require_municipal_buyer(user, municipality) -> None:
    require(
        is_municipal_buyer(user, municipality),
        _("Only staff of the addressed municipality can do this."),
    )


def require_municipal_approver(user, municipality) -> None:
    require(
        is_municipal_approver(user, municipality),
        _("Only a finance officer or administrator of the municipality can do this."),
    )
