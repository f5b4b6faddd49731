"""Loading a year of published amounts from a file: preview, apply, roll back."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openopvang.accounts.models import OrganisationKind, Role
from openopvang.allowances.models import PaymentRun
from openopvang.audit.models import AuditAction, AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.declarations.models import Declaration
from openopvang.parameters.models import LoadStatus, ParameterLoad, ParameterOverride
from openopvang.parameters.services import current_parameters
from openopvang.rules.engine.errors import MissingParameter

pytestmark = pytest.mark.django_db

KLEEDGELD = "rooo.kleedgeld.per_person_month"
GOO = "booo.goo.normbedrag_per_place_day"
D = datetime.date

YEAR_2026 = b"""\
regulation: {short: RooO}
references:
  r2026: &r2026
    publication: Stcrt. 2025, 50000
    article: RooO art. 6
    url: https://zoek.officielebekendmakingen.nl/stcrt-2025-50000
parameters:
  rooo.kleedgeld.per_person_month:
    unit: EUR/month
    values:
      - start: 2026-01-01
        end: 2026-12-31
        value: "64.10"
        reference: *r2026
        confidence: confirmed
        note: The 2026 amount.
  booo.goo.normbedrag_per_place_day:
    values:
      - {start: 2026-01-01, end: 2026-12-31, value: "41.00", reference: *r2026,
         confidence: secondary, note: News report until the Staatscourant is out.}
"""


@pytest.fixture
def admin(db):
    national = factories.MunicipalityFactory(code="NOO", name="NOO", kind=OrganisationKind.NATIONAL)
    return factories.UserFactory(
        username="noo-admin", organisation=national, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def _upload(client, name, content, **extra):
    return client.post(
        reverse("rules:load_create"),
        {"file": SimpleUploadedFile(name, content)},
        HTTP_ACCEPT_LANGUAGE=extra.pop("language", "en"),
        **extra,
    )


def test_a_year_of_amounts_loads_with_a_preview_and_is_used_by_the_next_computation(
    admin_client, municipality
):
    with pytest.raises(MissingParameter):
        current_parameters().value(KLEEDGELD, D(2026, 10, 1))
    # A stored run for October 2026 and a 2026 declaration: they keep their figures.
    PaymentRun.objects.create(
        municipality=municipality,
        month=D(2026, 10, 1),
        execution_date=D(2026, 10, 25),
        recompute_from=D(2026, 8, 1),
    )
    Declaration.objects.create(
        municipality=municipality,
        year=2026,
        version=1,
        total=Decimal("0"),
        scenario={},
        result={},
        parameters=[],
    )
    Declaration.objects.create(  # 2025: no loaded value covers it
        municipality=municipality,
        year=2025,
        version=1,
        total=Decimal("0"),
        scenario={},
        result={},
        parameters=[],
    )

    response = _upload(admin_client, "2026.yaml", YEAR_2026)
    load = ParameterLoad.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("rules:load_detail", args=[load.pk])
    assert load.status == LoadStatus.DRAFT and not ParameterOverride.objects.exists()

    page = admin_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 new, 0 replacing a value, 0 unchanged." in page
    assert KLEEDGELD in page and "64.10" in page and "Stcrt. 2025, 50000" in page
    assert "Payment run: Utrecht — October 2026" in page
    assert "Declaration: Utrecht — 2026, version 1" in page
    assert "2025, version 1" not in page
    assert "They keep their stored figures" in page
    # Still not in force before the confirmation.
    with pytest.raises(MissingParameter):
        current_parameters().value(KLEEDGELD, D(2026, 10, 1))

    response = admin_client.post(reverse("rules:load_detail", args=[load.pk]), {})
    assert response.status_code == 200 and not ParameterOverride.objects.exists()

    response = admin_client.post(reverse("rules:load_detail", args=[load.pk]), {"confirm": "on"})
    assert response.status_code == 302
    load.refresh_from_db()
    assert load.status == LoadStatus.APPLIED
    value = current_parameters().value(KLEEDGELD, D(2026, 10, 1))
    assert value.amount == Decimal("64.10")
    assert value.reference.publication == "Stcrt. 2025, 50000" and value.confidence == "confirmed"
    goo = current_parameters().value(GOO, D(2026, 3, 1))
    assert goo.amount == Decimal("41.00") and goo.confidence == "secondary"
    assert (
        AuditEvent.objects.filter(
            object_type="parameters.ParameterOverride", action=AuditAction.CREATE
        ).count()
        == 2
    )

    listing = admin_client.get(reverse("rules:load_list")).content.decode()
    assert "2026.yaml" in listing

    # Roll back before use: exactly the two values are gone again.
    response = admin_client.post(reverse("rules:load_detail", args=[load.pk]), {"confirm": "on"})
    assert response.status_code == 302
    load.refresh_from_db()
    assert load.status == LoadStatus.ROLLED_BACK and not ParameterOverride.objects.exists()
    with pytest.raises(MissingParameter):
        current_parameters().value(KLEEDGELD, D(2026, 10, 1))


def test_the_preview_says_what_a_value_replaces_and_what_stays(admin, admin_client):
    ParameterOverride.objects.create(
        name=KLEEDGELD,
        start=D(2026, 1, 1),
        end=D(2026, 12, 31),
        value="60.00",
        publication="Nu.nl",
        article="RooO art. 6",
        confidence="secondary",
    )
    csv = (
        "name;start;end;value;publication;article;url;confidence;note\n"
        f"{KLEEDGELD};2026-01-01;2026-12-31;64.10;Stcrt. 2025, 50000;RooO art. 6;;confirmed;\n"
        f"{GOO};2022-03-01;;100.00;Stcrt. 2022, 27515;BooO art. 3 lid 1;"
        "https://zoek.officielebekendmakingen.nl/stcrt-2022-27515;confirmed;"
        "Grant spendable from 1 March 2022.\n"
    ).encode()
    response = _upload(admin_client, "2026.csv", csv)
    assert response.status_code == 302
    page = admin_client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "0 new, 1 replacing a value, 1 unchanged." in page
    assert "replaces 60.00 from 2026-01-01 (administrator's value, Nu.nl)" in page
    load = ParameterLoad.objects.get()
    applied = admin_client.post(response["Location"], {"confirm": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert applied.status_code == 302, applied.content.decode()[-3000:]
    override = ParameterOverride.objects.get()
    assert override.value == "64.10" and override.confidence == "confirmed"
    # Roll back restores the administrator's value it replaced.
    admin_client.post(reverse("rules:load_detail", args=[load.pk]), {"confirm": "on"})
    override.refresh_from_db()
    assert override.value == "60.00" and override.publication == "Nu.nl"


def test_a_csv_with_a_bad_row_names_the_row_and_stores_nothing(admin_client):
    bad = (
        "name,start,end,value,publication,article,url,confidence,note\n"
        f"{KLEEDGELD},2026-01-01,2026-12-31,64.10,Stcrt. 2025 50000,RooO art. 6,,confirmed,\n"
        f"{GOO},2026-01-01,2026-12-31,veertig,Stcrt. 2025 50000,BooO art. 3,,confirmed,\n"
        "rooo.unknown.thing,2026-01-01,,1.00,Stcrt,art,,confirmed,\n"
        f"{KLEEDGELD},2027-01-01,,65.00,,,,confirmed,\n"
        f"{KLEEDGELD},2028-01-01,,65.00,Stcrt,art,,maybe,\n"
    ).encode()
    response = _upload(admin_client, "2026.csv", bad)
    text = response.content.decode()
    assert response.status_code == 200
    assert f"row 3 ({GOO}): veertig is not an amount" in text
    assert "row 4 (rooo.unknown.thing): unknown parameter" in text
    assert f"row 5 ({KLEEDGELD}): publication: This field cannot be blank." in text
    assert f"row 6 ({KLEEDGELD}): confidence:" in text
    assert "Nothing has been stored." in text
    assert not ParameterLoad.objects.exists() and not ParameterOverride.objects.exists()

    dutch = _upload(admin_client, "2026.csv", bad, language="nl").content.decode()
    assert f"rij 3 ({GOO}): veertig is geen bedrag" in dutch
    assert "onbekende parameter" in dutch


def test_a_yaml_value_of_the_wrong_kind_is_refused(admin_client):
    wrong = YEAR_2026.replace(b'value: "64.10"', b"value: 64.10").replace(
        b"unit: EUR/month", b"unit: EUR/day"
    )
    text = _upload(admin_client, "2026.yaml", wrong).content.decode()
    assert f"{KLEEDGELD}, value 1 ({KLEEDGELD}): the unit EUR/day does not match" in text
    assert not ParameterLoad.objects.exists()


def test_roll_back_is_refused_once_a_run_was_computed_with_the_values(
    admin, admin_client, municipality
):
    response = _upload(admin_client, "2026.yaml", YEAR_2026)
    load = ParameterLoad.objects.get()
    admin_client.post(response["Location"], {"confirm": "on"})
    PaymentRun.objects.create(
        municipality=municipality,
        month=D(2026, 11, 1),
        execution_date=D(2026, 11, 25),
        recompute_from=D(2026, 11, 1),
        parameters=current_parameters().describe(),
    )
    page = admin_client.get(reverse("rules:load_detail", args=[load.pk])).content.decode()
    assert "can no longer be rolled back" in page
    response = admin_client.post(
        reverse("rules:load_detail", args=[load.pk]), {"confirm": "on"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert ParameterOverride.objects.count() == 2
    load.refresh_from_db()
    assert load.status == LoadStatus.APPLIED


def test_a_coordinator_cannot_load_values(coordinator_client, admin):
    from openopvang.parameters.services import stage_load

    assert coordinator_client.get(reverse("rules:load_list")).status_code == 403
    assert coordinator_client.get(reverse("rules:load_create")).status_code == 403
    assert _upload(coordinator_client, "2026.yaml", YEAR_2026).status_code == 403
    load, _ = stage_load(admin, SimpleUploadedFile("2026.yaml", YEAR_2026))
    detail = reverse("rules:load_detail", args=[load.pk])
    assert coordinator_client.get(detail).status_code == 404
    assert coordinator_client.post(detail, {"confirm": "on"}).status_code == 404
    assert not ParameterOverride.objects.exists()


def test_the_parameter_list_links_to_loading(admin_client):
    page = admin_client.get(reverse("rules:parameter_list")).content.decode()
    assert reverse("rules:load_list") in page


def test_a_file_that_would_leave_days_without_a_value_is_refused(admin_client):
    """A mid-year value with an end date, and nothing after it in the file:
    September–December 2025 would lose the normbedrag."""
    gap = (
        "name,start,end,value,publication,article,url,confidence,note\n"
        f"{GOO},2025-07-01,2025-08-31,70.00,Stcrt. 2025 50000,BooO art. 3,,confirmed,\n"
    ).encode()
    text = page_text(_upload(admin_client, "mid-2025.csv", gap, language="nl"))
    assert f"{GOO} zou geen waarde hebben van 1 september 2025 tot en met 31 december 2025" in text
    assert not ParameterOverride.objects.exists()
    # The same file with the rest of the year filled loads.
    filled = gap + (f"{GOO},2025-09-01,,44.00,Stcrt. 2025 50000,BooO art. 3,,confirmed,\n").encode()
    text = page_text(_upload(admin_client, "mid-2025.csv", filled, language="nl"))
    assert "zou geen waarde hebben" not in text and ParameterLoad.objects.count() == 1
