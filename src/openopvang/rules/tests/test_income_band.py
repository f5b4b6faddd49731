"""The income threshold (drempelbedrag): the published table to the cent, the
band between zero and the thresholds, the municipal settings, the old rules
before 2025-10-01, and "work always pays"."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openopvang.rules.engine.evaluate import evaluate, main
from openopvang.rules.engine.parameters import ParameterSet

# The table of the municipal page (Hilversum, amounts of 1 October 2025): one
# adult and 0..4 minors, GOO without catering. With the 2025 amounts L is
# eetgeld + kleedgeld 62.66 each, EB is 244.22 (one adult with income):
#   1: 252.18 + 62.66                          =  314.84; x 1.15 =  362.066 ->  362.07
#      (314.84 + 244.22) x 1.15 = 642.919                                      ->  642.92
#   2: 252.18 + 210.05 + 2 x 62.66             =  587.55; x 1.15 =  675.6825 -> 675.68
#      831.77 x 1.15 = 956.5355                                                ->  956.54
#   3: 214.29 + 2 x 178.53 + 3 x 62.66         =  759.33; x 1.15 =  873.2295 -> 873.23
#      1003.55 x 1.15 = 1154.0825                                              -> 1154.08
#   4: 189.13 + 3 x 157.61 + 4 x 62.66         =  912.60; x 1.15 = 1049.49
#      1156.82 x 1.15 = 1330.343                                               -> 1330.34
#   5: 189.13 + 4 x 157.61 + 5 x 62.66         = 1132.87; x 1.15 = 1302.8005 -> 1302.80
#      1377.09 x 1.15 = 1583.6535                                              -> 1583.65
TABLE = [
    # minors, L, full withdrawal of leefgeld from, full eigen bijdrage from
    (0, "314.84", "362.07", "642.92"),
    (1, "587.55", "675.68", "956.54"),
    (2, "759.33", "873.23", "1154.08"),
    (3, "912.60", "1049.49", "1330.34"),
    (4, "1132.87", "1302.80", "1583.65"),
]
EB = "244.22"


def scenario(minors, income=None, band=None, month="2025-11", minor_income=None):
    year, number = (int(part) for part in month.split("-"))
    last = {9: 30, 10: 31, 11: 30, 12: 31}[number]
    persons = [{"id": "P1", "birth_date": "1990-01-01"}] + [
        {"id": f"P{i + 2}", "birth_date": "2015-01-01"} for i in range(minors)
    ]
    incomes = []
    if income is not None:
        incomes.append(
            {
                "person": "P1",
                "kind": "work",
                "from": "2025-01-01",
                "to": None,
                "monthly_amount": str(income),
            }
        )
    if minor_income is not None:
        incomes.append(
            {
                "person": "P2",
                "kind": "work",
                "from": "2025-01-01",
                "to": None,
                "monthly_amount": minor_income,
            }
        )
    doc = {
        "municipality": "GM0344",
        "period": {"from": f"{year}-{number:02d}-01", "to": f"{year}-{number:02d}-{last}"},
        "locations": [
            {
                "id": "L1",
                "kind": "GOO",
                "catering": False,
                "capacity": [{"from": "2022-03-01", "to": None, "places": 10}],
            }
        ],
        "persons": persons,
        "households": [
            {
                "id": "H1",
                "members": [{"person": p["id"], "from": "2022-03-01", "to": None} for p in persons],
            }
        ],
        "placements": [
            {"person": p["id"], "location": "L1", "from": "2022-03-01", "to": None} for p in persons
        ],
        "incomes": incomes,
    }
    if band is not None:
        doc["policy"] = {"income_band": band}
    return doc


def amounts(result):
    """(leefgeld paid, eigen bijdrage levied) of household H1 in the one month."""
    [household] = result["leefgeld"]["households"]
    [month] = household["months"]
    eigen = result["eigen_bijdrage"]["households"]
    levied = eigen[0]["months"][0]["amount"] if eigen else "0.00"
    return month["amount"], levied


def run(minors, income, band=None, month="2025-11"):
    return amounts(evaluate(scenario(minors, income, band, month)))


def cents(text):
    return Decimal(text) - Decimal("0.01")


# -- the published table, through the engine and through the CLI -------------------------


@pytest.mark.parametrize(("minors", "leefgeld", "withdrawal", "full_eb"), TABLE)
def test_table_row_through_the_engine(minors, leefgeld, withdrawal, full_eb):
    # No income: leefgeld in full, nothing to pay.
    assert run(minors, None) == (leefgeld, "0.00")
    result = evaluate(scenario(minors, withdrawal))
    [row] = result["income_band"]["households"]
    assert row["leefgeld"] == leefgeld and row["eigen_bijdrage"] == EB
    assert row["threshold_leefgeld"] == withdrawal
    assert row["threshold_eigen_bijdrage"] == full_eb
    assert row["income_band"] == "derived"
    # At the leefgeld threshold nothing is paid; one cent below a partial amount.
    assert amounts(result)[0] == "0.00"
    below = Decimal(run(minors, cents(withdrawal))[0])
    assert Decimal("0") < below < Decimal(leefgeld)
    # At the eigen bijdrage threshold it is levied in full.
    assert run(minors, full_eb) == ("0.00", EB)


@pytest.mark.parametrize(
    ("minors", "full_eb"), [(0, "642.91"), (2, "1154.07"), (3, "1330.33"), (4, "1583.64")]
)
def test_one_cent_below_the_eigen_bijdrage_threshold_is_partial(minors, full_eb):
    assert run(minors, full_eb) == ("0.00", "244.21")


def test_one_cent_below_the_threshold_of_two_persons_rounds_to_the_full_amount():
    # 956.53 / 1.15 - 587.55 = 244.21521... -> 244.22 (half-up to cents): the
    # derived formula with the house rounding gives the full amount one cent
    # below the published threshold for this row (the other rows give 244.21).
    assert run(1, "956.53") == ("0.00", "244.22")


@pytest.mark.parametrize(("minors", "leefgeld", "withdrawal", "full_eb"), TABLE)
def test_table_row_through_the_cli(tmp_path, capsys, minors, leefgeld, withdrawal, full_eb):
    for income, expected in ((withdrawal, ("0.00", "0.00")), (full_eb, ("0.00", EB))):
        path = tmp_path / f"scenario-{income}.json"
        path.write_text(json.dumps(scenario(minors, income)), encoding="utf-8")
        assert main([str(path)]) == 0
        out = json.loads(capsys.readouterr().out)
        [row] = out["income_band"]["households"]
        assert (row["income"], row["leefgeld"], row["eigen_bijdrage"]) == (income, leefgeld, EB)
        assert (row["threshold_leefgeld"], row["threshold_eigen_bijdrage"]) == (
            withdrawal,
            full_eb,
        )
        assert (row["leefgeld_paid"], row["eigen_bijdrage_levied"]) == expected
        assert amounts(out) == expected
        assert "I/f" in row["formula"]


# -- the band between zero and the thresholds -------------------------------------------


def test_partial_leefgeld_in_the_lower_band():
    # 314.84 - 100.00 / 1.15 = 314.84 - 86.956521... = 227.883478... -> 227.88
    assert run(0, "100.00") == ("227.88", "0.00")
    # household of 3: 759.33 - 500.00 / 1.15 = 759.33 - 434.782608... = 324.547391 -> 324.55
    assert run(2, "500.00") == ("324.55", "0.00")


def test_partial_eigen_bijdrage_in_the_upper_band():
    # 500.00 / 1.15 - 314.84 = 434.782608... - 314.84 = 119.942608... -> 119.94
    assert run(0, "500.00") == ("0.00", "119.94")
    # household of 5: 1500.00 / 1.15 - 1132.87 = 1304.347826... - 1132.87 = 171.477826 -> 171.48
    assert run(4, "1500.00") == ("0.00", "171.48")


def test_the_lines_add_up_to_the_household_amount_and_explain_the_band():
    result = evaluate(scenario(2, "500.00"), explain=True)
    [month] = result["leefgeld"]["households"][0]["months"]
    assert month["amount"] == "324.55"
    assert sum(Decimal(p["amount"]) for p in month["persons"]) == Decimal("324.55")
    assert month["income_band"]["formula"] == "max(0, 759.33 - 500.00 / 1.15) = 324.55"
    band = month["persons"][0]["explanation"]["children"][-1]
    assert band["parameter"] == "rooo.income.threshold_factor"
    assert band["text"]["code"] == "income_band"
    assert band["text"]["paid"] == "324.55" and band["text"]["threshold_leefgeld"] == "873.23"


def test_income_pro_rata_by_days_and_only_from_adults():
    doc = scenario(1, None, minor_income="1000.00")  # a minor's income does not count
    doc["incomes"].append(
        {
            "person": "P1",
            "kind": "work",
            "from": "2025-11-16",
            "to": None,
            "monthly_amount": "600.00",
        }
    )
    result = evaluate(doc)
    [row] = result["income_band"]["households"]
    # 600.00 x 15 / 30 = 300.00; 587.55 - 300.00 / 1.15 = 587.55 - 260.869565... = 326.68
    assert row["income"] == "300.00"
    assert amounts(result) == ("326.68", "0.00")


# -- the municipal settings ----------------------------------------------------------------


def test_keep_plus_15():
    # T = 1.15 x 314.84 = 362.066 -> 362.07
    assert run(0, "30.00", "keep_plus_15") == ("314.84", "0.00")  # min(L, 362.07 - 30.00)
    assert run(0, "100.00", "keep_plus_15") == ("262.07", "0.00")  # 362.07 - 100.00
    assert run(0, "500.00", "keep_plus_15") == ("0.00", "137.93")  # 500.00 - 362.07
    assert run(0, "700.00", "keep_plus_15") == ("0.00", EB)  # min(244.22, 337.93)
    [row] = evaluate(scenario(0, "100.00", "keep_plus_15"))["income_band"]["households"]
    assert row["income_band"] == "keep_plus_15" and row["threshold_leefgeld"] == "362.07"


def test_all_or_nothing_keeps_the_old_stop():
    assert run(0, "100.00", "all_or_nothing") == ("0.00", EB)
    assert run(2, "1.00", "all_or_nothing") == ("0.00", EB)
    assert evaluate(scenario(0, "100.00", "all_or_nothing"))["income_band"]["households"] == []


def test_before_2025_10_01_the_old_rules_stand():
    # September 2025: no leefgeld for the whole household, eigen bijdrage of 105.00 in full.
    assert run(0, "100.00", month="2025-09") == ("0.00", "105.00")
    assert run(2, "100.00", month="2025-09") == ("0.00", "105.00")
    assert evaluate(scenario(0, "100.00", month="2025-09"))["income_band"]["households"] == []
    # From October 2025 the band: 314.84 - 86.956521... = 227.88.
    assert run(0, "100.00", month="2025-10") == ("227.88", "0.00")


def test_a_parameter_set_without_the_factor_keeps_the_old_rules():
    params = ParameterSet.load_default().to_document()
    del params["rooo.income.threshold_factor"]
    result = evaluate(scenario(0, "100.00"), params=ParameterSet.from_document(params))
    assert amounts(result) == ("0.00", EB)


def test_the_factor_is_a_dated_parameter_with_its_source():
    [value] = ParameterSet.load_default().parameter("rooo.income.threshold_factor").values
    assert (str(value.start), value.value, value.confidence) == (
        "2025-10-01",
        Decimal("1.15"),
        "municipal_page",
    )
    assert "Hilversum" in value.reference.publication
    assert "no later than" in value.note and "derived" in value.note


def test_an_unknown_income_band_is_refused(capsys, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(scenario(0, "1.00", "half")), encoding="utf-8")
    assert main([str(path)]) == 2
    assert "policy.income_band" in capsys.readouterr().err


# -- work always pays ------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    st.integers(0, 4),
    st.sampled_from(["derived", "keep_plus_15"]),
    st.integers(0, 200_000),
    st.one_of(st.just(1), st.integers(0, 200_000)),  # one cent more, or any amount more
)
def test_work_always_pays(minors, band, low, more):
    """disposable = I + leefgeld paid - eigen bijdrage levied never goes down as I goes up."""
    high = low + more

    def disposable(income_cents):
        income = Decimal(income_cents) / 100
        paid, levied = run(minors, f"{income:.2f}" if income_cents else None, band)
        return income + Decimal(paid) - Decimal(levied)

    assert disposable(low) <= disposable(high)
