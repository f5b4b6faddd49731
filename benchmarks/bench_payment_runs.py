"""Benchmark: one month's leefgeld for the whole country, computed and written
as payment runs per municipality.

    eval "$(scripts/start-postgres.sh)"
    .venv/bin/openopvang migrate
    .venv/bin/openopvang synthesize --seed 42
    .venv/bin/python benchmarks/bench_payment_runs.py --month 2025-03 --runs 3

Measures, each as the median of --runs runs in the same process:

- **baseline**: reading the input rows for the month straight from the
  database with raw SQL (the tables, columns and period filters the registry
  snapshot reads: locations, capacity, placements, hosts, memberships, persons,
  incomes, provisions);
- **compute**: `allowances.runs.compute_runs` for every municipality
  (snapshots for all of them in one query per table, the rules engine,
  the ledger of approved runs, payees) — nothing written;
- **compute + write**: `allowances.services.store_national_runs` — the same,
  plus storing a draft run per municipality with its snapshot, payments and
  lines. The runs are deleted again after each measurement (outside the timing).

Reported: seconds and the ratio to the baseline. Target: the whole country
under 30 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from openopvang.accounts.models import Organisation  # noqa: E402
from openopvang.allowances.models import PaymentRun, RunStatus  # noqa: E402
from openopvang.allowances.runs import compute_runs  # noqa: E402
from openopvang.allowances.services import store_national_runs  # noqa: E402
from openopvang.parameters.services import current_parameters  # noqa: E402
from openopvang.rules.engine.dates import last_of, parse_month  # noqa: E402

BASELINE_SQL = [
    (
        "locations",
        """SELECT id, municipality_id, kind, catering, opened_on, closed_on
        FROM registry_location WHERE opened_on <= %(end)s
        AND (closed_on IS NULL OR closed_on >= %(start)s)""",
    ),
    (
        "capacity",
        """SELECT c.location_id, c.start_date, c.end_date, c.places
        FROM registry_capacityperiod c WHERE c.start_date <= %(end)s
        AND (c.end_date IS NULL OR c.end_date >= %(start)s)""",
    ),
    (
        "placements",
        """SELECT person_id, municipality_id, location_id, host_id, start_date,
        end_date FROM registry_placement WHERE start_date <= %(end)s
        AND (end_date IS NULL OR end_date >= %(start)s)""",
    ),
    (
        "memberships",
        """SELECT m.household_id, h.municipality_id, m.person_id, m.start_date,
        m.end_date, h.name, h.payee_id FROM registry_householdmembership m
        JOIN registry_household h ON h.id = m.household_id WHERE m.start_date <= %(end)s
        AND (m.end_date IS NULL OR m.end_date >= %(start)s)""",
    ),
    (
        "persons",
        """SELECT DISTINCT pe.id, pe.municipality_id, pe.birth_date, pe.given_names,
        pe.family_name, pe.iban FROM registry_person pe
        JOIN registry_placement p ON p.person_id = pe.id WHERE p.start_date <= %(end)s
        AND (p.end_date IS NULL OR p.end_date >= %(start)s)""",
    ),
    (
        "incomes",
        """SELECT i.person_id, pe.municipality_id, i.kind, i.start_date, i.end_date,
        i.monthly_amount FROM registry_incomeperiod i
        JOIN registry_person pe ON pe.id = i.person_id
        WHERE i.start_date <= %(end)s AND (i.end_date IS NULL OR i.end_date >= %(start)s)""",
    ),
    (
        "provisions",
        """SELECT v.person_id, pe.municipality_id, v.month, v.kind
        FROM registry_provision v JOIN registry_person pe ON pe.id = v.person_id
        WHERE v.month >= %(start)s AND v.month <= %(end)s""",
    ),
]


def read_baseline(start, end) -> int:
    rows = 0
    with connection.cursor() as cursor:
        for _label, sql in BASELINE_SQL:
            cursor.execute(sql, {"start": start, "end": end})
            rows += len(cursor.fetchall())
    return rows


def timed(function, runs: int, after=None) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
        if after is not None:
            after(result)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--month", default="2025-03", help="YYYY-MM")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    month = parse_month(args.month)
    start, end = month, last_of(month)
    ids = list(
        Organisation.objects.municipalities()
        .filter(placements__start_date__lte=end)
        .distinct()
        .values_list("pk", flat=True)
    )
    if not ids:
        print("No registry data: run `openopvang synthesize --seed 42` first.", file=sys.stderr)
        return 2
    if PaymentRun.objects.filter(
        municipality_id__in=ids, status__in=[RunStatus.DRAFT, RunStatus.PREPARED]
    ).exists():
        print("There are open payment runs; the benchmark needs none.", file=sys.stderr)
        return 2
    params = current_parameters()
    vendor = connection.vendor
    version = connection.pg_version if vendor == "postgresql" else ""
    print(
        f"# Leefgeld payment runs {args.month}: {len(ids)} municipalities, database "
        f"{vendor} {version}"
    )
    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {args.runs} runs (median)"
    )

    read_baseline(start, end)  # warm the cache
    baseline, rows = timed(lambda: read_baseline(start, end), args.runs)
    computed_time, computed = timed(lambda: compute_runs(ids, month, params), args.runs)
    items = sum(len(run.items) for run in computed.values())
    lines = sum(len(item.lines) for run in computed.values() for item in run.items)
    total = sum(run.total for run in computed.values())

    def delete(runs):
        PaymentRun.objects.filter(pk__in=[run.pk for run in runs]).delete()

    stored_time, _runs = timed(
        lambda: store_national_runs(None, month, ids, params), args.runs, after=delete
    )
    print(
        f"# input: {rows:,} rows read by the baseline; output: {len(computed)} runs, "
        f"{items:,} household payments, {lines:,} lines, total EUR {total:,.2f}"
    )
    print()
    print("| step | seconds | ratio to baseline |")
    print("|---|---:|---:|")
    for label, seconds in (
        ("baseline: raw SQL reads of the input rows", baseline),
        ("compute_runs (snapshots + engine + ledger + payees), nothing written", computed_time),
        ("store_national_runs (compute + write runs, payments, lines)", stored_time),
    ):
        print(f"| {label} | {seconds:.2f} | {seconds / baseline:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
