"""Benchmark: the person list API for a large municipality at national scale.

Needs DATABASE_URL pointing at a PostgreSQL database filled by
`openopvang synthesize` (see benchmarks/README.md). It

1. picks the municipality with the most persons, a benchmark user there with
   personal API tokens, a common family name to search and the location with
   the most persons today;
2. counts SQL queries in-process for page_size 10 and 50 (must be equal);
3. starts `openopvang serve` (gunicorn) on a free loopback port;
4. measures /api/v1/persons/?page_size=50 — plain, ?search=, ?location= — and
   the detail /api/v1/persons/<id>/ (the persons of the first page in turn),
   with 1 and 16 concurrent clients (threads, http.client, keep-alive), and the
   same page or person done in raw SQL with psycopg (the baseline) at the same
   concurrency;
5. prints a Markdown table: median and p95 latency, ratio to the baseline,
   pages per second, and the CPU time the web server's processes and
   PostgreSQL spent per API request (from /proc: less sensitive to other load
   on the machine than the latencies), the median over --runs runs.

Only loopback, only bounded request counts."""

import argparse
import datetime
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
BENCH_USERNAME = "benchmark.coordinator"
PAGE_SIZE = 50


def setup_django(secret_key: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ["OPENOPVANG_SECRET_KEY"] = secret_key
    os.environ.setdefault("OPENOPVANG_DEBUG", "false")
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- what to ask for ----------------------------------------------------------


def prepare(clients: int) -> dict:
    """The municipality, user, tokens and query parameters of the benchmark."""
    from django.db.models import Count
    from django.utils import timezone

    from openopvang.accounts.models import ApiToken, Organisation, Role, User
    from openopvang.registry.models import Person, Placement

    biggest = (
        Person.objects.values("municipality_id")
        .annotate(n=Count("id"))
        .order_by("-n", "municipality_id")
        .first()
    )
    if biggest is None:
        sys.exit("No persons in the database: run `openopvang synthesize` first.")
    municipality = Organisation.objects.get(pk=biggest["municipality_id"])
    user, _created = User.objects.update_or_create(
        username=BENCH_USERNAME,
        defaults={"organisation": municipality, "role": Role.COORDINATOR, "is_active": True},
    )
    user.api_tokens.all().delete()
    # One token per client: like separate integrations, not one shared token row.
    tokens = [ApiToken.issue(user, f"benchmark {n}")[1] for n in range(clients)]
    today = timezone.localdate()
    common_name = (
        Person.objects.filter(municipality=municipality)
        .values("family_name")
        .annotate(n=Count("id"))
        .order_by("-n", "family_name")
        .first()
    )
    location = (
        Placement.objects.filter(municipality=municipality, location__isnull=False)
        .active_on(today)
        .values("location_id")
        .annotate(n=Count("id"))
        .order_by("-n", "location_id")
        .first()
    )
    detail_ids = list(
        Person.objects.filter(municipality=municipality)
        .order_by("family_name", "given_names", "id")
        .values_list("id", flat=True)[:PAGE_SIZE]
    )
    return {
        "municipality_id": municipality.pk,
        "detail_ids": detail_ids,
        "municipality": str(municipality),
        "persons": biggest["n"],
        "tokens": tokens,
        "today": today,
        "search": common_name["family_name"],
        "search_hits": common_name["n"],
        "location_id": location["location_id"],
        "location_persons": location["n"],
    }


DETAIL = "detail"


def scenarios(plan: dict) -> dict[str, dict]:
    """The list's query parameters; `detail` reads one person (no parameters)."""
    every = {
        "plain": {},
        "search": {"search": plan["search"]},
        "location": {"location": plan["location_id"]},
        DETAIL: {},
    }
    return {name: params for name, params in every.items() if name in plan["scenarios"]}


def api_path(name: str, params: dict, plan: dict, number: int) -> str:
    """The request of a scenario; the detail takes the persons of the first page in turn."""
    if name == DETAIL:
        ids = plan["detail_ids"]
        return f"/api/v1/persons/{ids[number % len(ids)]}/"
    return "/api/v1/persons/?" + urlencode({**params, "page_size": PAGE_SIZE})


# --- SQL query count (in-process) --------------------------------------------


def count_queries(plan: dict) -> dict[str, dict[int, int]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {plan['tokens'][0]}")
    counts = {}
    for name, params in scenarios(plan).items():
        counts[name] = {}
        for page_size in (10, 50):
            path = (
                api_path(name, params, plan, 0)
                if name == DETAIL
                else "/api/v1/persons/?" + urlencode({**params, "page_size": page_size})
            )
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, HTTP_HOST="127.0.0.1")
            if response.status_code != 200:
                sys.exit(f"{name}: HTTP {response.status_code}: {response.content[:300]!r}")
            counts[name][page_size] = len(captured)
    return counts


# --- raw SQL baseline -----------------------------------------------------------

# The same page as the API: the total, 50 persons in name order with their
# placement today (location or host) and today's household ids.
BASELINE_FILTERS = {
    "plain": "",
    "search": """AND (p.given_names ILIKE %(like)s OR p.family_name ILIKE %(like)s
                  OR p.given_names_cyrillic ILIKE %(like)s
                  OR p.family_name_cyrillic ILIKE %(like)s)""",
    "location": """AND p.id IN (SELECT person_id FROM registry_placement
                   WHERE municipality_id = %(municipality)s AND location_id = %(location)s
                   AND start_date <= %(today)s AND (end_date IS NULL OR end_date >= %(today)s))""",
    # One person, with the same placement and households; no count.
    DETAIL: "AND p.id = %(person)s",
}
BASELINE_COUNT = """SELECT count(*) FROM registry_person p
WHERE p.municipality_id = %(municipality)s """
BASELINE_PAGE = """
SELECT p.*, today.id, today.location_id, today.host_id, today.start_date, today.end_date,
       coalesce(l.name, h.name),
       ARRAY(SELECT m.household_id FROM registry_householdmembership m
             WHERE m.person_id = p.id AND m.start_date <= %(today)s
               AND (m.end_date IS NULL OR m.end_date >= %(today)s))
FROM registry_person p
LEFT JOIN LATERAL (
    SELECT * FROM registry_placement pl
    WHERE pl.person_id = p.id AND pl.start_date <= %(today)s
      AND (pl.end_date IS NULL OR pl.end_date >= %(today)s)
    ORDER BY pl.start_date DESC, pl.id DESC LIMIT 1) today ON true
LEFT JOIN registry_location l ON l.id = today.location_id
LEFT JOIN registry_host h ON h.id = today.host_id
WHERE p.municipality_id = %(municipality)s {filter}
ORDER BY p.family_name, p.given_names, p.id
LIMIT %(limit)s"""


def baseline_worker(database_url: str, scenario: str, plan: dict):
    import psycopg

    connection = psycopg.connect(database_url, autocommit=True)
    params = {
        "municipality": plan["municipality_id"],
        "today": plan["today"],
        "location": plan["location_id"],
        "like": f"%{plan['search']}%",
        "limit": 1 if scenario == DETAIL else PAGE_SIZE,
        "person": None,
    }
    count_sql = BASELINE_COUNT + BASELINE_FILTERS[scenario]
    page_sql = BASELINE_PAGE.format(filter=BASELINE_FILTERS[scenario])
    state = {"requests": 0}

    def one_page():
        ids = plan["detail_ids"]
        params["person"] = ids[state["requests"] % len(ids)]
        state["requests"] += 1
        with connection.cursor() as cursor:
            if scenario != DETAIL:
                cursor.execute(count_sql, params)
                cursor.fetchone()
            cursor.execute(page_sql, params)
            rows = cursor.fetchall()
        return len(rows)

    return one_page, connection.close


# --- CPU time of the server and the database (Linux /proc) ------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_cpu(root: int | None) -> dict[int, float]:
    """User + system CPU seconds of `root` and of each of its descendants alive now."""
    if root is None:
        return {}
    tree, found, todo = _children(), {}, [root]
    while todo:
        pid = todo.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
        todo.extend(tree.get(pid, []))
    return found


def cpu_spent(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds spent between two tree_cpu() snapshots by the processes alive
    at the end (new ones count in full; ones that ended in between are left out,
    e.g. the baseline's database connections closing)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def postmaster_pid() -> int | None:
    """The PostgreSQL server of scripts/start-postgres.sh (PG_DATA_DIR), if any."""
    data_dir = os.environ.get("PG_DATA_DIR")
    try:
        return int((Path(data_dir) / "postmaster.pid").read_text().split()[0])
    except (TypeError, OSError, ValueError, IndexError):
        return None


# --- HTTP -------------------------------------------------------------------------


def api_worker(port: int, token: str, name: str, params: dict, plan: dict):
    headers = {"Authorization": f"Token {token}", "Accept": "application/json", "Host": "127.0.0.1"}
    state = {"connection": http.client.HTTPConnection("127.0.0.1", port, timeout=60), "n": 0}

    def one_page():
        path = api_path(name, params, plan, state["n"])
        state["n"] += 1
        for attempt in range(2):
            try:
                state["connection"].request("GET", path, headers=headers)
                response = state["connection"].getresponse()
                body = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: open a new one.
                state["connection"].close()
                state["connection"] = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                if attempt:
                    raise
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:300]!r}")
        answer = json.loads(body)
        return 1 if name == DETAIL else len(answer["results"])

    return one_page, lambda: state["connection"].close()


def measure(make_worker, clients: int, requests_per_client: int, warmup: int) -> dict:
    """Latencies of `clients` threads each doing `requests_per_client` pages."""
    latencies: list[float] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    start_gate = threading.Barrier(clients + 1)

    def client(number: int):
        one_page, close = make_worker(number)
        try:
            for _ in range(warmup):
                one_page()
            start_gate.wait()
            mine = []
            for _ in range(requests_per_client):
                began = time.perf_counter()
                one_page()
                mine.append(time.perf_counter() - began)
            with lock:
                latencies.extend(mine)
        except BaseException as error:  # reported after the threads end
            errors.append(error)
            start_gate.abort()
        finally:
            close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    try:
        start_gate.wait()
    except threading.BrokenBarrierError:
        pass
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    if errors:
        raise errors[0]
    latencies.sort()
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(0, round(0.95 * len(latencies)) - 1)] * 1000,
        "pages_per_second": len(latencies) / elapsed,
        "requests": len(latencies),
    }


def start_server(port: int, workers: int, threads: int, secret_key: str, log_path: Path):
    environment = {
        **os.environ,
        "OPENOPVANG_BIND": f"127.0.0.1:{port}",
        "OPENOPVANG_WEB_WORKERS": str(workers),
        "OPENOPVANG_DEBUG": "false",
        "OPENOPVANG_SECRET_KEY": secret_key,
        "OPENOPVANG_LOG_LEVEL": "WARNING",
    }
    command = [
        str(Path(sys.executable).parent / "openopvang"),
        "serve",
        "--threads",
        str(threads),
        "--access-logfile",
        "/dev/null",
    ]
    log = log_path.open("w")
    server = subprocess.Popen(
        command, env=environment, stdout=log, stderr=subprocess.STDOUT, cwd=REPO
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"The server stopped; see {log_path}")
            time.sleep(0.3)
    server.terminate()
    sys.exit(f"The server did not start within 60 s; see {log_path}")


def one_run(plan, port, database_url, concurrency, requests_total, warmup, server) -> dict:
    results = {}
    database = postmaster_pid()
    for name, params in scenarios(plan).items():
        for clients in concurrency:
            per_client = max(1, requests_total // clients)
            web_cpu, db_cpu = tree_cpu(server.pid), tree_cpu(database)
            api = measure(
                lambda n, s=name, p=params: api_worker(port, plan["tokens"][n], s, p, plan),
                clients,
                per_client,
                warmup,
            )
            served = clients * (per_client + warmup)
            api["web_cpu_ms"] = cpu_spent(web_cpu, tree_cpu(server.pid)) / served * 1000
            api["db_cpu_ms"] = cpu_spent(db_cpu, tree_cpu(database)) / served * 1000
            raw = measure(
                lambda n, s=name: baseline_worker(database_url, s, plan),
                clients,
                per_client,
                warmup,
            )
            results[(name, clients)] = {"api": api, "sql": raw}
    return results


def median_of_runs(runs: list[dict]) -> dict:
    combined = {}
    for key in runs[0]:
        combined[key] = {
            side: {
                metric: statistics.median(run[key][side][metric] for run in runs)
                for metric in (
                    "median_ms",
                    "p95_ms",
                    "pages_per_second",
                    "requests",
                    *(("web_cpu_ms", "db_cpu_ms") if side == "api" else ()),
                )
            }
            for side in ("api", "sql")
        }
    return combined


def report(plan, queries, combined, args) -> str:
    lines = [
        f"Municipality: {plan['municipality']} ({plan['persons']:,} persons); "
        f"search `{plan['search']}` ({plan['search_hits']} family-name matches); "
        f"location {plan['location_id']} ({plan['location_persons']} persons today); "
        f"detail: the {len(plan['detail_ids'])} persons of the first page in turn.",
        f"Server: gunicorn, {args.workers} workers × {args.threads} threads; "
        f"{args.requests} requests per scenario and concurrency, median of {args.runs} runs.",
        "",
        "| query | clients | API median ms | API p95 ms | SQL median ms | SQL p95 ms "
        "| ratio median | ratio p95 | API pages/s | SQL pages/s "
        "| web CPU ms/request | database CPU ms/request |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for (name, clients), sides in combined.items():
        api, sql = sides["api"], sides["sql"]
        lines.append(
            f"| {name} | {clients} | {api['median_ms']:.1f} | {api['p95_ms']:.1f} "
            f"| {sql['median_ms']:.1f} | {sql['p95_ms']:.1f} "
            f"| {api['median_ms'] / sql['median_ms']:.1f}× | {api['p95_ms'] / sql['p95_ms']:.1f}× "
            f"| {api['pages_per_second']:.0f} | {sql['pages_per_second']:.0f} "
            f"| {api['web_cpu_ms']:.1f} | {api['db_cpu_ms']:.1f} |"
        )
    lines += [
        "",
        "SQL queries per API request (in-process, CaptureQueriesContext):",
        "",
        "| query | page_size 10 | page_size 50 |",
        "|---|---:|---:|",
    ]
    for name, by_size in queries.items():
        lines.append(f"| {name} | {by_size[10]} | {by_size[50]} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--requests",
        type=int,
        default=96,
        help="requests per scenario and concurrency (split over the clients)",
    )
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured requests per client")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", default="1,16", help="concurrency levels, e.g. 1,16")
    parser.add_argument(
        "--scenarios",
        default="plain,search,location,detail",
        help="which of plain, search, location, detail to measure",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to the PostgreSQL database (see benchmarks/README.md).")
    concurrency = [int(part) for part in args.clients.split(",")]

    secret_key = secrets.token_urlsafe(40)
    setup_django(secret_key)
    plan = prepare(max(concurrency))
    plan["scenarios"] = args.scenarios.split(",")
    queries = count_queries(plan)
    port = free_port()
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"openopvang-bench-{port}.log"
    server = start_server(port, args.workers, args.threads, secret_key, log_path)
    try:
        # Every worker answers a few requests first (imports, URL resolver,
        # connections), so that the first run is not the workers' warm-up.
        for name, params in scenarios(plan).items():
            measure(
                lambda n, s=name, p=params: api_worker(port, plan["tokens"][n], s, p, plan),
                max(concurrency),
                1,
                args.warmup,
            )
        runs = []
        for number in range(args.runs):
            began = time.perf_counter()
            runs.append(
                one_run(plan, port, database_url, concurrency, args.requests, args.warmup, server)
            )
            print(
                f"run {number + 1}/{args.runs}: {time.perf_counter() - began:.0f} s",
                file=sys.stderr,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    combined = median_of_runs(runs)
    print(report(plan, queries, combined, args))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": datetime.date.today().isoformat(),
                    "plan": {k: v for k, v in plan.items() if k != "tokens"},
                    "queries": queries,
                    "results": {
                        f"{name}/{clients}": sides for (name, clients), sides in combined.items()
                    },
                    "runs": [{f"{n}/{c}": sides for (n, c), sides in run.items()} for run in runs],
                },
                indent=2,
                default=str,
            )
        )
    from openopvang.accounts.models import ApiToken

    ApiToken.objects.filter(user__username=BENCH_USERNAME).delete()
    return 0


if __name__ == "__main__":
    sys.exit(main())
