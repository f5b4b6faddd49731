"""Who may change help content: predicates on the user (core.permissions),
asked by services, views and templates.

- the national editor: an administrator of the national organisation;
- a municipality's administrator: its own desks;
- NGO staff: their organisation's consultation hours and bookings."""

from django.utils.translation import gettext_lazy as _

from openopvang.core.permissions import belongs_to, is_org_admin, organisation_of, require


def is_editor(user) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    organisation = organisation_of(user)
    return organisation is not None and organisation.is_national and is_org_admin(user)


def require_editor(user) -> None:
    require(is_editor(user), _("Only the national editor can change the help pages."))


def is_desk_admin(user) -> bool:
    organisation = organisation_of(user)
    return organisation is not None and organisation.is_municipality and is_org_admin(user)


def require_desk_admin(user, desk) -> None:
    require(
        is_desk_admin(user) and belongs_to(user, desk.municipality),
        _("Only the municipality's administrator can change its desks."),
    )


def is_ngo_staff(user) -> bool:
    organisation = organisation_of(user)
    return organisation is not None and organisation.is_ngo


def require_can_book_for(user, hour) -> None:
    require(
        is_ngo_staff(user) and belongs_to(user, hour.ngo),
        _("Only the NGO's staff can manage its consultation hours."),
    )
