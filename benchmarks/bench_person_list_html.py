"""Benchmark: the HTML person list (/registry/persons/) for the municipality
with the most persons, in-process with Django's test client (no server, one
client), as a coordinator of that municipality.

- **before**: the page with every location, host and household of the
  municipality as an <option> (FILTER_CHOICE_LIMIT raised so that every row is
  listed: what the page did before the filters became searchable);
- **now**: the page as it is (at most FILTER_CHOICE_LIMIT choices per filter);
- **baseline**: the same page of persons in raw SQL (count + 25 rows).

Prints a Markdown table with the median and p95 and the SQL statements per request.
Needs DATABASE_URL pointing at a database filled by `openopvang synthesize`."""

import argparse
import os
import statistics
import sys
import time


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("OPENOPVANG_DEBUG", "false")
    os.environ["OPENOPVANG_TWO_FACTOR_REQUIRED"] = "false"
    import django

    django.setup()


def timed(function, runs: int) -> list[float]:
    function()  # warm up
    result = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        result.append((time.perf_counter() - start) * 1000)
    return result


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_django()

    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from openopvang.accounts.models import Organisation, Role, User
    from openopvang.registry import forms
    from openopvang.registry.models import Host, Household, Location, Person

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    biggest = (
        Person.objects.values("municipality_id")
        .annotate(n=Count("id"))
        .order_by("-n", "municipality_id")
        .first()
    )
    if biggest is None:
        sys.exit("No persons in the database: run `openopvang synthesize` first.")
    municipality = Organisation.objects.get(pk=biggest["municipality_id"])
    user, _ = User.objects.get_or_create(
        username="benchmark.html.coordinator",
        defaults={"organisation": municipality, "role": Role.COORDINATOR},
    )
    client = Client()
    client.force_login(user)

    def page():
        response = client.get("/registry/persons/", HTTP_ACCEPT_LANGUAGE="nl")
        assert response.status_code == 200, response.status_code

    def raw_sql():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM registry_person WHERE municipality_id = %s",
                [municipality.pk],
            )
            cursor.fetchall()
            cursor.execute(
                "SELECT id, family_name, given_names, given_names_cyrillic, family_name_cyrillic,"
                " birth_date, nationality, bsn FROM registry_person WHERE municipality_id = %s"
                " ORDER BY family_name, given_names, id LIMIT 25",
                [municipality.pk],
            )
            cursor.fetchall()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page()
        return len(captured)

    limit = forms.FILTER_CHOICE_LIMIT
    rows = []
    for label, choice_limit in (("before (every choice listed)", 10**9), ("now", limit)):
        forms.FilterSearchSelect.prepare.__kwdefaults__["limit"] = choice_limit
        times = timed(page, args.runs)
        rows.append((label, statistics.median(times), p95(times), queries()))
    forms.FilterSearchSelect.prepare.__kwdefaults__["limit"] = limit
    baseline = timed(raw_sql, args.runs)
    base = statistics.median(baseline)

    print(
        f"Municipality {municipality.name}: {biggest['n']:,} persons, "
        f"{Location.objects.filter(municipality=municipality).count():,} locations, "
        f"{Host.objects.filter(municipality=municipality).count():,} hosts, "
        f"{Household.objects.filter(municipality=municipality).count():,} households; "
        f"{args.runs} requests each, load average {os.getloadavg()[0]:.2f}\n"
    )
    print("| measurement | median ms | p95 ms | ratio to baseline | SQL statements |")
    print("|---|---:|---:|---:|---:|")
    label = "baseline: raw SQL page (count + 25 rows)"
    print(f"| {label} | {base:.1f} | {p95(baseline):.1f} | 1.0× | 2 |")
    for label, median, high, count in rows:
        ratio = median / base
        print(f"| HTML person list, {label} | {median:.1f} | {high:.1f} | {ratio:.1f}× | {count} |")
    # The user stays: its audit events are append-only.
    return 0


if __name__ == "__main__":
    sys.exit(main())
