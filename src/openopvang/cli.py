"""The `openopvang` command: demo, serve, worker, rules evaluate, and every
Django management command (`openopvang migrate`, `openopvang createsuperuser` …)."""

import os
import subprocess
import sys
from pathlib import Path

# The skeleton every capability app starts from (ADR 0001, docs/new-app.md).
APP_TEMPLATE = Path(__file__).resolve().parent / "conf" / "app_template"

USAGE = """usage: openopvang COMMAND [options]

  demo [--serve]             migrate, load the demo data and print the demo logins
  serve [--with-worker]      serve the web application (gunicorn) on $OPENOPVANG_BIND;
                             --with-worker also runs one background worker and the
                             scheduler (the demo)
  worker                     run background jobs (imports, batch documents)
  scheduler [--once]         queue the daily jobs (reminders, purges) when they are due
  rules evaluate FILE.json   evaluate a rules scenario without a database
  startapp NAME              a new capability app in src/openopvang/NAME, in the house shape
  <django command>           any Django management command, e.g. migrate, check
"""


DEFAULT_BIND = "127.0.0.1:8000"

# Commands that change the schema: run as OPENOPVANG_MIGRATION_DATABASE_URL.
OWNER_COMMANDS = frozenset({"migrate", "createcachetable"})


def bind_address() -> str:
    return os.environ.get("OPENOPVANG_BIND", DEFAULT_BIND)


def serve(argv: list[str]) -> int:
    from gunicorn.app.wsgiapp import run

    helpers = []
    if "--with-worker" in argv:
        # The demo's one command: jobs (national totals) need a worker beside
        # the web server. One worker only: SQLite locks the whole database.
        # The scheduler queues the daily jobs (reminders, purges) for it.
        argv = [a for a in argv if a != "--with-worker"]
        helpers = [
            subprocess.Popen([sys.executable, "-m", "openopvang", "worker"]),
            subprocess.Popen([sys.executable, "-m", "openopvang", "scheduler"]),
        ]
    bind = bind_address()
    workers = os.environ.get("OPENOPVANG_WEB_WORKERS", "3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    sys.argv = [
        "gunicorn",
        "openopvang.conf.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--access-logfile",
        "-",
        *argv,
    ]
    try:
        run()  # exits through SystemExit when gunicorn stops
    finally:
        for helper in helpers:
            helper.terminate()
        for helper in helpers:
            helper.wait(timeout=10)
    return 0


def startapp_argv(rest: list[str]) -> list[str]:
    """`openopvang startapp NAME` creates src/openopvang/NAME from the skeleton."""
    name, *options = rest
    target = Path(__file__).resolve().parent / name
    target.mkdir()
    return ["startapp", "--template", str(APP_TEMPLATE), name, str(target), *options]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return 0
    command, rest = argv[0], argv[1:]
    if command == "rules" and rest[:1] == ["evaluate"]:
        # Pure engine: no database, no Django.
        from openopvang.rules.engine.evaluate import main as evaluate_main

        return evaluate_main(rest[1:])
    if command == "serve":
        return serve(rest)
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    if command == "worker":
        argv = ["db_worker", *rest]
    if command in OWNER_COMMANDS:
        # Schema changes run as the table owner when one is configured (ADR 0017).
        os.environ["OPENOPVANG_DB_AS_OWNER"] = "true"
    if command == "startapp" and rest and not any(a.startswith("--template") for a in rest):
        argv = startapp_argv(rest)
    execute_from_command_line(["openopvang", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
