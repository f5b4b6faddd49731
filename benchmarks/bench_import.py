"""Benchmark: importing N persons from an XLSX file, against a baseline
bulk_create of the same rows.

    .venv/bin/python benchmarks/bench_import.py --persons 5000 --runs 3

Runs on a fresh SQLite database in a temporary folder (migrated first, outside
the timing) unless DATABASE_URL is set. Measures, each as the median of
--runs runs in the same process (the persons are deleted between runs,
outside the timing):

- **baseline**: `Person.objects.bulk_create` of the same N rows, built from
  the already-parsed values (no reading, no validation, no audit);
- **read + check** (phase one): `imports.services.validate_job` — the XLSX
  read with openpyxl, every row through `Person.full_clean` (with its
  constraints), the checks between rows and the duplicate hints;
- **write** (phase two): `imports.services.write_job` in all-or-nothing mode —
  every row through `registry.services.save_record` (permission check,
  full_clean, save, audit event) and an audited ExternalId, in one transaction.

The two phases are called directly, as the background task calls them (the
task queue itself is not timed). Reported: seconds, rows per second and the
ratio to the baseline.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time

TMP = tempfile.mkdtemp(prefix="bench-import-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from openopvang.accounts.models import Organisation, Role, User  # noqa: E402
from openopvang.imports import documents, services  # noqa: E402
from openopvang.imports import persons as person_file  # noqa: E402
from openopvang.imports.models import ExternalId, ImportJob, ImportMode  # noqa: E402
from openopvang.registry.models import Person  # noqa: E402

GIVEN = ["Olena", "Andrii", "Iryna", "Mykola", "Sofiia", "Taras", "Nataliia", "Oleksandr"]


def workbook(count: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(documents.headers())
    for n in range(count):
        sheet.append(
            [
                f"B-{n}",
                f"Kovalenko{n}",
                GIVEN[n % len(GIVEN)],
                f"Коваленко{n}",
                "",
                f"{1950 + n % 60}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                "FM"[n % 2],
                "UA",
                "",
                "uk, ru",
                "",
                "",
                "",
                "",
            ]
        )
    from io import BytesIO

    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def clear(municipality) -> None:
    ExternalId.objects.filter(municipality=municipality).delete()
    Person.objects.filter(municipality=municipality).delete()
    # The audit log stays: the application's role may only add to it (ADR 0017).


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    translation.activate("nl")
    call_command("migrate", verbosity=0)
    municipality, _ = Organisation.objects.get_or_create(
        code="GM9999", defaults={"name": "Benchmarkstad", "kind": "municipality"}
    )
    user, _ = User.objects.get_or_create(
        username="bench.import",
        defaults={"organisation": municipality, "role": Role.COORDINATOR},
    )
    data = workbook(args.persons)
    times: dict[str, list[float]] = {"baseline": [], "check": [], "write": []}
    for _run in range(args.runs):
        clear(municipality)
        job = ImportJob.objects.create(
            municipality=municipality, file_name="bench.xlsx", data=data, created_by=user
        )
        started = time.perf_counter()
        job = services.validate_job(job)
        times["check"].append(time.perf_counter() - started)
        assert job.valid_count == args.persons, job.failed_rows[:3]

        people = [person_file.person_from_row(row["values"], municipality)[0] for row in job.rows]
        started = time.perf_counter()
        Person.objects.bulk_create(people, batch_size=1000)
        times["baseline"].append(time.perf_counter() - started)
        clear(municipality)

        job.mode = ImportMode.ALL_OR_NOTHING
        job.save(update_fields=["mode"])
        started = time.perf_counter()
        job = services.write_job(job, user)
        times["write"].append(time.perf_counter() - started)
        assert job.created == args.persons, (job.status, job.error)
    clear(municipality)

    base = statistics.median(times["baseline"])
    print(
        f"{args.persons} persons, {args.runs} runs, {connection.vendor}, "
        f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}"
    )
    print()
    print("| measurement | seconds | rows/s | ratio to baseline |")
    print("|---|---:|---:|---:|")
    labels = {
        "baseline": "baseline: `bulk_create` of the same rows",
        "check": "phase one: read XLSX + check every row (`validate_job`)",
        "write": "phase two: write through the registry service (`write_job`)",
    }
    for key in ("baseline", "check", "write"):
        median = statistics.median(times[key])
        print(
            f"| {labels[key]} | {median:.3f} | {args.persons / median:,.0f} | "
            f"{median / base:.1f}× |"
        )
    total = statistics.median(times["check"]) + statistics.median(times["write"])
    print(f"| both phases | {total:.3f} | {args.persons / total:,.0f} | {total / base:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
