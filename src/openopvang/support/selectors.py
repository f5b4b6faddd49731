"""Reads, always scoped to the caller's organisation through
`Model.objects.for_user(user)` (core.scoping + support.scoping)."""

import datetime

from django.db.models import Count, Prefetch, Q

from openopvang.registry.models import HouseholdMembership, Person

from .models import (
    Enrolment,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Offer,
    OfferStatus,
    Order,
    OrderLine,
    Service,
    ServiceText,
    Session,
)
from .scoping import participant_reads

# The only person fields an NGO ever gets: no BSN, income, IBAN, notes,
# birth date or address.
PARTICIPANT_FIELDS = (
    "id",
    "given_names",
    "family_name",
    "given_names_cyrillic",
    "family_name_cyrillic",
    "languages",
    "phone",
    "email",
)


def services_for(user):
    """The catalogue: every provider's active services; an NGO also sees its
    own inactive ones."""
    organisation = getattr(user, "organisation", None)
    query = Q(active=True)
    if organisation is not None and organisation.is_ngo:
        query |= Q(provider=organisation)
    return Service.objects.filter(query).select_related("provider").prefetch_related("texts")


def own_services(user):
    """The services the caller may change: its own NGO's, for NGO staff."""
    organisation = getattr(user, "organisation", None)
    if organisation is None or not organisation.is_ngo:
        return Service.objects.none()
    return Service.objects.filter(provider=organisation).prefetch_related("texts")


def _hide_drafts_from_municipality(queryset, user, status_field, draft):
    organisation = getattr(user, "organisation", None)
    if organisation is not None and organisation.is_municipality:
        return queryset.exclude(**{status_field: draft})
    return queryset


def offers_for(user):
    queryset = Offer.objects.for_user(user).select_related("ngo", "municipality")
    return _hide_drafts_from_municipality(queryset, user, "status", OfferStatus.DRAFT)


def orders_for(user):
    return (
        Order.objects.for_user(user)
        .select_related("ngo", "municipality")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=OrderLine.objects.select_related("service").prefetch_related(
                    "service__texts", "sessions"
                ),
            )
        )
    )


def order_lines_for(user):
    return OrderLine.objects.for_user(user).select_related("order", "service")


def enrolments_for(user):
    return Enrolment.objects.for_user(user).select_related(
        "person", "order_line__order", "order_line__service"
    )


def sessions_for(user):
    return (
        Session.objects.for_user(user)
        .select_related("order_line__order", "order_line__service")
        .prefetch_related("attendances__enrolment__person")
    )


def invoices_for(user):
    queryset = Invoice.objects.for_user(user).select_related("order__ngo", "order__municipality")
    return _hide_drafts_from_municipality(queryset, user, "status", InvoiceStatus.DRAFT)


def invoice_lines_for(user):
    queryset = InvoiceLine.objects.for_user(user).select_related(
        "invoice__order", "order_line__service"
    )
    return _hide_drafts_from_municipality(queryset, user, "invoice__status", InvoiceStatus.DRAFT)


def participants_for(user, order=None):
    """Persons enrolled in support services the caller may see (for an NGO:
    only those enrolled in services it delivers). Returns only
    PARTICIPANT_FIELDS plus `household_size`, as dicts."""
    enrolments = Enrolment.objects.for_user(user)
    if order is not None:
        enrolments = enrolments.filter(order_line__order=order)
    with participant_reads():
        persons = Person.objects.for_user(user)
    persons = persons.filter(pk__in=enrolments.values("person_id")).values(*PARTICIPANT_FIELDS)
    rows = list(persons)
    sizes = household_sizes([row["id"] for row in rows])
    for row in rows:
        row["household_size"] = sizes.get(row["id"], 1)
    return rows


def household_sizes(person_ids, on: datetime.date | None = None) -> dict[int, int]:
    """{person id: members of the person's household today} (1 without a household)."""
    on = on or datetime.date.today()
    memberships = (
        HouseholdMembership.objects.active_on(on)
        .filter(person_id__in=person_ids)
        .values("person_id", "household_id")
    )
    by_household = dict(
        HouseholdMembership.objects.active_on(on)
        .filter(household_id__in=[m["household_id"] for m in memberships])
        .values("household_id")
        .annotate(n=Count("id"))
        .values_list("household_id", "n")
    )
    return {m["person_id"]: by_household.get(m["household_id"], 1) for m in memberships}


def enrollable_persons(user, order: Order):
    """Persons of the order's municipality that may be enrolled. Municipal
    staff pick from their registry; an NGO only sees persons already enrolled
    with it (it enrols by the municipality's person id through the API)."""
    with participant_reads():
        persons = Person.objects.for_user(user)
    return persons.filter(municipality=order.municipality).only(
        "id",
        "municipality_id",
        "given_names",
        "family_name",
        "given_names_cyrillic",
        "family_name_cyrillic",
    )


def enrol_candidates(user, order: Order, line_id=None, *, identifying: bool):
    """enrollable_persons without those already enrolled in the order line
    `line_id` (when it is one of the order's). Only staff who may see them
    (`identifying`: the municipality) get birth date and BSN, for the picker."""
    persons = enrollable_persons(user, order)
    if identifying:
        persons = persons.defer(None)  # municipal staff: every field
    line = order.lines.filter(pk=line_id).first() if str(line_id or "").isdigit() else None
    if line is not None:
        persons = persons.exclude(pk__in=line.enrolments.values("person_id"))
    return persons


def person_choices(user):
    """Persons the caller may enrol (by id): municipal staff their registry,
    an NGO the persons already enrolled with it."""
    with participant_reads():
        return Person.objects.for_user(user).only("id", "municipality_id")


def public_services(municipality, on: datetime.date, language: str):
    """Services `municipality` has ordered for `on` (no personal data), with
    their text in `language` (falling back to Dutch)."""
    line_filter = Q(order__municipality=municipality, period_start__lte=on, period_end__gte=on)
    services = (
        Service.objects.filter(pk__in=OrderLine.objects.filter(line_filter).values("service_id"))
        .select_related("provider")
        .prefetch_related(Prefetch("texts", queryset=ServiceText.objects.all()))
        .order_by("kind", "code")
    )
    return [(service, service.text(language)) for service in services]
