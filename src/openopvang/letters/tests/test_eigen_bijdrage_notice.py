"""The eigen bijdrage notice: the amounts of the allowances engine, computed
by hand here, read back out of the PDF in Dutch and in Arabic (amounts left
to right inside the Arabic text)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_text
from openopvang.letters import services

pytestmark = pytest.mark.django_db

NOVEMBER = datetime.date(2025, 11, 1)
MARCH = datetime.date(2025, 3, 1)


@pytest.fixture
def household(sender):
    """Olena and Andrii, partners, in a GOO building without catering since
    January 2025 (leefgeld 2 x 252.18 + 2 x 62.66 = 629.68 a month in 2025)."""
    location = factories.LocationFactory(
        municipality=sender,
        catering=False,
        address="Oudegracht 10",
        postcode="3511 AB",
        city="Utrecht",
    )
    factories.CapacityPeriodFactory(location=location, places=40)
    household = factories.HouseholdFactory(municipality=sender, name="Shevchenko")
    people = {}
    for key, given, birth, languages in (
        ("olena", "Olena", datetime.date(1985, 3, 2), ["nl"]),
        ("andrii", "Andrii", datetime.date(1983, 6, 1), ["ar"]),
    ):
        person = factories.PersonFactory(
            municipality=sender,
            given_names=given,
            family_name="Shevchenko",
            birth_date=birth,
            languages=languages,
        )
        factories.MembershipFactory(
            household=household, person=person, start_date=datetime.date(2024, 12, 1)
        )
        factories.PlacementFactory(
            person=person, location=location, start_date=datetime.date(2025, 1, 1)
        )
        people[key] = person
    return people


def earns(person, amount):
    factories.IncomeFactory(
        person=person,
        start_date=datetime.date(2025, 1, 1),
        end_date=None,
        monthly_amount=Decimal(amount),
    )


def notice(user, person, month):
    return services.make_letter(
        user,
        person,
        "eigen_bijdrage_notice",
        asked={"month": month},
        day=datetime.date(2025, 12, 2),
    )


def test_dutch_notice_below_the_threshold(coordinator, household):
    # Olena earns 1000.00 in November 2025: full eigen bijdrage 244.22 (one adult);
    # in full from 1.15 x (629.68 + 244.22) = 1004.985 -> 1004.99; she pays
    # min(244.22, 1000.00 / 1.15 - 629.68 = 239.885...) = 239.89.
    earns(household["olena"], "1000.00")
    letter, pdf = notice(coordinator, household["olena"], NOVEMBER)
    text = pdf_text(pdf)
    assert letter.language == "nl"
    assert "Uw eigen bijdrage over november 2025" in text
    assert "Inkomen van uw huishouden: € 1.000,00" in text
    assert "Inkomensdrempel: € 1.004,99" in text
    assert "Volledige eigen bijdrage: € 244,22" in text
    assert "U betaalt: € 239,89" in text
    assert "lager dan de drempel" in text
    # The snapshot keeps the amounts: the letter renders the same later.
    assert letter.data["values"]["eigen_bijdrage_charged"] == "€ 239,89"


def test_arabic_notice_keeps_the_amounts_left_to_right(coordinator, household):
    # Both earn (700.00 + 500.00 = 1200.00): two adults charged, 2 x 244.22 = 488.44;
    # in full from 1.15 x (629.68 + 488.44) = 1285.838 -> 1285.84; they pay
    # min(488.44, 1200.00 / 1.15 - 629.68 = 413.798...) = 413.80.
    earns(household["olena"], "700.00")
    earns(household["andrii"], "500.00")
    letter, pdf = notice(coordinator, household["andrii"], NOVEMBER)
    text = pdf_text(pdf)
    assert letter.language == "ar"
    assert "مساهمتكم الشخصية" in text and "دخل أسرتكم" in text
    for amount in ("€ 1.200,00", "€ 1.285,84", "€ 488,44", "€ 413,80"):
        assert amount in text  # in order, not "1.200,00 €" or "00,1.200"
    assert "00,1.200" not in text and "44,488" not in text
    assert "نوفمبر" in text  # the month in Arabic (the PDF's text is in visual order)
    assert letter.data["values"]["month"] == "نوفمبر 2025"
    assert "أقل من الحد" in text  # the reason in Arabic


def test_before_the_threshold_the_full_amount(coordinator, household):
    earns(household["olena"], "1500.00")
    _letter, pdf = notice(coordinator, household["olena"], MARCH)
    text = pdf_text(pdf)
    assert "Volledige eigen bijdrage: € 105,00" in text and "U betaalt: € 105,00" in text
    assert "Inkomensdrempel: geen (niet van toepassing in deze maand)" in text


def test_a_household_without_an_eigen_bijdrage_gets_no_notice(coordinator, household):
    with pytest.raises(ValidationError, match="pays no eigen bijdrage"):
        notice(coordinator, household["olena"], NOVEMBER)


def test_the_editor_preview_has_sample_amounts(coordinator, sender):
    from openopvang.letters import documents
    from openopvang.letters.types import get_type

    kind = get_type("eigen_bijdrage_notice")
    version = services.ensure_template(coordinator, sender, "eigen_bijdrage_notice")
    assert {t.language for t in version.texts.all()} == {"nl", "en", "uk", "ru", "ar"}
    data = documents.sample_data(sender, kind, "nl", datetime.date(2026, 12, 2))
    text = pdf_text(documents.render_pdf(kind, version.text_for("nl"), data))
    assert "Inkomensdrempel: € 1.004,99" in text and "U betaalt: € 239,89" in text
