"""Reads, always scoped to the caller's organisation (core.scoping)."""

from __future__ import annotations

from openopvang.core.permissions import finance_municipality
from openopvang.registry.models import Location, Person
from openopvang.registry.snapshots import parse_ref

from .models import AdvanceRequest, CostLine, Declaration


def own_municipality(user):
    """The municipality whose money the user works on (core.permissions:
    404 outside a municipality, 403 for a role other than finance)."""
    return finance_municipality(user)


def declarations(user, year: int | None = None):
    queryset = Declaration.objects.for_user(user).select_related("municipality", "submitted_by")
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-year", "-version")


def cost_lines(user, year: int | None = None):
    queryset = CostLine.objects.for_user(user).select_related("location")
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset


def advance_requests(user, year: int | None = None):
    queryset = AdvanceRequest.objects.for_user(user).select_related("requested_by")
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset


def persons_for(user, refs) -> list[dict]:
    """Names of the persons behind a POO line, scoped to the user: a person
    the user may not see is shown by reference only."""
    ids = [parse_ref(value)[1] for value in refs]
    found = {p.pk: p for p in Person.objects.for_user(user).filter(pk__in=ids)}
    return [
        {"ref": value, "pk": pk, "person": found.get(pk)}
        for value, pk in zip(refs, ids, strict=True)
    ]


def locations_for(user, refs) -> dict[int, Location]:
    ids = [parse_ref(value)[1] for value in refs if value]
    return {
        location.pk: location for location in Location.objects.for_user(user).filter(pk__in=ids)
    }
