"""No spreadsheet the platform hands out runs a formula (issue 16 §3): a name or
reason typed as `=HYPERLINK(...)` reaches every XLSX and CSV download (web and
API) as text. The walk finds the downloads in the URL configuration, so a new
export that is not seeded and checked here fails the test."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

# Fixtures of the apps whose records the downloads show.
from openopvang.allowances.tests.conftest import (  # noqa: F401
    debtor,
    family,
    finance_officer_b,
)
from openopvang.support.tests.conftest import (  # noqa: F401
    lines,
    ngo_worker,
    order,
    persons,
    service,
    vwn,
)

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://x","y")'
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
A_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
MARCH = datetime.date(2025, 3, 1)

# Downloads that hold no record of a user (the empty import template).
WITHOUT_RECORDS = {"imports:template"}


def _is_download(pattern: URLPattern, prefix: str) -> bool:
    route = prefix + str(pattern.pattern)
    formats = {str(value) for value in (pattern.default_args or {}).values()}
    name = pattern.name or ""
    return (
        route.endswith((".xlsx", ".csv"))
        or bool(formats & {"xlsx", "csv"})
        or "<str:fmt>" in route
        or name.endswith(("-xlsx", "-csv"))
        or name == "download"
    )


def _downloads(resolver=None, namespace="", prefix="") -> set[str]:
    """The names of every URL that answers with a spreadsheet."""
    resolver = resolver or get_resolver()
    found = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            space = f"{namespace}:{inner}".strip(":") if inner else namespace
            found |= _downloads(entry, space, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name and _is_download(entry, prefix):
            found.add(f"{namespace}:{entry.name}".strip(":"))
    return found


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _offences_and_texts(body: bytes) -> tuple[list[str], list[str]]:
    """Cells that would run as a formula, and every text cell."""
    offences, texts = [], []
    if body[:2] == b"PK":  # an XLSX file
        book = load_workbook(io.BytesIO(body))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        offences.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
                    elif isinstance(cell.value, str):
                        texts.append(cell.value)
                        if cell.value.startswith(FORMULA_STARTS):
                            offences.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
        return offences, texts
    for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))):
        for field in row:
            texts.append(field)
            if field.startswith(FORMULA_STARTS) and not A_NUMBER.match(field):
                offences.append(field)
    return offences, texts


@pytest.fixture
def seeded(request, municipality, finance_officer, coordinator):
    """One municipality whose every name and reason is the formula: the
    municipality, a location, a household and its payee, an income (so there
    is an eigen bijdrage), a reduction reason, a cost line, a disputed invoice
    line, an audit event and a failed import row."""
    from openopvang.accounts.models import Organisation, Role
    from openopvang.allowances import services as allowances
    from openopvang.allowances.models import EigenBijdrageReduction
    from openopvang.audit import services as audit
    from openopvang.audit.models import AuditAction
    from openopvang.core.testing import factories
    from openopvang.declarations import services as declarations
    from openopvang.declarations.models import CostCategory, CostLine
    from openopvang.support import services as support
    from openopvang.support.tests.test_flow import deliver_march

    shevchenko = request.getfixturevalue("family")
    second_officer = request.getfixturevalue("finance_officer_b")
    ngo = request.getfixturevalue("ngo_worker")
    order_lines = request.getfixturevalue("lines")
    support_persons = request.getfixturevalue("persons")
    municipality.name = HOSTILE
    municipality.save()
    location = shevchenko["location"]
    location.name = HOSTILE
    location.save()
    household = shevchenko["household"]
    household.name = HOSTILE
    household.save()
    olena = shevchenko["olena"]
    olena.family_name = HOSTILE
    olena.save()
    # A second household with income, so the eigen bijdrage list has a row
    # (the shevchenko's own leefgeld stays: it fills the payment list).
    earners = factories.HouseholdFactory(municipality=municipality, name=HOSTILE)
    earner = factories.PersonFactory(
        municipality=municipality, family_name=HOSTILE, birth_date=datetime.date(1980, 1, 1)
    )
    factories.MembershipFactory(
        household=earners, person=earner, start_date=datetime.date(2024, 12, 1)
    )
    factories.PlacementFactory(
        person=earner, location=location, start_date=datetime.date(2025, 1, 1)
    )
    factories.IncomeFactory(
        person=earner,
        monthly_amount=Decimal("2500.00"),
        start_date=datetime.date(2025, 1, 1),
    )
    EigenBijdrageReduction.objects.create(
        municipality=municipality, household=earners, month=MARCH, amount=1, reason=HOSTILE
    )
    CostLine.objects.create(
        municipality=municipality,
        year=2025,
        category=CostCategory.TRANSITION,
        amount=Decimal("100.00"),
        description=HOSTILE,
    )
    run = allowances.create_run(finance_officer, MARCH)
    run = allowances.approve_run(second_officer, allowances.prepare_run(finance_officer, run))
    declaration = declarations.submit(finance_officer, municipality, 2025)
    deliver_march(ngo, order_lines, support_persons)
    invoice = support.generate_invoice(ngo, order_lines[0].order, MARCH)
    support.send_invoice(ngo, invoice)
    support.dispute_invoice_line(finance_officer, invoice.lines.first(), reason=HOSTILE)
    audit.record(coordinator, AuditAction.UPDATE, olena)
    job = factories.ImportJobFactory(
        municipality=municipality,
        rows=[{"row": 2, "values": {"family_name": HOSTILE}, "errors": [["", "wrong"]]}],
    )
    administrator = factories.UserFactory(
        username="admin-hostile", organisation=municipality, role=Role.ADMINISTRATOR
    )
    national = factories.UserFactory(
        username="noo-hostile",
        organisation=Organisation.objects.get(code="NOO"),
        role=Role.NATIONAL_VIEWER,
    )
    return {
        "run": run,
        "declaration": declaration,
        "invoice": invoice,
        "job": job,
        "users": {
            "finance": finance_officer,
            "coordinator": coordinator,
            "admin": administrator,
            "national": national,
        },
    }


def _web(user):
    client = Client()
    client.force_login(user)
    return client


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _walk(seeded) -> list[tuple[str, str, object]]:
    """(url name, address, client) of every download, as the user who may fetch it."""
    users = seeded["users"]
    finance, coordinator = _web(users["finance"]), _web(users["coordinator"])
    admin, national = _web(users["admin"]), _web(users["national"])
    finance_api = _api(users["finance"])
    run, declaration = seeded["run"].pk, seeded["declaration"].pk
    invoice, job = seeded["invoice"].pk, seeded["job"].pk
    month = "?month=2025-03"
    walk = [
        ("allowances:run_export_xlsx", reverse("allowances:run_export_xlsx", args=[run]), finance),
        (
            "allowances:collection_export_xlsx",
            reverse("allowances:collection_export_xlsx") + month,
            finance,
        ),
        ("payment-run-xlsx", f"/api/v1/payment-runs/{run}/xlsx/", finance_api),
        ("eigen-bijdrage-xlsx", f"/api/v1/eigen-bijdrage/xlsx/{month}", finance_api),
        ("declaration-xlsx", f"/api/v1/declarations/{declaration}/xlsx/", finance_api),
        ("declaration-csv", f"/api/v1/declarations/{declaration}/csv/", finance_api),
        ("support-invoice-xlsx", f"/api/v1/invoices/{invoice}/xlsx/", finance_api),
        (
            "support:invoice_download",
            reverse("support:invoice_download", args=[invoice, "xlsx"]),
            finance,
        ),
        ("audit:export", reverse("audit:export"), admin),
        ("imports:template", reverse("imports:template"), coordinator),
        ("imports:export_xlsx", reverse("imports:export_xlsx"), coordinator),
        ("imports:export_csv", reverse("imports:export_csv"), coordinator),
        (
            "imports:import_failed_rows",
            reverse("imports:import_failed_rows", args=[job]),
            coordinator,
        ),
        (
            "reports:national_costs",
            reverse("reports:national_costs") + "?day=2025-03-15",
            national,
        ),
        (
            "reports:national_casework_csv",
            reverse("reports:national_casework_csv") + "?day=2025-03-15",
            national,
        ),
        (
            "reports:national_casework_xlsx",
            reverse("reports:national_casework_xlsx") + "?day=2025-03-15",
            national,
        ),
        (
            "reports:national_open_data",
            reverse("reports:national_open_data") + "?day=2025-03-15",
            national,
        ),
    ]
    for fmt in ("xlsx", "csv"):
        walk += [
            (
                f"declarations:draft_export_{fmt}",
                reverse(f"declarations:draft_export_{fmt}", args=[2025]),
                finance,
            ),
            (
                f"declarations:version_export_{fmt}",
                reverse(f"declarations:version_export_{fmt}", args=[declaration]),
                finance,
            ),
        ]
        for chart in ("capacity", "locations"):
            walk.append(
                (
                    "reports:download",
                    reverse("reports:download")
                    + f"?start=2025-03-01&end=2025-03-31&chart={chart}&file={fmt}",
                    coordinator,
                )
            )
    return walk


def test_no_download_runs_a_formula_typed_into_a_name_or_reason(seeded):
    assert seeded["run"].items.filter(household_name=HOSTILE).exists()
    walk = _walk(seeded)
    assert _downloads() <= {name for name, _url, _client in walk}, (
        "a download that this walk does not check"
    )
    problems, carried = [], set()
    for name, url, client in walk:
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"{name} {url}: status {response.status_code}")
            continue
        offences, texts = _offences_and_texts(_body(response))
        problems += [f"{name} {url}: {offence}" for offence in offences]
        if any("HYPERLINK" in text for text in texts):
            carried.add(name)
    assert not problems, "\n".join(problems)
    # Each download with records carried the seeded text (as text), so each was tested.
    assert {name for name, _url, _client in walk} - WITHOUT_RECORDS <= carried
