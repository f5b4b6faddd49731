"""The one money and date style (core/formatting.py, ADR 0016): what every
page, PDF and export shows, and the reading of typed amounts."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openopvang.core import formatting
from openopvang.core.formatting import MoneyInputError, parse_money

cents = st.decimals(
    min_value=Decimal("-99999999.99"),
    max_value=Decimal("99999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        ("1250.5", "€ 1.250,50", "€ 1,250.50"),
        (Decimal("0"), "€ 0,00", "€ 0.00"),
        (Decimal("0.05"), "€ 0,05", "€ 0.05"),
        (Decimal("-1250.50"), "€ -1.250,50", "€ -1,250.50"),
        (Decimal("1234567.891"), "€ 1.234.567,89", "€ 1,234,567.89"),
        (Decimal("999.995"), "€ 1.000,00", "€ 1,000.00"),  # half-up to cents
        (Decimal("0.005"), "€ 0,01", "€ 0.01"),
        (12, "€ 12,00", "€ 12.00"),
        (None, "", ""),
    ],
)
def test_money_style(value, nl, en):
    assert formatting.money(value, "nl") == nl
    assert formatting.money(value, "en") == en


def test_other_languages_use_the_dutch_separators():
    assert formatting.money(Decimal("1250.50"), "uk") == "€ 1.250,50"


def test_floats_are_refused():
    with pytest.raises(TypeError):
        formatting.money(0.1)


@pytest.mark.parametrize(
    ("day", "nl", "en"),
    [
        (datetime.date(2026, 12, 2), "2 december 2026", "2 December 2026"),
        (datetime.date(2024, 2, 29), "29 februari 2024", "29 February 2024"),
        (datetime.date(2026, 3, 1), "1 maart 2026", "1 March 2026"),
    ],
)
def test_date_style(day, nl, en):
    assert formatting.long_date(day, "nl") == nl
    assert formatting.long_date(day, "en") == en


def test_month_and_moment():
    assert formatting.month(datetime.date(2026, 3, 1), "nl") == "maart 2026"
    moment = datetime.datetime(2026, 12, 2, 9, 5)
    assert formatting.date_time(moment, "nl") == "2 december 2026 09:05"


@given(cents, st.sampled_from(["nl", "en"]))
def test_what_is_shown_reads_back_as_the_same_amount(value, language):
    assert parse_money(formatting.money(value, language)) == value
    assert parse_money(formatting.amount(value, language, grouped=False)) == value


@given(cents)
def test_thousands_are_grouped_by_three_and_two_decimals_always(value):
    text = formatting.amount(value, "nl")
    whole, _comma, fraction = text.lstrip("-").partition(",")
    assert len(fraction) == 2 and fraction.isdigit()
    groups = whole.split(".")
    assert 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])
    assert text.startswith("-") == (value < 0)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
def test_cents_after_a_comma_or_a_point(euros, cent):
    expected = Decimal(f"{euros}.{cent:02d}")
    assert parse_money(f"{euros},{cent:02d}") == expected
    assert parse_money(f"{euros}.{cent:02d}") == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1250,50", "1250.50"),
        ("1.250,50", "1250.50"),
        ("1250.50", "1250.50"),
        ("1,250.50", "1250.50"),
        ("€ 1.250,50", "1250.50"),
        ("1.250,50 EUR", "1250.50"),
        ("12,5", "12.50"),
        ("1250", "1250.00"),
        ("1.250.000", "1250000.00"),
        ("-3,10", "-3.10"),
        ("1 250,50", "1250.50"),
    ],
)
def test_typed_amounts(typed, expected):
    assert parse_money(typed) == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("1.250", "ambiguous"),
        ("1,250", "ambiguous"),
        ("12,5050", "decimals"),
        ("1.250,505", "decimals"),
        ("1.25.000", "invalid"),
        ("1.250.50", "invalid"),
        ("12,", "invalid"),
        ("twaalf", "invalid"),
        ("", "invalid"),
        ("1e5", "invalid"),
    ],
)
def test_what_cannot_be_read_one_way_is_refused(typed, code):
    with pytest.raises(MoneyInputError) as error:
        parse_money(typed)
    assert error.value.code == code


def test_ukrainian_and_russian_month_names_on_public_pages():
    day = datetime.date(2026, 12, 2)
    assert formatting.long_date(day, "uk") == "2 грудня 2026"
    assert formatting.long_date(day, "ru") == "2 декабря 2026"
    assert formatting.month(day, "uk") == "грудень 2026"
    assert formatting.month(day, "ru") == "декабрь 2026"
    assert formatting.day_and_month(day, "ru") == "2 декабря"
    assert formatting.day_and_month(day, "nl") == "2 december"
    assert formatting.money(Decimal("1250.50"), "ru") == "€ 1.250,50"


@pytest.mark.django_db
def test_a_colleague_is_named_by_full_name_else_login_and_nobody_is_blank(django_user_model):
    from django.template import Context, Template

    page = Template("{% load formatting %}[{{ a|who }}][{{ b|who }}][{{ nobody|who }}]")
    named = django_user_model(username="j.devries", first_name="Jan", last_name="de Vries")
    login_only = django_user_model(username="p.bakker")
    assert page.render(Context({"a": named, "b": login_only, "nobody": None})) == (
        "[Jan de Vries][p.bakker][]"
    )
