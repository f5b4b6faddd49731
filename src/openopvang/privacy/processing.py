"""The records of processing (AVG art. 30): per model, which personal data it
holds, why, who sees it and how long it is kept. `docs/operations/privacy.md`
is generated from this registry (`openopvang privacy processing --write`),
and a test fails when a model gains a field that looks personal without
being classified here, or when the document is out of date."""

import re
from dataclasses import dataclass

from django.apps import apps
from django.db import models

# Field names that suggest personal data (names, identifiers, contact
# details, free texts that may describe a person).
PERSONAL_NAME = re.compile(
    r"(name|bsn|iban|phone|email|e_mail|address|postcode|birth|note|reason|message|"
    r"remittance|subject|data|rows|person_ids|asked|text|body|description|ip_address)"
)
PERSONAL_TYPES = (
    models.CharField,
    models.TextField,
    models.JSONField,
    models.BinaryField,
    models.DateField,
    models.GenericIPAddressField,
)

STAFF = "municipal staff of the owning municipality"
FINANCE = "finance officers and administrators of the owning municipality"
CASEWORK = "caseworkers, coordinators and administrators of the owning municipality"
ADMINS = "administrators of the organisation"


@dataclass(frozen=True)
class Processing:
    fields: tuple[str, ...]
    purpose: str
    who: str
    kept: str


# Model label → what it processes. Fields listed are the personal ones.
REGISTRY: dict[str, Processing] = {
    "registry.Person": Processing(
        (
            "given_names",
            "family_name",
            "given_names_cyrillic",
            "family_name_cyrillic",
            "birth_date",
            "bsn",
            "phone",
            "email",
            "iban",
            "notes",
        ),
        "registration for reception, placements, allowances (RooO)",
        STAFF + "; NGO partners the participants they serve (ADR 0008)",
        "personal details: 24 months after leaving reception, then anonymised (pseudonym P<id>)",
    ),
    "registry.Household": Processing(
        ("name", "notes"),
        "household composition for leefgeld and eigen bijdrage",
        STAFF,
        "with the personal details of its last member",
    ),
    "registry.Location": Processing(
        ("name", "address", "postcode", "city", "notes"),
        "reception locations (no personal data unless a note names someone)",
        STAFF,
        "while the location exists",
    ),
    "registry.Host": Processing(
        ("name", "address", "postcode", "city", "contact_name", "phone", "email", "notes"),
        "private hosts (POO): contact and address of the placement",
        STAFF,
        "while the host is active; removed by the municipality",
    ),
    "registry.Placement": Processing(
        ("override_reason",),
        "where a person stays, for capacity and allowances",
        STAFF,
        "dates kept for figures and money; the person is anonymised",
    ),
    "casework.Case": Processing(
        ("closure_note",),
        "casework on the person's situation (decisions under the Awb)",
        CASEWORK,
        "casework notes: 24 months after leaving reception, then emptied",
    ),
    "casework.Situation": Processing(
        ("decision_reference", "reason"),
        "the person's situation over time and why it changed",
        CASEWORK,
        "reasons: 24 months after leaving reception, then emptied",
    ),
    "casework.Suspension": Processing(
        ("decision_reference", "reason"),
        "suspended legal deadlines",
        CASEWORK,
        "reasons: 24 months after leaving reception, then emptied",
    ),
    "casework.Extension": Processing(
        ("decision_reference", "reason"),
        "extended legal deadlines",
        CASEWORK,
        "reasons: 24 months after leaving reception, then emptied",
    ),
    "casework.Decision": Processing(
        ("reference", "decided_on", "summary", "withdrawn_on", "withdrawal_reason"),
        "decisions and rulings on the person's case, with their history",
        CASEWORK,
        "summaries and reasons: 24 months after leaving reception, then emptied",
    ),
    "casework.Transfer": Processing(
        ("requested_on", "offered_on", "coa_location", "transferred_on", "note"),
        "the person's transfer to COA",
        CASEWORK,
        "notes: 24 months after leaving reception, then emptied",
    ),
    "casework.TransferBlocker": Processing(
        ("start_date", "end_date", "note"),
        "why a transfer could not happen (hospital, custody)",
        CASEWORK,
        "notes: 24 months after leaving reception, then emptied",
    ),
    "casework.Departure": Processing(
        ("planned_on", "dtv_registered_on", "departed_on", "note"),
        "the person's departure and the return support it gives",
        CASEWORK,
        "notes: 24 months after leaving reception, then emptied",
    ),
    "casework.EvictionStep": Processing(
        ("done_on", "reference", "note"),
        "the steps of an eviction procedure (VNG advice)",
        CASEWORK,
        "notes: 24 months after leaving reception, then emptied",
    ),
    "letters.SentLetter": Processing(
        ("subject", "data", "email_to"),
        "what the person was told, and when",
        STAFF,
        "letters: 24 months after leaving reception, then the snapshot is emptied",
    ),
    "letters.LetterBatch": Processing(
        ("asked", "person_ids", "errors", "run_file", "zip_file"),
        "print runs of letters",
        STAFF,
        "the print run and the ZIP go when one of their persons is anonymised",
    ),
    "letters.TemplateVersion": Processing(
        ("note",), "letter texts (no personal data)", STAFF, "for good"
    ),
    "letters.TemplateText": Processing(
        ("subject", "body"), "letter texts (no personal data)", STAFF, "for good"
    ),
    "allowances.PaymentItem": Processing(
        (
            "household_name",
            "payee_name",
            "iban",
            "collector_name",
            "remittance",
            "reason",
            "payee_note",
        ),
        "payment of leefgeld to the household's payee",
        FINANCE,
        "financial: 7 years (AWR art. 52), then names and IBAN pseudonymised; amounts stay",
    ),
    "allowances.PaymentLine": Processing(
        ("reason",), "the computed lines of a payment", FINANCE, "financial: amounts stay"
    ),
    "allowances.EigenBijdrageReduction": Processing(
        ("reason",), "reductions of the eigen bijdrage", FINANCE, "financial: 7 years"
    ),
    "allowances.PaymentRun": Processing(
        ("scenario", "result"),
        "payment runs (persons by reference only)",
        FINANCE,
        "financial: 7 years; references are pseudonyms already",
    ),
    "declarations.Declaration": Processing(
        ("reason", "scenario", "result", "sources"),
        "the BooO declaration (persons by reference only)",
        FINANCE,
        "financial: 7 years; references are pseudonyms already",
    ),
    "declarations.CostLine": Processing(
        ("description", "evidence"), "costs declared", FINANCE, "financial: 7 years"
    ),
    "declarations.YearSettings": Processing(
        ("actual_cost_reason",), "declaration settings", FINANCE, "financial: 7 years"
    ),
    "declarations.AdvanceRequest": Processing(
        ("note",), "advance requests", FINANCE, "financial: 7 years"
    ),
    "declarations.NationalRun": Processing(
        ("rows", "error"), "national totals (no personal data)", "national viewer", "for good"
    ),
    "support.Offer": Processing(
        ("title", "notes", "decline_reason"),
        "offers of support services",
        STAFF + " and the NGO",
        "with the offer",
    ),
    "support.Order": Processing(("title",), "orders of support services", STAFF, "7 years"),
    "support.Session": Processing(
        ("description",), "sessions attended", STAFF + " and the NGO", "with the order"
    ),
    "support.Service": Processing(("duration",), "the NGO catalogue", "everyone", "for good"),
    "support.ServiceText": Processing(
        ("title", "description", "public_text"), "the NGO catalogue", "everyone", "for good"
    ),
    "help.Agency": Processing(
        ("name", "email", "phone"), "public help pages (organisations)", "everyone", "for good"
    ),
    "help.TopicText": Processing(("title", "answer"), "public help pages", "everyone", "for good"),
    "help.Desk": Processing(
        ("name", "address", "email", "phone"), "a municipality's desks", "everyone", "for good"
    ),
    "help.Feedback": Processing(
        ("page", "message"),
        "feedback on public pages (anonymous)",
        "administrators",
        "until handled",
    ),
    "help.ConsultationHour": Processing(
        ("subject", "location"), "NGO consultation hours", "everyone", "for good"
    ),
    "help.DocumentVersion": Processing(
        ("file_name", "stored_name", "validity_note"),
        "public documents of the help pages (no personal data)",
        "everyone",
        "for good",
    ),
    "help.NewsletterIssue": Processing(
        ("subject", "body"), "the monthly newsletter (no personal data)", "everyone", "for good"
    ),
    "help.Subscriber": Processing(
        ("email",),
        "sending the newsletter to professionals who asked for it",
        "the national editor",
        "until the subscriber unsubscribes (the address is then deleted)",
    ),
    "core.TaskAttempt": Processing(
        ("task_name",), "tries of background jobs (no personal data)", ADMINS, "for good"
    ),
    "help.Booking": Processing(
        ("name", "phone", "email"),
        "a booking of a consultation hour without an account",
        "the NGO's staff",
        "deleted HELP_BOOKING_RETENTION_DAYS (30) after the hour",
    ),
    "help.CancelAttempt": Processing(
        ("phone_key",),
        "limiting the tries to cancel a booking with a phone number and code "
        "(a keyed hash of the number, not the number)",
        "nobody: counted by the platform",
        "deleted a day after the try",
    ),
    "dedup.CrossMatch": Processing(
        ("person_a", "person_b", "reasons"),
        "finding persons registered in two municipalities (national duplicate run)",
        "registry editors of each of the two municipalities: their own person and the "
        "other's name, birth date, sex and nationality only; the national organisation "
        "counts only",
        "until one of the two persons is anonymised",
    ),
    "casework.SavedFilter": Processing(
        ("name", "query"),
        "a caseworker's own named filters of the work list (a search may hold a name)",
        "the caseworker who saved it",
        "until the caseworker removes it or the account is deleted",
    ),
    "imports.ImportJob": Processing(
        ("file_name", "data", "rows", "error"),
        "importing persons from a file",
        STAFF,
        "the file and its rows with the job",
    ),
    "accounts.User": Processing(
        ("username", "first_name", "last_name", "email", "password"),
        "staff accounts",
        ADMINS,
        "while the account exists",
    ),
    "accounts.Organisation": Processing(
        (
            "name",
            "letter_name",
            "street_address",
            "postcode",
            "phone",
            "email",
            "iban",
            "veiligheidsregio_name",
        ),
        "organisations (no natural persons)",
        ADMINS,
        "for good",
    ),
    "accounts.ApiToken": Processing(
        ("name",), "a staff member's API token (its label)", "the token's owner", "until revoked"
    ),
    "parameters.ParameterLoad": Processing(
        ("file_name",), "parameter files loaded (no personal data)", "everyone", "for good"
    ),
    "parameters.ParameterOverride": Processing(
        ("name", "note"), "administrators' parameter values", "everyone", "for good"
    ),
    "registry.ChangeReason": Processing(
        ("reason",),
        "why a record that reached money was changed",
        STAFF,
        "financial: 7 years",
    ),
    "registry.Provision": Processing(
        ("description",), "provisions given in a month (RooO art. 12)", STAFF, "financial: 7 years"
    ),
    "support.InvoiceLine": Processing(
        ("description", "dispute_reason"),
        "NGO invoices for services delivered",
        STAFF + " and the NGO",
        "financial: 7 years",
    ),
    "audit.AuditEvent": Processing(
        ("actor_name", "object_repr", "changes", "shown", "ip_address"),
        "accountability: who viewed or changed which record (AVG art. 5(2), art. 32)",
        ADMINS,
        "append-only, never changed or deleted (ADR 0004, ADR 0019)",
    ),
}


def project_models():
    for model in apps.get_models():
        if model.__module__.startswith("openopvang.") and not model._meta.abstract:
            yield model


def unclassified() -> list[str]:
    """'label.field' of every field that looks personal and is not listed
    (a model that is listed must list every such field of its own)."""
    missing = []
    for model in project_models():
        label = model._meta.label
        listed = set(REGISTRY[label].fields) if label in REGISTRY else set()
        for field in model._meta.concrete_fields:
            if not isinstance(field, PERSONAL_TYPES) or field.choices:
                continue
            if not PERSONAL_NAME.search(field.name):
                continue
            if field.name not in listed:
                missing.append(f"{label}.{field.name}")
    return sorted(missing)


def unknown_fields() -> list[str]:
    """Listed fields that no longer exist on their model."""
    wrong = []
    for label, processing in REGISTRY.items():
        model = apps.get_model(label)
        names = {f.name for f in model._meta.concrete_fields}
        wrong.extend(f"{label}.{name}" for name in processing.fields if name not in names)
    return wrong


HEADER = """# Records of processing (AVG art. 30)

Generated from `src/openopvang/privacy/processing.py` by
`openopvang privacy processing --write`; a test fails when a model gains a
field that looks personal without being classified there, or when this file
is out of date. Retention periods are national defaults that a municipality
can change (`/privacy/`, ADR 0019); after them the daily job
`privacy.tasks.anonymise_due_records` (or `openopvang privacy anonymise`)
anonymises what is due.
"""


def render_markdown() -> str:
    lines = [HEADER]
    by_app: dict[str, list[str]] = {}
    for label in REGISTRY:
        by_app.setdefault(label.split(".")[0], []).append(label)
    for app in sorted(by_app):
        lines.append(f"## {app}\n")
        lines.append("| record | personal data | why | who sees it | how long |")
        lines.append("|---|---|---|---|---|")
        for label in sorted(by_app[app]):
            p = REGISTRY[label]
            fields = ", ".join(f"`{name}`" for name in p.fields)
            lines.append(f"| `{label}` | {fields} | {p.purpose} | {p.who} | {p.kept} |")
        lines.append("")
    return "\n".join(lines)
