"""Benchmark: BooO declarations for every municipality for one year.

    eval "$(scripts/start-postgres.sh)"
    openopvang synthesize --seed 42
    .venv/bin/python benchmarks/bench_declarations.py --year 2024 --runs 5

Measures, each as the median of --runs runs in the same process:

- **baseline**: reading the input rows of every municipality straight from
  the database with raw SQL: the same rows, columns and period filters the
  BooO-only registry snapshot reads (`build_scenarios(..., booo_only=True)`):
  locations, capacity periods, host placements, their hosts, the persons with
  a host placement and their provisions, cost lines — no GOO placements,
  households, memberships or incomes;
- **snapshot**: `registry.snapshots.build_scenarios(..., booo_only=True)` for
  all municipalities (the registry → scenario documents, one query per table);
- **national**: `declarations.national.national_rows` — what the national
  page computes: snapshots in chunks of 50 + other cost lines + the rules
  engine for every municipality (no explanation tree);
- **drafts with explanations**: `compute()` per municipality, as the finance
  officer's page does it (one municipality at a time, with the explanation
  tree), for the whole country.

Reported: seconds and the ratio to the baseline. Target: the whole country
under 10 s and within 3× the read time. Nothing is written to the database.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from openopvang.accounts.models import Organisation  # noqa: E402
from openopvang.declarations.figures import compute  # noqa: E402
from openopvang.declarations.national import (  # noqa: E402
    municipalities_with_data,
    national_rows,
)
from openopvang.declarations.years import year_period  # noqa: E402
from openopvang.parameters.services import current_parameters  # noqa: E402
from openopvang.registry.snapshots import build_scenarios  # noqa: E402

# The rows the BooO-only snapshot reads (registry.snapshots.build_scenarios with
# booo_only=True, as national_rows calls it): every location and capacity period
# open in the year (GOO is paid on realised places), the host placements only
# (no GOO placements), their hosts, the persons with such a placement and those
# persons' provisions (POO), and the finance officers' cost lines. No
# households, memberships or incomes: the BooO does not depend on them.
PLACED_WITH_HOST = """SELECT p.person_id FROM registry_placement p
        WHERE p.host_id IS NOT NULL AND p.start_date <= %(end)s
        AND (p.end_date IS NULL OR p.end_date >= %(start)s)"""
BASELINE_SQL = [
    # (label, sql) with %(start)s / %(end)s; the same columns and filters as the snapshot.
    (
        "locations",
        """SELECT id, municipality_id, kind, catering, opened_on, closed_on
        FROM registry_location WHERE opened_on <= %(end)s
        AND (closed_on IS NULL OR closed_on >= %(start)s)""",
    ),
    (
        "capacity",
        """SELECT c.location_id, c.start_date, c.end_date, c.places
        FROM registry_capacityperiod c JOIN registry_location l ON l.id = c.location_id
        WHERE c.start_date <= %(end)s AND (c.end_date IS NULL OR c.end_date >= %(start)s)""",
    ),
    (
        "host placements",
        """SELECT person_id, municipality_id, location_id, host_id, start_date, end_date
        FROM registry_placement WHERE host_id IS NOT NULL AND start_date <= %(end)s
        AND (end_date IS NULL OR end_date >= %(start)s)""",
    ),
    (
        "hosts",
        """SELECT DISTINCT h.id, h.municipality_id FROM registry_host h
        JOIN registry_placement p ON p.host_id = h.id WHERE p.start_date <= %(end)s
        AND (p.end_date IS NULL OR p.end_date >= %(start)s)""",
    ),
    (
        "persons with a host placement",
        f"""SELECT pe.id, pe.birth_date FROM registry_person pe
        WHERE pe.id IN ({PLACED_WITH_HOST})""",
    ),
    (
        "their provisions",
        f"""SELECT v.person_id, pe.municipality_id, v.month, v.kind
        FROM registry_provision v JOIN registry_person pe ON pe.id = v.person_id
        WHERE v.month >= %(start)s AND v.month <= %(end)s
        AND v.person_id IN ({PLACED_WITH_HOST})""",
    ),
    (
        "cost lines",
        """SELECT municipality_id, category, amount, month, location_id, description,
        evidence FROM declarations_costline WHERE year = %(year)s""",
    ),
]


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def read_baseline(year: int) -> int:
    start, end = year_period(year)
    rows = 0
    with connection.cursor() as cursor:
        for _label, sql in BASELINE_SQL:
            cursor.execute(sql, {"start": start, "end": end, "year": year})
            rows += len(cursor.fetchall())
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--skip-explained",
        action="store_true",
        help="skip the per-municipality drafts with explanation trees",
    )
    args = parser.parse_args(argv)
    year, runs = args.year, args.runs
    start, end = year_period(year)
    ids = municipalities_with_data(year)
    if not ids:
        print(
            "No registry data for that year: run `openopvang synthesize --seed 42` first.",
            file=sys.stderr,
        )
        return 2
    params = current_parameters()
    print(
        f"# BooO declarations {year}: {len(ids)} municipalities, database "
        f"{connection.vendor} {connection.pg_version if connection.vendor == 'postgresql' else ''}"
    )
    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {runs} runs (median)"
    )

    read_baseline(year)  # warm the cache: every measurement below reads warm pages
    baseline, rows = timed(lambda: read_baseline(year), runs)
    snapshot, documents = timed(lambda: build_scenarios(ids, start, end, booo_only=True), runs)
    national, result = timed(lambda: national_rows(year, params=params), runs)
    sizes = {
        "locations": sum(len(d["locations"]) for d in documents.values()),
        "persons": sum(len(d["persons"]) for d in documents.values()),
        "placements": sum(len(d["placements"]) for d in documents.values()),
        "provisions": sum(len(d["provisions"]) for d in documents.values()),
    }
    errors = [row for row in result if row["status"] == "error"]
    print(
        f"# input: {rows:,} rows read by the baseline; scenarios hold "
        + ", ".join(f"{v:,} {k}" for k, v in sizes.items())
    )
    if errors:
        print(f"# {len(errors)} municipalities could not be computed, e.g. {errors[0]['error']}")
    lines = [
        ("baseline: raw SQL reads of the input rows", baseline),
        ("registry snapshots (build_scenarios, all municipalities)", snapshot),
        ("national totals (snapshots + rules engine, national_rows)", national),
    ]
    if not args.skip_explained:
        organisations = list(Organisation.objects.filter(pk__in=ids))

        def explained():
            return [compute(organisation, year, params) for organisation in organisations]

        explained_time, _ = timed(explained, max(1, min(runs, 3)))
        lines.append(
            ("drafts with explanations, one municipality at a time (compute)", explained_time)
        )
    print()
    print("| measurement | seconds | ratio to baseline |")
    print("|---|---:|---:|")
    for label, seconds in lines:
        print(f"| {label} | {seconds:.3f} | {seconds / baseline:.1f}× |")
    total = sum(float(row["total"]) for row in result if row["total"] is not None)
    print(f"\n# country total declared {year}: € {total:,.2f} (sanity check, float for display)")
    print(f"# measured on {date.today().isoformat()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
