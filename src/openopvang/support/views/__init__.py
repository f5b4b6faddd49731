"""Web pages of the support-services capability, one module per record kind:
thin views over selectors (scoped reads, 404 for other organisations) and
services (audited changes)."""

from .catalogue import service_edit, service_list
from .invoices import (
    invoice_action,
    invoice_detail,
    invoice_download,
    invoice_generate,
    invoice_line_detail,
    invoice_send,
)
from .offers import offer_action, offer_create, offer_detail
from .orders import (
    enrol_person_search,
    enrolment_end,
    order_detail,
    participants,
    session_create,
    session_delete,
)
from .overview import index
from .public import public_services

__all__ = [
    "enrol_person_search",
    "enrolment_end",
    "index",
    "invoice_action",
    "invoice_detail",
    "invoice_download",
    "invoice_generate",
    "invoice_line_detail",
    "invoice_send",
    "offer_action",
    "offer_create",
    "offer_detail",
    "order_detail",
    "participants",
    "public_services",
    "service_edit",
    "service_list",
    "session_create",
    "session_delete",
]
