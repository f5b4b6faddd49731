"""Dated parameters: lookup, gaps, overrides, references, file validation."""

from datetime import date
from decimal import Decimal

import pytest

from openopvang.rules.engine.parameters import (
    MissingParameter,
    MonthDay,
    ParameterFileError,
    ParameterSet,
    ParameterTypeError,
    ParameterValue,
    Reference,
    UnknownParameter,
)

GOO = "booo.goo.normbedrag_per_place_day"
POO = "booo.poo.normbedrag_per_person_month"
REF = Reference("Stcrt. 2026, 1", "BooO art. 2 lid 1 sub a")


@pytest.fixture(scope="module")
def ps():
    return ParameterSet.load_default()


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (date(2022, 3, 1), "100.00"),
        (date(2022, 10, 14), "100.00"),
        (date(2022, 10, 15), "83.00"),
        (date(2023, 12, 31), "83.00"),
        (date(2024, 1, 1), "61.00"),
        (date(2024, 2, 29), "61.00"),
        (date(2025, 12, 31), "44.00"),
    ],
)
def test_goo_normbedrag_on_boundaries(ps, day, amount):
    assert ps.value(GOO, day).value == Decimal(amount)


@pytest.mark.parametrize(
    ("day", "amount"),
    [(date(2022, 3, 1), "210.00"), (date(2024, 1, 1), "92.00"), (date(2025, 6, 1), "48.00")],
)
def test_poo_normbedrag(ps, day, amount):
    assert ps.value(POO, day).value == Decimal(amount)


def test_missing_value_names_parameter_and_date(ps):
    with pytest.raises(MissingParameter) as info:
        ps.value(GOO, date(2026, 1, 1))
    assert str(info.value) == f"No value for parameter '{GOO}' on 2026-01-01"
    assert info.value.name == GOO and info.value.day == date(2026, 1, 1)


def test_before_first_value_is_missing(ps):
    with pytest.raises(MissingParameter, match="2022-02-28"):
        ps.value(GOO, date(2022, 2, 28))


@pytest.mark.parametrize(
    "name",
    [
        GOO,
        POO,
        "rooo.eetgeld.adult.household_2",
        "rooo.kleedgeld.per_person_month",
        "rooo.wooncomponent.minor",
        "eigen_bijdrage.per_person_month",
        "eigen_bijdrage.catering_per_person_month",
    ],
)
def test_2026_amounts_are_absent(ps, name):
    ps.value(name, date(2025, 12, 31))
    with pytest.raises(MissingParameter):
        ps.value(name, date(2026, 1, 5))


def test_value_reports_the_days_it_applies(ps):
    pv = ps.value(GOO, date(2023, 5, 1))
    assert (pv.start, pv.end) == (date(2022, 10, 15), date(2023, 12, 31))
    assert pv.reference.publication.startswith("Stcrt. 2022, 27515")
    assert ps.value(GOO, date(2025, 5, 1)).end == date(2025, 12, 31)


def test_periods_split_at_rate_switch(ps):
    segments = ps.periods(GOO, date(2022, 10, 1), date(2022, 10, 31))
    assert [(pv.value, s, e) for pv, s, e in segments] == [
        (Decimal("100.00"), date(2022, 10, 1), date(2022, 10, 14)),
        (Decimal("83.00"), date(2022, 10, 15), date(2022, 10, 31)),
    ]


def test_periods_raise_for_first_uncovered_day(ps):
    with pytest.raises(MissingParameter, match="on 2026-01-01"):
        ps.periods(GOO, date(2025, 12, 1), date(2026, 3, 1))


def test_unknown_parameter(ps):
    with pytest.raises(UnknownParameter, match="booo.nope"):
        ps.value("booo.nope", date(2024, 1, 1))


@pytest.mark.parametrize(
    ("who", "size", "day", "amount"),
    [
        ("adult", "1", date(2022, 4, 1), "205.00"),
        ("minor", "4_plus", date(2022, 4, 1), "205.00"),
        ("minor", "1", date(2023, 2, 1), "215.06"),  # single minor gets the adult amount
        ("minor", "2", date(2023, 2, 1), "178.36"),
        ("adult", "3", date(2023, 3, 31), "171.99"),
        ("minor", "4_plus", date(2023, 9, 30), "124.97"),
        ("adult", "1", date(2023, 10, 1), "242.48"),
        ("adult", "2", date(2023, 10, 1), "242.48"),
        ("adult", "3", date(2023, 10, 1), "193.98"),
        ("adult", "4_plus", date(2024, 12, 31), "169.74"),
        ("minor", "2", date(2023, 10, 1), "200.65"),
        ("minor", "3", date(2023, 10, 1), "160.64"),
        ("minor", "4_plus", date(2023, 10, 1), "140.34"),
        ("minor", "1", date(2025, 1, 1), "252.18"),
        ("minor", "2", date(2025, 1, 1), "210.05"),
        ("adult", "3", date(2025, 1, 1), "214.29"),
        ("minor", "3", date(2025, 1, 1), "178.53"),
        ("adult", "4_plus", date(2025, 1, 1), "189.13"),
        ("minor", "4_plus", date(2025, 1, 1), "157.61"),
    ],
)
def test_eetgeld_tables(ps, who, size, day, amount):
    assert ps.value(f"rooo.eetgeld.{who}.household_{size}", day).value == Decimal(amount)


@pytest.mark.parametrize(
    ("name", "day", "value"),
    [
        ("rooo.kleedgeld.per_person_month", date(2023, 2, 1), Decimal("56.12")),
        ("rooo.kleedgeld.per_person_month", date(2025, 1, 1), Decimal("62.66")),
        ("rooo.wooncomponent.adult", date(2022, 4, 1), Decimal("215.00")),
        ("rooo.wooncomponent.minor", date(2022, 4, 1), Decimal("55.00")),
        ("rooo.wooncomponent.minor", date(2023, 10, 1), Decimal("80.91")),
        ("eigen_bijdrage.per_person_month", date(2025, 9, 30), Decimal("105.00")),
        ("eigen_bijdrage.per_person_month", date(2025, 10, 1), Decimal("244.22")),
        ("eigen_bijdrage.catering_per_person_month", date(2025, 10, 1), Decimal("252.18")),
        ("eigen_bijdrage.max_persons_per_household", date(2025, 1, 1), 2),
        ("rooo.income.household_policy_from", date(2023, 1, 1), date(2023, 2, 1)),
        ("rooo.income.mandatory_stop_from", date(2024, 1, 1), date(2024, 7, 1)),
        ("rooo.eetgeld.switch_2023_latest", date(2023, 2, 1), date(2023, 4, 1)),
        ("booo.goo.actual_cost_from", date(2022, 3, 1), date(2022, 10, 15)),
        ("booo.advance.request_deadline", date(2025, 6, 1), MonthDay(10, 1)),
        ("booo.advance.request_deadline", date(2026, 6, 1), MonthDay(11, 1)),
    ],
)
def test_other_parameters(ps, name, day, value):
    assert ps.value(name, day).value == value


@pytest.mark.parametrize(
    ("name", "day", "accessor", "value"),
    [
        (GOO, date(2024, 1, 1), "amount", Decimal("61.00")),
        ("booo.goo.actual_cost_from", date(2022, 3, 1), "day", date(2022, 10, 15)),
        ("eigen_bijdrage.max_persons_per_household", date(2025, 1, 1), "count", 2),
        ("booo.advance.request_deadline", date(2025, 6, 1), "month_day", MonthDay(10, 1)),
    ],
)
def test_typed_accessor_reads_its_unit(ps, name, day, accessor, value):
    assert getattr(ps.value(name, day), accessor) == value


@pytest.mark.parametrize(
    ("name", "day", "accessor", "expected", "held"),
    [
        (GOO, date(2024, 1, 1), "day", "a date", "Decimal 61.00"),
        (GOO, date(2024, 1, 1), "count", "a count", "Decimal 61.00"),
        (GOO, date(2024, 1, 1), "month_day", "a month-day", "Decimal 61.00"),
        ("booo.goo.actual_cost_from", date(2024, 1, 1), "amount", "an amount", "date 2022-10-15"),
        ("eigen_bijdrage.max_persons_per_household", date(2025, 1, 1), "day", "a date", "int 2"),
        ("booo.advance.request_deadline", date(2026, 6, 1), "count", "a count", "MonthDay --11-01"),
    ],
)
def test_typed_accessor_refuses_another_kind_naming_the_parameter(
    ps, name, day, accessor, expected, held
):
    with pytest.raises(ParameterTypeError) as caught:
        getattr(ps.value(name, day), accessor)
    assert str(caught.value) == f"Parameter '{name}' holds {held}, not {expected}"
    assert caught.value.name == name
    assert isinstance(caught.value, TypeError)


def test_day_accessor_reads_dates_under_a_frozen_clock(ps):
    # freezegun swaps the module's ``date`` for its own class while frozen.
    from freezegun import freeze_time

    with freeze_time("2025-06-01"):
        assert ps.value("booo.grant.spendable_from", date(2025, 6, 1)).day == date(2022, 3, 1)


def test_count_accessor_refuses_a_boolean():
    value = ParameterValue("eigen_bijdrage.max_persons_per_household", date(2025, 1, 1), True, REF)
    with pytest.raises(ParameterTypeError, match="holds bool True, not a count"):
        _ = value.count


def test_every_value_has_a_reference_and_confidence(ps):
    described = ps.describe()
    assert len(described) == len(ps.names()) >= 20
    for parameter in described:
        assert parameter["description"]["nl"] and parameter["description"]["en"]
        for value in parameter["values"]:
            assert value["reference"]["publication"] and value["reference"]["article"]
            assert value["confidence"] in ("confirmed", "municipal_page", "secondary")


def test_override_replaces_value_with_same_start(ps):
    changed = ps.with_overrides(
        [
            ParameterValue(GOO, date(2024, 1, 1), "61.50", REF, "confirmed", "correction"),
        ]
    )
    assert changed.value(GOO, date(2024, 6, 1)).value == Decimal("61.50")
    assert changed.value(GOO, date(2024, 6, 1)).reference == REF
    assert ps.value(GOO, date(2024, 6, 1)).value == Decimal("61.00")  # original untouched


def test_override_fills_2026(ps):
    changed = ps.with_overrides(
        [
            ParameterValue(
                GOO,
                date(2026, 1, 1),
                Decimal("40.00"),
                {"publication": "Stcrt. 2026, 1", "article": "art. 2"},
                "confirmed",
                "",
            ),
        ]
    )
    pv = changed.value(GOO, date(2026, 3, 1))
    assert pv.value == Decimal("40.00") and pv.reference.article == "art. 2"
    assert changed.value(GOO, date(2025, 12, 31)).value == Decimal("44.00")


def test_override_inside_a_value_keeps_its_end(ps):
    changed = ps.with_overrides(
        [
            ParameterValue(GOO, date(2025, 7, 1), "45.00", REF, "confirmed", ""),
        ]
    )
    assert changed.value(GOO, date(2025, 6, 30)).value == Decimal("44.00")
    assert changed.value(GOO, date(2025, 12, 31)).value == Decimal("45.00")
    with pytest.raises(MissingParameter):
        changed.value(GOO, date(2026, 1, 1))


def test_override_is_validated(ps):
    with pytest.raises(ParameterFileError, match=GOO):
        ps.with_overrides([ParameterValue(GOO, date(2026, 1, 1), "x", REF, "confirmed", "")])
    with pytest.raises(ParameterFileError, match="confidence"):
        ps.with_overrides([ParameterValue(GOO, date(2026, 1, 1), "1.00", REF, "maybe", "")])
    with pytest.raises(UnknownParameter):
        ps.with_overrides([ParameterValue("booo.nope", date(2026, 1, 1), "1", REF)])


def _write(tmp_path, text, name="booo.yaml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_yaml_error_names_file_and_parameter(tmp_path):
    _write(
        tmp_path,
        """
parameters:
  booo.x:
    description: {nl: a, en: b}
    unit: EUR/day
    values:
      - {start: 2022-03-01, value: 100.00, confidence: confirmed,
         reference: {publication: p, article: a}}
""",
    )
    with pytest.raises(ParameterFileError) as info:
        ParameterSet.load_dir(tmp_path)
    assert str(info.value).startswith("booo.yaml: booo.x: values[0].value:")
    assert "no floats" in str(info.value)


def test_yaml_missing_reference_is_an_error(tmp_path):
    _write(
        tmp_path,
        """
parameters:
  booo.x:
    description: {nl: a, en: b}
    unit: EUR/day
    values:
      - {start: 2022-03-01, value: "1.00", confidence: confirmed}
""",
    )
    with pytest.raises(ParameterFileError, match=r"booo.yaml: booo.x: values\[0\].reference"):
        ParameterSet.load_dir(tmp_path)


def test_yaml_name_must_match_file(tmp_path):
    _write(
        tmp_path,
        """
parameters:
  rooo.x:
    description: {nl: a, en: b}
    unit: count
    values:
      - {start: 2022-03-01, value: 1, confidence: confirmed,
         reference: {publication: p, article: a}}
""",
    )
    with pytest.raises(ParameterFileError, match="booo.yaml: rooo.x: name must start with"):
        ParameterSet.load_dir(tmp_path)


def test_a_mid_year_value_with_an_end_leaves_the_rest_of_the_year_uncovered(ps):
    """1 July–31 August 2025 with an end date cuts the 2025 value at 30 June:
    1 September–31 December 2025 would lose its value."""
    after = ps.with_overrides(
        [ParameterValue(GOO, date(2025, 7, 1), "70.00", REF, end=date(2025, 8, 31))]
    )
    assert ps.newly_uncovered(after, GOO) == [(date(2025, 9, 1), date(2025, 12, 31))]
    # Without an end date it runs to the end of the value it splits: nothing lost.
    open_ended = ps.with_overrides([ParameterValue(GOO, date(2025, 7, 1), "70.00", REF)])
    assert ps.newly_uncovered(open_ended, GOO) == []


def test_filling_a_known_gap_loses_nothing(ps):
    """2026 has no value yet: adding one for part of it covers more, not less."""
    after = ps.with_overrides(
        [ParameterValue(GOO, date(2026, 1, 1), "40.00", REF, end=date(2026, 6, 30))]
    )
    assert ps.newly_uncovered(after, GOO) == []
