"""`openopvang dedup pairs PERSONS.csv --out PAIRS.csv`, as an integration uses it."""

import csv

import pytest
from django.core.management import CommandError, call_command

EXPECTED_REASON = (
    "same birth date, family name Kovalenko ~ Kowalenko, "
    "given name Oleksandr = Aleksandr (Russian form)"
)

COLUMNS = (
    "id,municipality,family_name,given_names,family_name_cyrillic,given_names_cyrillic,"
    "birth_date,sex,nationality"
)


def write(path, lines):
    path.write_text("\n".join([COLUMNS, *lines]) + "\n", encoding="utf-8")


def test_pairs_are_written_with_their_reasons(tmp_path, capsys):
    persons = tmp_path / "persons.csv"
    write(
        persons,
        [
            "1,GM0363,Kovalenko,Oleksandr,Коваленко,Олександр,1985-03-07,M,UA",
            "2,GM0344,Kowalenko,Aleksandr,,,1985-03-07,M,UA",
            "3,GM0344,Kovalenko,Andrii,Коваленко,Андрій,1985-03-07,M,UA",
            "4,GM0599,Kovalenko,Oleksandr,,,1985-07-03,M,UA",
            "5,GM0599,Kovalenko,Oleksandr,,,1990-01-01,M,UA",
        ],
    )
    out = tmp_path / "pairs.csv"
    call_command("dedup", "pairs", str(persons), "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["id_a", "id_b", "score", "reasons"]
    pairs = {(r["id_a"], r["id_b"]): r["reasons"] for r in rows}
    assert set(pairs) == {("1", "2"), ("1", "4"), ("2", "4")}
    assert pairs[("1", "2")] == (EXPECTED_REASON)
    assert pairs[("1", "4")].startswith("day and month of birth swapped")
    assert "5 persons read, 3 probable duplicate pair(s) written" in capsys.readouterr().out


def test_a_missing_column_is_a_clear_error(tmp_path):
    persons = tmp_path / "persons.csv"
    persons.write_text("id,family_name\n1,Kovalenko\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        call_command("dedup", "pairs", str(persons), "--out", str(tmp_path / "out.csv"))
