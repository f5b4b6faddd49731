"""Profile: where the CPU of one person list API request goes.

Needs DATABASE_URL pointing at a database filled by `openopvang synthesize`
(see benchmarks/README.md). In-process with DRF's test client and cProfile:
`--requests` pages of /api/v1/persons/?page_size=50 (plain, or with
`--search` / `--location`) for the benchmark user of bench_person_list.py in
the municipality with the most persons, after `--warmup` unprofiled pages.
Prints the wall and CPU time per request (without and with the profiler),
then the functions with the most cumulative and own time, and the share of
a few named parts of the request (SQL, serialisation, audit, authentication).

    .venv/bin/python benchmarks/profile_person_list.py --requests 50"""

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Parts of a request, by the file or function its time is spent in (own time
# of the functions below, summed): a rough but repeatable breakdown.
PARTS = {
    "SQL (driver, cursor)": ("psycopg", "django/db/backends"),
    "rows to model instances / values": ("django/db/models/query.py", "django/db/models/base.py"),
    "query building / compiling": ("django/db/models/sql",),
    "DRF serialisation": ("rest_framework/serializers.py", "rest_framework/fields.py"),
    "registry serializers": ("registry/api/serializers.py",),
    "JSON rendering": ("rest_framework/renderers.py", "json/encoder.py", "rest_framework/utils"),
    "audit": ("openopvang/audit",),
    "authentication / tokens": ("accounts/api", "accounts/models.py", "django/core/cache"),
    "middleware, URL, request": ("django/middleware", "django/core/handlers", "django/urls"),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--search", action="store_true", help="?search=<common family name>")
    parser.add_argument("--location", action="store_true", help="?location=<busiest location>")
    parser.add_argument("--detail", action="store_true", help="a person's detail instead")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    import bench_person_list as bench

    bench.setup_django(os.environ.get("OPENOPVANG_SECRET_KEY") or secrets.token_urlsafe(40))
    from rest_framework.test import APIClient

    from openopvang.registry.models import Person

    plan = bench.prepare(1)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plan['tokens'][0]}")
    params = {"page_size": bench.PAGE_SIZE}
    if args.search:
        params["search"] = plan["search"]
    if args.location:
        params["location"] = plan["location_id"]
    path = "/api/v1/persons/"
    if args.detail:
        person = Person.objects.filter(municipality_id=plan["municipality_id"]).first()
        path, params = f"/api/v1/persons/{person.pk}/", {}

    def one():
        response = client.get(path, params, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            sys.exit(f"HTTP {response.status_code}: {response.content[:300]!r}")

    for _ in range(args.warmup):
        one()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.requests):
        one()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{path} {params}: {wall / args.requests * 1000:.1f} ms wall, "
        f"{cpu / args.requests * 1000:.1f} ms CPU per request (not profiled, "
        f"{args.requests} requests; the CPU of this process, PostgreSQL not included)"
    )
    profile = cProfile.Profile()
    wall, cpu = time.perf_counter(), time.process_time()
    profile.enable()
    for _ in range(args.requests):
        one()
    profile.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(
        f"{path} {params}: {wall / args.requests * 1000:.1f} ms wall, "
        f"{cpu / args.requests * 1000:.1f} ms CPU per request (profiled, {args.requests} requests)"
    )
    stats = pstats.Stats(profile)
    total = sum(entry[2] for entry in stats.stats.values())  # own time of all functions
    shares = dict.fromkeys(PARTS, 0.0)
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        for part, markers in PARTS.items():
            if any(marker in filename for marker in markers):
                shares[part] += own
                break
    print("\nOwn time by part of the request:")
    for part, seconds in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {part:36} {seconds / total * 100:5.1f} %")
    print(f"  {'other':36} {(total - sum(shares.values())) / total * 100:5.1f} %")
    print()
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    from openopvang.accounts.models import ApiToken

    ApiToken.objects.filter(user__username=bench.BENCH_USERNAME).delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
