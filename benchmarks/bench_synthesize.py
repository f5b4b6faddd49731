"""Benchmark: `openopvang synthesize` at national scale on PostgreSQL.

Needs DATABASE_URL pointing at a migrated PostgreSQL database (see
benchmarks/README.md). DELETES ALL REGISTRY DATA in it, then per run:
synthesize (seed 42 unless --seed), and as the baseline, copy the same tables
with `CREATE TEMP TABLE … AS SELECT *` (the same rows written without
indexes, constraints or generation). Prints the median over --runs runs and
the ratio synthesize ÷ baseline."""

import argparse
import os
import statistics
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--persons", type=int, default=120_000)
    parser.add_argument("--municipalities", type=int, default=342)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see benchmarks/README.md).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
    os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret-" + "x" * 30)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from openopvang.demo import synthetic

    call_command("migrate", verbosity=0)
    totals, baselines, rows = [], [], 0
    for number in range(args.runs):
        synthetic.wipe_registry(lambda text: None)
        summary = synthetic.synthesize(
            args.seed,
            args.persons,
            args.municipalities,
            write=lambda text: print(text, file=sys.stderr),
        )
        totals.append(summary.seconds["total"])
        rows = sum(summary.counts.values())
        began = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            for model in synthetic.WRITE_ORDER:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"CREATE TEMP TABLE baseline_copy AS SELECT * FROM {table}")
                cursor.execute("DROP TABLE baseline_copy")
        baselines.append(time.perf_counter() - began)
        print(
            f"run {number + 1}: synthesize {totals[-1]:.1f} s, baseline {baselines[-1]:.1f} s",
            file=sys.stderr,
        )
    total, baseline = statistics.median(totals), statistics.median(baselines)
    print(
        f"| persons | rows | synthesize s | rows/s | baseline copy s | ratio |\n"
        f"|---:|---:|---:|---:|---:|---:|\n"
        f"| {args.persons:,} | {rows:,} | {total:.1f} | {rows / total:,.0f} "
        f"| {baseline:.1f} | {total / baseline:.0f}× |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
