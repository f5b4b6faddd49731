"""Benchmark: the amounts on a person's page for a large municipality.

Needs DATABASE_URL pointing at a database filled by `openopvang synthesize`
(see benchmarks/README.md). For persons of the municipality with the most
persons it measures, in-process:

- **page**: `allowances.selectors.person_allowances` — what the person page
  computes: the scenario of that one household, evaluated through the engine,
  with the explanation in plain words;
- **baseline**: what the page computed before: the scenario of the whole
  municipality for the same three months, evaluated through the same engine
  (`build_scenario` + `evaluate_results`).

Prints a Markdown table with the median and p95 per person and the ratio.
The day is fixed (default 2025-06-15) so the published amounts exist."""

import argparse
import datetime
import os
import statistics
import sys
import time


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("OPENOPVANG_DEBUG", "false")
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=20, help="persons measured")
    parser.add_argument("--day", default="2025-06-15")
    args = parser.parse_args()
    setup_django()

    from django.db.models import Count

    from openopvang.accounts.models import Organisation, Role, User
    from openopvang.allowances.policies import policy_of
    from openopvang.allowances.selectors import person_allowances
    from openopvang.parameters.services import current_parameters
    from openopvang.registry.models import Person, Placement
    from openopvang.registry.snapshots import build_scenario
    from openopvang.rules.engine.dates import add_months, first_of, last_of
    from openopvang.rules.engine.evaluate import evaluate_results

    day = datetime.date.fromisoformat(args.day)
    biggest = (
        Person.objects.values("municipality_id")
        .annotate(n=Count("id"))
        .order_by("-n", "municipality_id")
        .first()
    )
    if biggest is None:
        sys.exit("No persons in the database: run `openopvang synthesize` first.")
    municipality = Organisation.objects.get(pk=biggest["municipality_id"])
    user, _ = User.objects.update_or_create(
        username="benchmark.person-page",
        defaults={"organisation": municipality, "role": Role.COORDINATOR, "is_active": True},
    )
    persons = list(
        Person.objects.filter(
            pk__in=Placement.objects.filter(municipality=municipality)
            .active_on(day)
            .values("person_id")
        ).order_by("pk")[: args.persons]
    )
    params = current_parameters()
    start = add_months(first_of(day), -2)
    policy = policy_of(municipality).policy()

    def page(person):
        person_allowances(user, person, day, params=params)

    def baseline(person):
        scenario = build_scenario(municipality, start, last_of(first_of(day)), policy)
        evaluate_results(scenario, params=params, sections=("leefgeld", "eigen_bijdrage"))

    rows = []
    for name, function in (
        ("page (one household)", page),
        ("baseline (whole municipality)", baseline),
    ):
        times = []
        for person in persons:
            began = time.perf_counter()
            function(person)
            times.append((time.perf_counter() - began) * 1000)
        times.sort()
        rows.append((name, statistics.median(times), times[int(0.95 * (len(times) - 1))]))
    print(
        f"municipality {municipality.code} with {biggest['n']} persons, day {day}, "
        f"{len(persons)} persons measured, load {os.getloadavg()[0]:.1f}\n"
    )
    print("| computation | median ms | p95 ms | ratio to baseline |")
    print("|---|---:|---:|---:|")
    base = rows[1][1]
    for name, median, p95 in rows:
        print(f"| {name} | {median:.1f} | {p95:.1f} | {median / base:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
