"""The national view's tables: every municipality, safety region and the
country on one day, with the counts of persons protected by
reports.disclosure (places are shown as they are: they count beds, not
persons)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openopvang.accounts.models import Organisation
from openopvang.core import formatting

from . import charts, disclosure, selectors

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
    published = disclosure.protect_lines(values, sums)
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


# Capacity against the national target -----------------------------------------------------


@dataclass
class Target:
    places: int
    by: datetime.date
    source: str
    realised: int
    day: datetime.date

    @property
    def share(self) -> int:
        """The realised places as a whole percentage of the target."""
        return round(100 * self.realised / self.places) if self.places else 0


def capacity_target(tables: NationalTables) -> Target:
    """The country's realised places against settings.NATIONAL_CAPACITY_TARGET
    (the one place the target and its source are kept)."""
    target = settings.NATIONAL_CAPACITY_TARGET
    return Target(
        int(target["places"]),
        datetime.date.fromisoformat(target["by"]),
        target["source"],
        tables.country.places,
        tables.day,
    )


def target_figure(target: Target) -> tuple[str, str]:
    language = get_language()
    title = _(
        "On %(day)s the municipalities had %(realised)s places: %(share)s%% of the "
        "national target of %(target)s places"
    ) % {
        "day": formatting.long_date(target.day, language),
        "realised": formatting.number(target.realised, language),
        "share": target.share,
        "target": formatting.number(target.places, language),
    }
    desc = _("Bar chart of the realised places in the country against the national target.")
    return title, charts.bar_chart(
        title=title,
        desc=desc,
        categories=[_("National target"), _("Realised places")],
        series=[charts.Series(_("Places"), [target.places, target.realised])],
        number=lambda value: formatting.number(value, language),
    )


# Costs and BooO claims per municipality -----------------------------------------------------

COST_HEADER = (
    "month",
    "code",
    "name",
    "booo_claim",
    "leefgeld_paid",
    "eigen_bijdrage",
    "support_invoiced",
)


@dataclass
class CostRow:
    code: str
    name: str
    booo_claim: Decimal | None
    leefgeld_paid: Decimal | None
    eigen_bijdrage: Decimal | None
    support_invoiced: Decimal | None

    @property
    def values(self) -> list[Decimal | None]:
        return [self.booo_claim, self.leefgeld_paid, self.eigen_bijdrage, self.support_invoiced]


def national_costs(month: datetime.date) -> tuple[list[CostRow], CostRow]:
    """Every municipality's money in `month` and the country's sum. Amounts of
    money, not counts of persons: shown as they are (the disclosure rules
    protect counts). A municipality the nightly job has not reached shows
    empty cells, and the country sums what is known."""
    found = selectors.national_costs(month)
    rows = []
    for municipality in Organisation.objects.municipalities().order_by("name"):
        cost = found.get(municipality.pk)
        rows.append(
            CostRow(
                municipality.code,
                municipality.name,
                cost.booo_total if cost else None,
                cost.leefgeld_paid if cost else None,
                cost.eigen_bijdrage if cost else None,
                cost.support_invoiced if cost else None,
            )
        )

    def total(name):
        return sum(
            (getattr(r, name) for r in rows if getattr(r, name) is not None), Decimal("0.00")
        )

    country = CostRow(
        "NL",
        _("The Netherlands"),
        total("booo_claim"),
        total("leefgeld_paid"),
        total("eigen_bijdrage"),
        total("support_invoiced"),
    )
    return rows, country


def cost_csv_rows(month: datetime.date, rows: list[CostRow], country: CostRow):
    for row in [country, *rows]:
        yield [
            month.strftime("%Y-%m"),
            row.code,
            row.name,
            row.booo_claim,
            row.leefgeld_paid,
            row.eigen_bijdrage,
            row.support_invoiced,
        ]
