"""Benchmark: the casework work lists and the national casework figures for
2,000 open cases across the 342 municipalities, each against raw SQL of the
same rows as the baseline, measured in the same run.

Runs against DATABASE_URL (e.g. the PostgreSQL of scripts/start-postgres.sh)
or, without it, a throwaway SQLite file. It adds its own cases once (marked
by the user `benchmark.casework`): `--cases` open cases (2,000), of which
`--big` (300) in one municipality whose caseworker reads the work lists and
the rest spread over the other 341; each case has one or two situations
and the deadlines they derive (computed by the same term rules as the app,
written in bulk). It measures, in-process through the test client:

- **work list**: `GET /casework/` (open cases, the first page of 25, the
  earliest deadline first); baseline: one raw SQL query returning the same
  25 rows (case, person's name, current situation, next due date);
- **deadline list**: `GET /casework/deadlines/` (every open deadline,
  first page); baseline: raw SQL of the same page of deadlines;
- **API**: `GET /api/v1/cases/?open=true` (first page of 50);
  baseline: raw SQL of those 50 rows;
- **national**: `GET /reports/national/casework/` (every municipality ×
  situation, with disclosure control) and its CSV; baseline: the raw
  `GROUP BY` of the open cases per municipality and situation in force.

Prints a Markdown table of medians and the ratio to each baseline."""

import argparse
import datetime
import os
import random
import re
import statistics
import sys
import tempfile
import time

DAY = datetime.date(2025, 6, 16)


def setup_django(sqlite_path: str | None) -> None:
    if sqlite_path:
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("OPENOPVANG_DEBUG", "false")
    os.environ.setdefault("OPENOPVANG_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
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


# Situations of the synthetic cases, with their weights: most wait for a
# decision or must leave, a few are protected or housed.
SITUATIONS = [
    ("protected", 2),
    ("asylum_pending", 4),
    ("asylum_granted", 1),
    ("rejected_appeal", 2),
    ("rejected_no_appeal", 3),
    ("withdrawn", 1),
    ("other_permit", 1),
    ("no_right", 3),
]


def fill(cases: int, big: int, seed: int):
    """The synthetic cases (once); returns the caseworker of the big municipality."""
    from django.db import transaction

    from openopvang.accounts.models import Organisation, Role, User
    from openopvang.casework import services
    from openopvang.casework.models import Case, Deadline, Situation
    from openopvang.casework.rights import SITUATION_DEADLINES
    from openopvang.registry.models import Person, Sex

    marker = User.objects.filter(username="benchmark.casework").first()
    if marker is not None:
        return marker
    rng = random.Random(seed)
    municipalities = list(Organisation.objects.municipalities().order_by("code"))
    if len(municipalities) < 2:
        sys.exit("No municipalities: run `openopvang migrate` first.")
    home = max(municipalities, key=lambda m: (m.name == "Amsterdam", m.code))
    others = [m for m in municipalities if m.pk != home.pk]
    worker = User.objects.create(
        username="benchmark.casework",
        first_name="Bench",
        last_name="Caseworker",
        organisation=home,
        role=Role.CASEWORKER,
        is_active=True,
    )
    owners = [home] * big + [others[i % len(others)] for i in range(cases - big)]
    codes = [code for code, weight in SITUATIONS for _ in range(weight)]
    with transaction.atomic():
        persons = Person.objects.bulk_create(
            Person(
                municipality=m,
                given_names=rng.choice(["Amina", "Bilal", "Chen", "Dara", "Emeka", "Farah"]),
                family_name=f"Bench{n:05d}",
                birth_date=datetime.date(1980 + n % 30, 1 + n % 12, 1 + n % 28),
                sex=Sex.FEMALE if n % 2 else Sex.MALE,
                nationality=rng.choice(["MA", "NG", "SY", "AF", "ER"]),
                languages=["en"],
            )
            for n, m in enumerate(owners)
        )
        opened = [DAY - datetime.timedelta(days=rng.randint(5, 120)) for _ in persons]
        made = Case.objects.bulk_create(
            Case(
                municipality_id=person.municipality_id,
                person=person,
                opened_on=opened[n],
                caseworker=worker if person.municipality_id == home.pk and n % 3 else None,
            )
            for n, person in enumerate(persons)
        )
        situations = []
        for n, case in enumerate(made):
            first = Situation(
                case=case,
                code=rng.choice(codes),
                start_date=case.opened_on,
                reason="Synthetic",
                recorded_by=worker,
            )
            situations.append(first)
            if n % 4 == 0:  # a quarter changed situation since
                later = case.opened_on + datetime.timedelta(days=rng.randint(1, 4))
                situations.append(
                    Situation(
                        case=case,
                        code=rng.choice(codes),
                        start_date=later,
                        reason="Synthetic",
                        recorded_by=worker,
                    )
                )
        situations = Situation.objects.bulk_create(situations)
        latest = {}
        for situation in situations:
            latest[situation.case_id] = situation
        deadlines = []
        for situation in situations:
            current = latest[situation.case_id] is situation
            for kind in SITUATION_DEADLINES.get(situation.code, ()):
                deadline = Deadline(
                    case_id=situation.case_id,
                    situation=situation,
                    kind=kind,
                    start_date=situation.start_date,
                    closed_on=None if current else latest[situation.case_id].start_date,
                )
                services._apply_terms(deadline)  # the app's own term rules
                deadlines.append(deadline)
        Deadline.objects.bulk_create(deadlines)
    return worker


WORK_LIST_SQL = """
SELECT c.id, p.given_names, p.family_name, c.opened_on,
       (SELECT s.code FROM casework_situation s WHERE s.case_id = c.id
        ORDER BY s.start_date DESC, s.id DESC LIMIT 1) AS code,
       (SELECT MIN(d.due_date) FROM casework_deadline d
        WHERE d.case_id = c.id AND d.closed_on IS NULL) AS next_due
FROM casework_case c JOIN registry_person p ON p.id = c.person_id
WHERE c.municipality_id = %s AND c.closed_on IS NULL
ORDER BY next_due, p.family_name, c.id
LIMIT %s
"""

DEADLINE_SQL = """
SELECT d.id, d.kind, d.due_date, d.legal_deadline, d.target_date, p.given_names, p.family_name
FROM casework_deadline d
JOIN casework_case c ON c.id = d.case_id
JOIN registry_person p ON p.id = c.person_id
WHERE c.municipality_id = %s AND c.closed_on IS NULL AND d.closed_on IS NULL
ORDER BY d.due_date, p.family_name, d.id
LIMIT 25
"""

NATIONAL_SQL = """
SELECT c.municipality_id,
       (SELECT s.code FROM casework_situation s WHERE s.case_id = c.id AND s.start_date <= %s
        ORDER BY s.start_date DESC, s.id DESC LIMIT 1) AS code,
       COUNT(*)
FROM casework_case c
WHERE c.opened_on <= %s AND (c.closed_on IS NULL OR c.closed_on >= %s)
GROUP BY 1, 2
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--big", type=int, default=300, help="cases of the measured municipality")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    sqlite_path = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_path = os.path.join(tempfile.mkdtemp(), "bench-casework.sqlite3")
    setup_django(sqlite_path)

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from openopvang.accounts.models import Organisation, Role, User
    from openopvang.casework.models import Case

    if sqlite_path:
        call_command("migrate", verbosity=0)
    worker = fill(args.cases, args.big, args.seed)
    home = worker.organisation
    national = Organisation.objects.filter(kind="national").first()
    if national is None:
        national = Organisation.objects.create(code="NAT-BENCH", name="National", kind="national")
    viewer, _ = User.objects.update_or_create(
        username="benchmark.national",
        defaults={"organisation": national, "role": Role.NATIONAL_VIEWER, "is_active": True},
    )

    def raw(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    work_client, national_client = Client(), Client()
    work_client.force_login(worker)
    national_client.force_login(viewer)

    def get(client, path, query=None):
        response = client.get(path, query or {})
        assert response.status_code == 200, (path, response.status_code)
        return response

    checks = {
        "work list": lambda: get(work_client, "/casework/"),
        "work list raw": lambda: raw(WORK_LIST_SQL, [home.pk, 25]),
        "deadlines": lambda: get(work_client, "/casework/deadlines/"),
        "deadlines raw": lambda: raw(DEADLINE_SQL, [home.pk]),
        "api": lambda: get(work_client, "/api/v1/cases/", {"open": "true", "page_size": 50}),
        "api raw": lambda: raw(WORK_LIST_SQL, [home.pk, 50]),
        "national": lambda: get(national_client, "/reports/national/casework/", {"day": DAY}),
        "national csv": lambda: get(
            national_client, "/reports/national/casework.csv", {"day": DAY}
        ),
        "national raw": lambda: raw(NATIONAL_SQL, [DAY, DAY, DAY]),
    }
    for check in checks.values():
        check()  # warm up
    # The page and the raw query show the same cases.
    html = get(work_client, "/casework/").content.decode()
    page_ids = list(dict.fromkeys(int(pk) for pk in re.findall(r'/casework/cases/(\d+)/"', html)))
    raw_ids = [row[0] for row in raw(WORK_LIST_SQL, [home.pk, 25])]
    assert page_ids == raw_ids, "the work list and its baseline differ"
    rows = [
        ("work list GET /casework/ (first 25 open cases)", timed(checks["work list"], args.runs)),
        ("baseline: raw SQL of the same 25 rows", timed(checks["work list raw"], args.runs)),
        ("deadline list GET /casework/deadlines/", timed(checks["deadlines"], args.runs)),
        ("baseline: raw SQL of the same 25 deadlines", timed(checks["deadlines raw"], args.runs)),
        ("API GET /api/v1/cases/?open=true (50)", timed(checks["api"], args.runs)),
        ("baseline: raw SQL of the same 50 rows", timed(checks["api raw"], args.runs)),
        ("national GET /reports/national/casework/", timed(checks["national"], args.runs)),
        ("baseline: raw GROUP BY per municipality, situation", timed(checks["national raw"], 9)),
        ("national CSV /reports/national/casework.csv", timed(checks["national csv"], args.runs)),
        ("baseline: raw GROUP BY (again)", timed(checks["national raw"], 9)),
    ]
    # The disclosure control alone on the same table: before (`protect`, one
    # cell per round) and now (`protect_lines`), once each (the first is slow).
    from openopvang.reports import disclosure
    from openopvang.reports.casework_national import casework_counts

    _m, values, sums = casework_counts(DAY)
    outcome = {}
    for name, protect in (("protect", disclosure.protect), ("lines", disclosure.protect_lines)):
        began = time.perf_counter()
        published = protect(values, sums)
        seconds = time.perf_counter() - began
        marks = [v for v in published.values() if isinstance(v, str)]
        outcome[name] = (seconds, marks.count("x"), marks.count("."))
        assert not disclosure.exposed(published, sums), name
    rows += [
        ("disclosure control now (`protect_lines`)", outcome["lines"][0]),
        ("before: `protect`, one cell per round", outcome["protect"][0]),
    ]
    open_cases = Case.objects.filter(closed_on__isnull=True).count()
    mine = Case.objects.filter(municipality=home, closed_on__isnull=True).count()
    print(
        f"{connection.vendor}, {Organisation.objects.municipalities().count()} municipalities, "
        f"{open_cases} open cases, {mine} of them in {home.name}; day {DAY}, "
        f"{args.runs} runs, load {os.getloadavg()[0]:.1f}\n"
    )
    print("| measurement | median ms | ratio to baseline |")
    print("|---|---:|---:|")
    for index, (name, seconds) in enumerate(rows):
        base = rows[index - index % 2 + 1][1]
        print(f"| {name} | {1000 * seconds:.1f} | {seconds / base:.1f}× |")
    for name, (_seconds, hidden, withheld) in outcome.items():
        print(f"\n{name}: {hidden} cells hidden (x), {withheld} withheld (.)", end="")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
