"""Benchmark: the peak memory (and rate) of a letter batch as N grows, against
a baseline measured in the same run.

    .venv/bin/python benchmarks/bench_letters.py --sizes 200,1000,5000 --baseline 200,1000

One fresh SQLite database in a temporary folder (migrated, then N persons in
five languages, each placed at an address, outside the timing) unless
DATABASE_URL is set. Every measurement runs in its own child process, so its
peak resident memory (ru_maxrss) is its own:

- **baseline**: the letters of N persons rendered as one WeasyPrint document,
  the way the print run was made before (every letter's view kept in memory,
  one `write_pdf` of all of them);
- **batch**: `letters.tasks.run_batch` as the worker runs it: each letter
  made and kept (audited), rendered on its own as PDF/A-2b, written to disk and
  into the ZIP, the print run joined from disk by qpdf (pikepdf) in groups.

Flat memory means the batch's peak does not grow with N (the baseline's does).

`--join 200,1000,5000` measures the last step alone at sizes the whole batch
cannot reach in a short run: the print run joined (`tasks.join_pdfs`) from N
letter files on disk, copies of ten letters rendered once in five languages.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

TMP = os.environ.get("BENCH_LETTERS_TMP") or tempfile.mkdtemp(prefix="bench-letters-")
os.environ["BENCH_LETTERS_TMP"] = TMP
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openopvang.conf.settings")
os.environ.setdefault("OPENOPVANG_SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("OPENOPVANG_MEDIA_ROOT", f"{TMP}/media")
os.environ.setdefault(
    "OPENOPVANG_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)

import django  # noqa: E402

django.setup()

LANGUAGES = ["nl", "en", "uk", "ru", "ar"]
NAMES = ["Olena Melnyk", "Ali Hassan", "Iryna Bondar", "Mykola Shevchenko", "Sofiia Koval"]


def setup(count: int) -> None:
    from django.core.management import call_command

    from openopvang.core.testing import factories
    from openopvang.registry.models import Person, Placement

    call_command("migrate", verbosity=0)
    town = factories.MunicipalityFactory(
        street_address="Stadsplateau 1", postcode="3521 AZ", city="Utrecht"
    )
    factories.UserFactory(username="bench", organisation=town, role="coordinator")
    location = factories.LocationFactory(
        municipality=town, address="Oudegracht 10", postcode="3511 AB", city="Utrecht"
    )
    persons = Person.objects.bulk_create(
        Person(
            municipality=town,
            given_names=NAMES[i % 5].split()[0],
            family_name=f"{NAMES[i % 5].split()[1]}{i}",
            birth_date=datetime.date(1980, 1, 1),
            nationality="UA",
            languages=[LANGUAGES[i % 5]],
        )
        for i in range(count)
    )
    Placement.objects.bulk_create(
        Placement(
            municipality=town, person=p, location=location, start_date=datetime.date(2024, 1, 1)
        )
        for p in persons
    )


def child(mode: str, count: int) -> dict:
    from openopvang.accounts.models import User
    from openopvang.core.documents import pdf_from_template
    from openopvang.letters import documents, services
    from openopvang.letters.types import get_type
    from openopvang.registry.models import Person

    user = User.objects.get(username="bench")
    persons = list(Person.objects.order_by("pk")[:count])
    started = time.perf_counter()
    if mode == "baseline":
        kind = get_type("welcome")
        version = services.ensure_template(user, user.organisation, "welcome")
        views = []
        for person in persons:
            language = documents.letter_language(person, version)
            data = documents.letter_data(
                user, person, kind, language, datetime.date(2026, 12, 1), {}
            )
            views.append(documents.letter_view(kind, version.text_for(language), data))
        size = len(pdf_from_template("letters/letters_pdf.html", {"letters": views}))
    else:
        batch = services.start_batch(user, "welcome", persons)
        assert batch.status == "done" and not batch.errors, batch.errors
        size = batch.run_file.size + batch.zip_file.size
    seconds = time.perf_counter() - started
    return {
        "mode": mode,
        "letters": count,
        "seconds": round(seconds, 1),
        "per_second": round(count / seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "bytes": size,
    }


def join_child(count: int) -> dict:
    """The print run joined from `count` letter files (copies of ten letters)."""
    import shutil
    from pathlib import Path

    from openopvang.accounts.models import User
    from openopvang.letters import services
    from openopvang.letters.tasks import join_pdfs
    from openopvang.registry.models import Person

    user = User.objects.get(username="bench")
    folder = Path(tempfile.mkdtemp(prefix="join-", dir=TMP))
    samples = []
    for number, person in enumerate(Person.objects.order_by("pk")[:10]):
        _letter, pdf = services.make_letter(user, person, "welcome")
        sample = folder / f"sample-{number}.pdf"
        sample.write_bytes(pdf)
        samples.append(sample)
    paths = []
    for number in range(count):
        path = folder / f"{number:05d}.pdf"
        shutil.copyfile(samples[number % len(samples)], path)
        paths.append(path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    join_pdfs(paths, folder / "run.pdf")
    seconds = time.perf_counter() - started
    size = (folder / "run.pdf").stat().st_size
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "mode": "join",
        "letters": count,
        "seconds": round(seconds, 1),
        "per_second": round(count / seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "before_mb": round(before, 1),
        "bytes": size,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="200,1000,5000")
    parser.add_argument("--baseline", default="200,1000")
    parser.add_argument("--join", default="", help="sizes of the join-only measurement")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "N"))
    args = parser.parse_args()
    if args.child:
        mode, count = args.child[0], int(args.child[1])
        print(json.dumps(join_child(count) if mode == "join" else child(mode, count)))
        return
    sizes = [int(n) for n in args.sizes.split(",") if n]
    baseline = [int(n) for n in args.baseline.split(",") if n]
    joins = [int(n) for n in args.join.split(",") if n]
    setup(max(sizes + baseline + [10]))
    print(f"# {platform.python_version()} {platform.machine()}, load {os.getloadavg()[0]:.1f}")
    print("| measurement | letters | seconds | letters/s | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|")
    for mode, counts in (("join", joins), ("baseline", baseline), ("batch", sizes)):
        for count in counts:
            out = (
                subprocess.run(
                    [sys.executable, __file__, "--child", mode, str(count)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=os.environ,
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            row = json.loads(out)
            print(
                f"| {mode} | {count:,} | {row['seconds']} | {row['per_second']} | "
                f"{row['peak_mb']} |",
                flush=True,
            )
            if mode in ("batch", "join"):  # the next run starts from no letters again
                from openopvang.letters.models import LetterBatch, SentLetter

                SentLetter.objects.all().delete()
                LetterBatch.objects.all().delete()


if __name__ == "__main__":
    main()
