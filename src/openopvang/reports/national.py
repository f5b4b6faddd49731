"""The national view's tables: every municipality, safety region and the
country on one day, with the counts of persons protected by
reports.disclosure (places are shown as they are: they count beds, not
persons)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import disclosure, selectors

COLUMNS = ("goo", "poo", "persons")
COUNTRY = "country"


@dataclass
class Row:
    level: str  # "municipality", "region" or "country"
    code: str
    name: str
    region_code: str
    places: int
    cells: dict[str, int | str] = field(default_factory=dict)  # published: count or mark


@dataclass
class NationalTables:
    day: datetime.date
    municipalities: list[Row]
    regions: list[Row]
    country: Row

    @property
    def suppressed(self) -> bool:
        rows = [*self.municipalities, *self.regions, self.country]
        return any(isinstance(v, str) for row in rows for v in row.cells.values())


def _region_key(code: str) -> str:
    return f"region:{code}"


def national_tables(day: datetime.date) -> NationalTables:
    selectors.ensure_national(day)
    values: dict[tuple, int] = {}
    sums: list[disclosure.Sum] = []
    regions: dict[str, dict] = {}
    municipality_rows = []
    for entry in selectors.national_day(day):
        m = entry.municipality
        region = m.veiligheidsregio_code or ""
        info = regions.setdefault(
            region,
            {"name": m.veiligheidsregio_name or _("No safety region"), "members": [], "places": 0},
        )
        info["members"].append(m.code)
        info["places"] += entry.places
        for column, value in zip(COLUMNS, (entry.goo, entry.poo, entry.persons), strict=True):
            values[(m.code, column)] = value
        sums.append(disclosure.Sum((m.code, "persons"), ((m.code, "goo"), (m.code, "poo"))))
        municipality_rows.append(Row("municipality", m.code, m.name, region, entry.places))
    for region, info in regions.items():
        key = _region_key(region)
        for column in COLUMNS:
            values[(key, column)] = sum(values[(code, column)] for code in info["members"])
            sums.append(
                disclosure.Sum((key, column), tuple((code, column) for code in info["members"]))
            )
        sums.append(disclosure.Sum((key, "persons"), ((key, "goo"), (key, "poo"))))
    for column in COLUMNS:
        values[(COUNTRY, column)] = sum(values[(_region_key(r), column)] for r in regions)
        sums.append(
            disclosure.Sum((COUNTRY, column), tuple((_region_key(r), column) for r in regions))
        )
    sums.append(disclosure.Sum((COUNTRY, "persons"), ((COUNTRY, "goo"), (COUNTRY, "poo"))))
    published = disclosure.protect(values, sums)
    for row in municipality_rows:
        row.cells = {column: published[(row.code, column)] for column in COLUMNS}
    region_rows = [
        Row(
            "region",
            region,
            info["name"],
            region,
            info["places"],
            {column: published[(_region_key(region), column)] for column in COLUMNS},
        )
        for region, info in sorted(regions.items(), key=lambda item: (item[0] == "", item[0]))
    ]
    country = Row(
        "country",
        "NL",
        _("The Netherlands"),
        "",
        sum(info["places"] for info in regions.values()),
        {column: published[(COUNTRY, column)] for column in COLUMNS},
    )
    return NationalTables(day, municipality_rows, region_rows, country)


OPEN_DATA_HEADER = (
    "date",
    "level",
    "code",
    "name",
    "safety_region_code",
    "places",
    "persons_goo",
    "persons_poo",
    "persons",
)


def open_data_rows(tables: NationalTables):
    """The rows of the open-data CSV (docs/open-data-reception-figures.md)."""
    for row in [tables.country, *tables.regions, *tables.municipalities]:
        yield [
            tables.day.isoformat(),
            row.level,
            row.code,
            row.name,
            row.region_code,
            row.places,
            *(row.cells[column] for column in COLUMNS),
        ]
