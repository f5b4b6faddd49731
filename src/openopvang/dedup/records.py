"""Person records read from the CSV of `openopvang dedup pairs`, and the pairs
written back (ADR 0015). Pure Python, no Django."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable
from pathlib import Path

from openopvang.dedup.scoring import Match, Reason, Record

REQUIRED = (
    "id",
    "municipality",
    "family_name",
    "given_names",
    "family_name_cyrillic",
    "given_names_cyrillic",
    "birth_date",
    "sex",
    "nationality",
)
OUTPUT = ("id_a", "id_b", "score", "reasons")


class InputError(ValueError):
    pass


def _date(text: str) -> datetime.date | None:
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def record_from_row(row: dict) -> Record:
    return Record.build(
        row["id"],
        family_name=row.get("family_name") or "",
        given_names=row.get("given_names") or "",
        family_name_cyrillic=row.get("family_name_cyrillic") or "",
        given_names_cyrillic=row.get("given_names_cyrillic") or "",
        birth_date=_date(row.get("birth_date") or ""),
        sex=row.get("sex") or "",
        nationality=row.get("nationality") or "",
        municipality=row.get("municipality") or "",
        household=row.get("household") or "",
    )


def read_csv(path: Path) -> list[Record]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing column(s): {', '.join(missing)}")
        return [record_from_row(row) for row in reader]


def write_pairs(
    matches: Iterable[Match], path: Path, render: Callable[[Iterable[Reason]], str]
) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(OUTPUT)
        for match in matches:
            writer.writerow([match.a.id, match.b.id, f"{match.score:.2f}", render(match.reasons)])
            count += 1
    return count
