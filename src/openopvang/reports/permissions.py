"""Who sees which report: a municipality's staff (coordinator, caseworker,
finance officer, administrator) their municipality's dashboard; the national
organisation the national view (declarations.permissions.can_see_national:
counts of every municipality, never a person)."""

from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import require_municipal_staff
from openopvang.declarations.permissions import ONLY_NATIONAL, can_see_national

__all__ = ["ONLY_NATIONAL", "can_see_national", "require_municipal_staff"]

DASHBOARD_ROLES_NOTE = _("The reports are for the staff of a municipality.")
