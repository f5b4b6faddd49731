"""openopvang dedup pairs PERSONS.csv --out PAIRS.csv: the probable duplicate
pairs among the persons of a CSV (ADR 0015, docs/user-guide/duplicates.md).

Reads the columns id, municipality, family_name, given_names,
family_name_cyrillic, given_names_cyrillic, birth_date, sex, nationality (and
household, when present); writes id_a, id_b, score, reasons. Reads no
database: the file is the whole input."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from openopvang.dedup.blocking import find_pairs
from openopvang.dedup.reasons import reasons_text
from openopvang.dedup.records import InputError, read_csv, write_pairs
from openopvang.dedup.scoring import THRESHOLD


class Command(BaseCommand):
    help = "Find probable duplicate persons in a CSV file and write the pairs with their reasons."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        pairs = commands.add_parser(
            "pairs", help="write the probable duplicate pairs of PERSONS.csv"
        )
        pairs.add_argument("persons", type=Path, metavar="PERSONS.csv")
        pairs.add_argument("--out", type=Path, required=True, metavar="PAIRS.csv")
        pairs.add_argument(
            "--threshold",
            type=float,
            default=THRESHOLD,
            help=f"lowest score of a pair (default {THRESHOLD})",
        )
        pairs.add_argument("--language", default="en", help="language of the reasons (en, nl)")

    def handle(self, *args, action, persons, out, threshold, language, **options):
        started = time.perf_counter()
        try:
            records = read_csv(persons)
        except FileNotFoundError as error:
            raise CommandError(f"{persons}: no such file") from error
        except (InputError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        matches = find_pairs(records, threshold=threshold)
        with translation.override(language):
            written = write_pairs(matches, out, reasons_text)
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{len(records)} persons read, {written} probable duplicate pair(s) "
            f"written to {out} ({seconds:.1f} s)."
        )
