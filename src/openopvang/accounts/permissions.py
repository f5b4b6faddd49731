"""Who may manage an organisation's own settings: its administrators
(core.permissions holds the shared predicates)."""

from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import ADMINISTRATOR, belongs_to, has_role, require

ADMINISTRATORS_ONLY = _("Only an administrator of the organisation can change its settings.")


def can_manage_organisation(user, organisation) -> bool:
    return belongs_to(user, organisation) and has_role(user, {ADMINISTRATOR})


def require_manage_organisation(user, organisation) -> None:
    require(can_manage_organisation(user, organisation), ADMINISTRATORS_ONLY)
