"""Run every benchmark and write its figures into benchmarks/RESULTS.md.

    eval "$(scripts/start-postgres.sh)"
    .venv/bin/openopvang migrate && .venv/bin/openopvang synthesize --seed 42
    .venv/bin/python benchmarks/run_all.py            # --quick: fewer runs; --only NAME,...

Each benchmark runs in its own process against DATABASE_URL and prints its own
Markdown table with the baseline measured in the same run; this script adds the
load average (1, 5, 15 min) before and after each one and the wall time, and
replaces the section between the `run_all` markers in RESULTS.md (the rest of
the file, the written history, stays). The API benchmark starts its own
gunicorn server; the synthesize benchmark deletes all registry data and is
only run when named with --only."""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
START, END = "<!-- run_all:start -->", "<!-- run_all:end -->"

# name: (script, normal arguments, --quick arguments)
BENCHMARKS = {
    "person_list_html": ("bench_person_list_html.py", ["--runs", "20"], ["--runs", "5"]),
    "person_list_api": ("bench_person_list.py", ["--runs", "3"], ["--runs", "1"]),
    "person_page": ("bench_person_page.py", ["--persons", "20"], ["--persons", "5"]),
    "declarations": ("bench_declarations.py", ["--runs", "5"], ["--runs", "1"]),
    "payment_runs": ("bench_payment_runs.py", ["--runs", "3"], ["--runs", "1"]),
    "synthesize": ("bench_synthesize.py", ["--runs", "1"], ["--runs", "1"]),
}
DEFAULT = [name for name in BENCHMARKS if name != "synthesize"]


def load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def run(name: str, quick: bool) -> str:
    script, normal, short = BENCHMARKS[name]
    command = [sys.executable, str(HERE / script), *(short if quick else normal)]
    before, started = load(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ})
    seconds = time.perf_counter() - started
    output = done.stdout.strip() or "(no output)"
    lines = [
        f"### {name} (`benchmarks/{script} {' '.join(command[2:])}`)",
        "",
        f"Load average before {before}, after {load()}; {seconds:.0f} s wall time"
        + ("" if done.returncode == 0 else f"; **exit code {done.returncode}**"),
        "",
        output,
    ]
    if done.returncode != 0:
        lines += ["", "```", done.stderr.strip()[-1500:], "```"]
    return "\n".join(lines)


def write(sections: list[str]) -> None:
    head = (
        f"## Latest full run ({datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, "
        f"`benchmarks/run_all.py`)\n\n"
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"database `{os.environ.get('DATABASE_URL', 'sqlite (default)').split('@')[-1]}`.\n"
    )
    block = "\n\n".join([START, head, *sections, END])
    text = RESULTS.read_text() if RESULTS.exists() else "# Benchmark results\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{block}\n{body}"
    RESULTS.write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs each")
    parser.add_argument("--only", help=f"comma-separated, of: {', '.join(BENCHMARKS)}")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else DEFAULT
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    sections = []
    for name in names:
        print(f"running {name} …", file=sys.stderr, flush=True)
        sections.append(run(name, args.quick))
    write(sections)
    print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
