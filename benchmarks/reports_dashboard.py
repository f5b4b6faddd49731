"""Benchmark: the municipal dashboard, the national view and the refresh of
the daily figures, each against a raw aggregate query as the baseline.

Runs against DATABASE_URL (PostgreSQL filled by `openopvang synthesize`, see
benchmarks/README.md) or, without it, against a throwaway SQLite file that
it fills with `synthesize --persons N --municipalities M` first. It measures,
in-process:

- **refresh**: `reports.figures.refresh_figures` for one day, the country
  (target < 10 s); baseline: one raw SQL `GROUP BY` counting the placements
  active that day per municipality and location;
- **dashboard**: `GET /reports/` (90 days, default filters) through the test
  client as a coordinator of the municipality with the most persons (target
  < 300 ms); baseline: raw SQL counting that municipality's placements per
  day over the same 90 days (what the page would scan without the aggregate);
- **national**: `GET /reports/national/` for one day (target < 1 s); baseline
  the raw per-municipality count of that day.

Prints a Markdown table of medians and the ratio to each baseline."""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time


def setup_django(sqlite_path: str | None) -> None:
    if sqlite_path:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("OPENOPVANG_DEBUG", "false")
    os.environ.setdefault("OPENOPVANG_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    # In-process requests through the test client: no TOTP device for the benchmark users.
    os.environ.setdefault("OPENOPVANG_TWO_FACTOR_REQUIRED", "false")
    import django

    django.setup()


def timed(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--day", default="2025-06-15")
    parser.add_argument("--persons", type=int, default=20000, help="SQLite fill only")
    parser.add_argument("--municipalities", type=int, default=60, help="SQLite fill only")
    args = parser.parse_args()
    sqlite_path = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_path = os.path.join(tempfile.mkdtemp(), "bench-reports.sqlite3")
    setup_django(sqlite_path)

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from openopvang.accounts.models import Organisation, Role, User
    from openopvang.registry.models import Person
    from openopvang.reports.figures import refresh_figures

    if sqlite_path:
        call_command("migrate", verbosity=0)
        call_command(
            "synthesize",
            "--seed",
            "42",
            "--persons",
            str(args.persons),
            "--municipalities",
            str(args.municipalities),
            verbosity=0,
        )
    day = datetime.date.fromisoformat(args.day)
    start = day - datetime.timedelta(days=89)
    biggest = (
        Person.objects.values("municipality_id")
        .annotate(n=Count("id"))
        .order_by("-n", "municipality_id")
        .first()
    )
    if biggest is None:
        sys.exit("No persons in the database: run `openopvang synthesize` first.")
    municipality = Organisation.objects.get(pk=biggest["municipality_id"])
    national = Organisation.objects.filter(kind="national").first()
    if national is None:
        national = Organisation.objects.create(code="NAT-BENCH", name="National", kind="national")
    coordinator, _ = User.objects.update_or_create(
        username="benchmark.reports",
        defaults={"organisation": municipality, "role": Role.COORDINATOR, "is_active": True},
    )
    viewer, _ = User.objects.update_or_create(
        username="benchmark.national",
        defaults={"organisation": national, "role": Role.NATIONAL_VIEWER, "is_active": True},
    )
    refresh_figures(start, day)  # the aggregate as the nightly job leaves it

    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    active = "start_date <= %s AND (end_date IS NULL OR end_date >= %s)"

    def baseline_day():
        raw(
            "SELECT municipality_id, location_id, COUNT(*) FROM registry_placement "
            f"WHERE {active} GROUP BY municipality_id, location_id",
            [day, day],
        )

    def baseline_dashboard():
        for n in range(90):
            d = start + datetime.timedelta(days=n)
            raw(
                "SELECT location_id, COUNT(*) FROM registry_placement "
                f"WHERE municipality_id = %s AND {active} GROUP BY location_id",
                [municipality.pk, d, d],
            )

    def baseline_national():
        raw(
            "SELECT municipality_id, COUNT(*) FROM registry_placement "
            f"WHERE {active} GROUP BY municipality_id",
            [day, day],
        )

    dashboard_client, national_client = Client(), Client()
    dashboard_client.force_login(coordinator)
    national_client.force_login(viewer)
    query = {"start": start.isoformat(), "end": day.isoformat()}

    def dashboard():
        assert dashboard_client.get("/reports/", query).status_code == 200

    def national_view():
        assert national_client.get("/reports/national/", {"day": day}).status_code == 200

    dashboard()
    national_view()  # warm up (and compute any missing day)
    rows = [
        ("refresh one day, country", timed(lambda: refresh_figures(day, day), args.runs)),
        ("baseline: raw GROUP BY of the day", timed(baseline_day, args.runs)),
        ("dashboard GET /reports/ (90 days)", timed(dashboard, args.runs)),
        ("baseline: raw per-day counts, 90 days", timed(baseline_dashboard, args.runs)),
        ("national GET /reports/national/", timed(national_view, args.runs)),
        ("baseline: raw per-municipality count", timed(baseline_national, args.runs)),
    ]
    persons = Person.objects.count()
    print(
        f"{connection.vendor}, {Organisation.objects.municipalities().count()} municipalities, "
        f"{persons} persons; dashboard of {municipality.code} ({biggest['n']} persons), "
        f"day {day}, {args.runs} runs, load {os.getloadavg()[0]:.1f}\n"
    )
    print("| measurement | median ms | ratio to baseline |")
    print("|---|---:|---:|")
    for index, (name, seconds) in enumerate(rows):
        base = rows[index - index % 2 + 1][1]
        print(f"| {name} | {1000 * seconds:.1f} | {seconds / base:.1f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
