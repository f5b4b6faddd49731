"""Partner rules: what an NGO sees of data owned by municipalities.

- Offers, orders, enrolments, delivery and invoices of the orders it delivers.
- Persons enrolled in services its organisation delivers — and nobody else.
  Which *fields* of those persons it sees is limited further in the support
  views and serializers (PARTICIPANT_FIELDS): never BSN, income, IBAN or notes.
"""

import contextvars
from contextlib import contextmanager

from openopvang.core.scoping import register_partner_rule

# The person rule only applies inside `participant_reads()`: the support
# selectors, which hand out PARTICIPANT_FIELDS only. Anywhere else (the
# registry pages and API, which show every field to municipal staff) an NGO
# still sees no persons at all.
_participant_reads = contextvars.ContextVar("support_participant_reads", default=False)


@contextmanager
def participant_reads():
    """Let `Person.objects.for_user(ngo_user)` include the persons enrolled
    with the NGO. Use only where the result is limited to PARTICIPANT_FIELDS."""
    token = _participant_reads.set(True)
    try:
        yield
    finally:
        _participant_reads.reset(token)


# Path from each support model to the NGO that delivers it.
NGO_PATHS = {
    "support.Offer": "ngo",
    "support.OfferLine": "offer__ngo",
    "support.Order": "ngo",
    "support.OrderLine": "order__ngo",
    "support.Enrolment": "order_line__order__ngo",
    "support.Session": "order_line__order__ngo",
    "support.Attendance": "session__order_line__order__ngo",
    "support.Invoice": "order__ngo",
    "support.InvoiceLine": "invoice__order__ngo",
}


def _ngo(user):
    organisation = getattr(user, "organisation", None)
    return organisation if organisation is not None and organisation.is_ngo else None


def _make_rule(path: str):
    def rule(queryset, user):
        ngo = _ngo(user)
        if ngo is None:
            return queryset.none()
        return queryset.filter(**{path: ngo})

    return rule


for _label, _path in NGO_PATHS.items():
    register_partner_rule(_label)(_make_rule(_path))


@register_partner_rule("registry.Person")
def persons_enrolled_with_ngo(queryset, user):
    ngo = _ngo(user)
    if ngo is None or not _participant_reads.get():
        return queryset.none()
    return queryset.filter(support_enrolments__order_line__order__ngo=ngo)
