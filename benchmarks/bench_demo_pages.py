"""Benchmark: the demo's person list and person page on the embedded SQLite
database (issue 17: "the SQLite demo stays quick", both under 50 ms).

Loads the demo into a fresh SQLite file (or uses --database, already loaded),
then, in-process with Django's test client logged in as utrecht.coordinator,
asks for the person list (first page, and a name search) and the pages of
the first persons in turn, several rounds each. The baseline is the raw SQL
that reads the same rows on the same connection: the list page's 25 persons,
and one person with their household membership and placement.

Prints a Markdown table: median and p95 per page in milliseconds, the
baseline and the ratio."""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered) * 1000, p95 * 1000


def _timed(call, rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def load_demo(database: Path) -> None:
    env = {
        **os.environ,
        "OPENOPVANG_DATABASE_URL": f"sqlite:///{database}",
        "OPENOPVANG_DEBUG": "true",
        "OPENOPVANG_TWO_FACTOR_REQUIRED": "false",
    }
    subprocess.run([sys.executable, "-m", "openopvang", "demo"], check=True, env=env, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="requests per page")
    parser.add_argument("--database", type=Path, help="a SQLite file the demo is loaded in")
    args = parser.parse_args()

    database = args.database
    if database is None:
        database = Path(tempfile.mkdtemp(prefix="openopvang-demo-")) / "demo.sqlite3"
        started = time.perf_counter()
        load_demo(database)
        print(f"# demo loaded into {database} in {time.perf_counter() - started:.1f} s")
    os.environ["OPENOPVANG_DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")
    os.environ["OPENOPVANG_DEBUG"] = "false"
    os.environ["OPENOPVANG_TWO_FACTOR_REQUIRED"] = "false"
    os.environ["OPENOPVANG_ALLOWED_HOSTS"] = "testserver"  # Django's test client
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from openopvang.accounts.models import User
    from openopvang.registry.models import Person

    user = User.objects.get(username="utrecht.coordinator")
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    client.force_login(user)
    persons = list(
        Person.objects.filter(municipality=user.organisation)
        .order_by("family_name", "given_names")
        .values_list("pk", flat=True)[:10]
    )
    count = Person.objects.filter(municipality=user.organisation).count()

    def get(path: str):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    def raw(sql: str, params) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    list_sql = (
        "SELECT * FROM registry_person WHERE municipality_id = %s "
        "ORDER BY family_name, given_names LIMIT 25"
    )
    person_sql = (
        "SELECT * FROM registry_person p "
        "LEFT JOIN registry_householdmembership m ON m.person_id = p.id "
        "LEFT JOIN registry_placement pl ON pl.person_id = p.id WHERE p.id = %s"
    )
    search_sql = (
        "SELECT * FROM registry_person WHERE municipality_id = %s AND search_key LIKE %s "
        "ORDER BY family_name, given_names LIMIT 25"
    )
    org = user.organisation_id
    turn = iter(range(10**9))

    def person_page():
        get(f"/registry/persons/{persons[next(turn) % len(persons)]}/")

    def person_raw():
        raw(person_sql, [persons[next(turn) % len(persons)]])

    for warm in (lambda: get("/registry/persons/"), person_page):
        warm()
    rows = [
        (
            "person list, first page",
            _timed(lambda: get("/registry/persons/"), args.rounds),
            _timed(lambda: raw(list_sql, [org]), args.rounds),
        ),
        (
            "person list, name search 'koval'",
            _timed(lambda: get("/registry/persons/?q=koval"), args.rounds),
            _timed(lambda: raw(search_sql, [org, "%koval%"]), args.rounds),
        ),
        (
            "person page (with the leefgeld box)",
            _timed(person_page, args.rounds),
            _timed(person_raw, args.rounds),
        ),
    ]
    load = os.getloadavg()
    print(f"# SQLite demo, utrecht.coordinator, {count} persons in the municipality")
    print(f"# {args.rounds} requests per page; load average {load[0]:.2f} {load[1]:.2f}")
    print()
    print("| page | median ms | p95 ms | raw SQL median ms | ratio | target < 50 ms |")
    print("|---|---:|---:|---:|---:|---|")
    for name, page, baseline in rows:
        median, p95 = _ms(page)
        base, _ = _ms(baseline)
        met = "met" if median < 50 else "**not met**"
        print(f"| {name} | {median:.1f} | {p95:.1f} | {base:.2f} | {median / base:.0f}× | {met} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
