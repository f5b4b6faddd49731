"""National casework figures for the national organisation (NOO) and the
ministry: on one day, the open cases of every municipality per situation,
with the country's totals. Counts of persons (one open case per person),
never a name; protected by reports.disclosure: 1 to 4 is "<5", and further
cells are hidden ("x") until no row or column total gives a small count away.

The page, its CSV and XLSX and the API all publish `casework_tables(day)`, so
they show the same numbers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openopvang.accounts.models import Organisation
from openopvang.casework.models import SituationCode
from openopvang.casework.selectors import national_situation_counts
from openopvang.core.db import read_alias

from . import disclosure

TOTAL = "total"
COUNTRY = "country"
SITUATIONS = tuple(code for code, _label in SituationCode.choices)
COLUMNS = (*SITUATIONS, TOTAL)
DISCLOSURE_NOTE = gettext_lazy(
    "Counts of 1 to 4 cases are shown as <5. Cells marked x are hidden as well, so that "
    "the totals do not give a small count away; a cell marked . is not published at all."
)


@dataclass
class CaseworkRow:
    code: str
    name: str
    cells: dict[str, int | str] = field(default_factory=dict)  # published: count or mark

    @property
    def values(self) -> list[int | str]:
        return [self.cells[column] for column in COLUMNS]


@dataclass
class CaseworkTables:
    day: datetime.date
    municipalities: list[CaseworkRow]
    country: CaseworkRow

    @property
    def suppressed(self) -> bool:
        rows = [*self.municipalities, self.country]
        return any(isinstance(v, str) for row in rows for v in row.cells.values())


def column_labels() -> list[str]:
    """The headers of the situation columns and the total, in the reader's language."""
    return [str(label) for _code, label in SituationCode.choices] + [_("Open cases")]


def casework_counts(day: datetime.date) -> tuple[list, dict, list]:
    """(municipalities as (pk, code, name), the counts as cells, the sums
    published between them) on `day`, before any protection."""
    counts = national_situation_counts(day)
    municipalities = list(
        Organisation.objects.using(read_alias())
        .municipalities()
        .order_by("name", "pk")
        .values_list("pk", "code", "name")
    )
    values: dict[tuple, int] = {}
    for pk, _code, _name in municipalities:
        for situation in SITUATIONS:
            values[(pk, situation)] = counts.get((pk, situation), 0)
        values[(pk, TOTAL)] = sum(values[(pk, s)] for s in SITUATIONS)
    for column in COLUMNS:
        values[(COUNTRY, column)] = sum(values[(pk, column)] for pk, _c, _n in municipalities)
    sums = disclosure.table_sums(
        [pk for pk, _c, _n in municipalities],
        SITUATIONS,
        total_row=COUNTRY,
        total_column=TOTAL,
    )
    return municipalities, values, sums


def casework_tables(day: datetime.date) -> CaseworkTables:
    """Every municipality's open cases per situation on `day`, protected.
    The caller checks that the user may see national figures."""
    municipalities, values, sums = casework_counts(day)
    published = disclosure.protect_lines(values, sums)
    rows = [
        CaseworkRow(code, name, {column: published[(pk, column)] for column in COLUMNS})
        for pk, code, name in municipalities
    ]
    country = CaseworkRow(
        "NL", _("The Netherlands"), {column: published[(COUNTRY, column)] for column in COLUMNS}
    )
    return CaseworkTables(day, rows, country)


CSV_HEADER = ("date", "level", "code", "name", *COLUMNS)


def csv_rows(tables: CaseworkTables):
    """The rows of the CSV: the country first, then every municipality;
    the situation columns by their codes (stable for machines)."""
    for level, row in [("country", tables.country)] + [
        ("municipality", row) for row in tables.municipalities
    ]:
        yield [tables.day.isoformat(), level, row.code, row.name, *row.values]
