"""Benchmark: duplicate persons found by `openopvang dedup pairs` (ADR 0015).

    PYTHONPATH=src .venv/bin/python benchmarks/bench_dedup.py \
        [--persons 120000] [--quality 30000 --per-kind 300]

Two parts, in one run, each against a baseline measured in the same run:

- **quality**: a labelled set from `dedup.labelled.generate` (deterministic,
  seed 13): `--per-kind` originals with a second record of each kind of
  variant, twins and namesakes, the rest single persons, `--quality` records
  in all. Precision and recall per kind, for the scorer and for the
  baseline **exact match** (the same folded family name, given names and
  birth date: what a plain unique check would catch).
- **time**: `--persons` records (seed 14, 1,000 per kind, the rest single)
  written to a CSV outside the timing, then the whole command as a user
  runs it (read the CSV, block, score, write the pairs with their reasons).
  Baseline: the exact-match pass over the same records.

Needs no database.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from openopvang.core.names import fold  # noqa: E402
from openopvang.dedup import labelled  # noqa: E402
from openopvang.dedup.blocking import find_pairs  # noqa: E402
from openopvang.dedup.records import record_from_row  # noqa: E402


def exact_pairs(rows) -> set[tuple[str, str]]:
    blocks = defaultdict(list)
    for row in rows:
        blocks[(fold(row.family_name), fold(row.given_names), row.birth_date)].append(row.id)
    pairs = set()
    for ids in blocks.values():
        ids.sort()
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :])
    return pairs


def table(title, scorer, baseline):
    print(f"\n{title}\n")
    print(
        "| kind | pairs | scorer precision | scorer recall "
        "| exact-match precision | exact-match recall |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for kind in (*labelled.KINDS, "background", "all"):
        s, b = scorer[kind], baseline[kind]
        if kind in labelled.NEGATIVES or kind == "background":
            print(f"| {kind} (must stay apart) | {s['found']} merged | | | {b['found']} merged | |")
            continue
        print(
            f"| {kind} | {s['true']} | {s['precision']:.3f} | {s['recall']:.3f} "
            f"| {b['precision']:.3f} | {b['recall']:.3f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=120_000)
    parser.add_argument("--quality", type=int, default=30_000)
    parser.add_argument("--per-kind", type=int, default=300)
    args = parser.parse_args()
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )

    rows = labelled.generate(persons=args.quality, per_kind=args.per_kind, seed=13)
    found = {m.ids for m in find_pairs([record_from_row(asdict(r)) for r in rows])}
    table(
        f"Quality: {len(rows):,} records, {args.per_kind} per kind (seed 13)",
        labelled.evaluate(rows, found),
        labelled.evaluate(rows, exact_pairs(rows)),
    )

    big = labelled.generate(persons=args.persons, per_kind=1000, seed=14)
    folder = Path(tempfile.mkdtemp(prefix="bench-dedup-"))
    persons, out = folder / "persons.csv", folder / "pairs.csv"
    labelled.write_csv(big, persons)
    started = time.perf_counter()
    exact = exact_pairs(big)
    baseline_seconds = time.perf_counter() - started
    started = time.perf_counter()
    call_command("dedup", "pairs", str(persons), "--out", str(out), stdout=open(os.devnull, "w"))
    seconds = time.perf_counter() - started
    written = sum(1 for _ in out.open(encoding="utf-8")) - 1
    result = labelled.evaluate(big, set())
    print(f"\nTime: {len(big):,} persons ({result['all']['true']:,} true pairs)\n")
    print("| measurement | seconds | pairs |")
    print("|---|---:|---:|")
    print(
        "| baseline: exact match in memory (no reading, no writing) "
        f"| {baseline_seconds:.2f} | {len(exact):,} |"
    )
    print(
        "| `openopvang dedup pairs` (read CSV, block, score, write reasons) "
        f"| {seconds:.2f} | {written:,} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
