"""`openopvang privacy anonymise [--dry-run] [--date YYYY-MM-DD]` anonymises
what is due (or shows it, per person); `openopvang privacy processing
[--write | --check]` prints, writes or checks docs/operations/privacy.md."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openopvang.privacy.processing import render_markdown
from openopvang.privacy.services import anonymise_due

DOC = Path(__file__).resolve().parents[5] / "docs" / "operations" / "privacy.md"


class Command(BaseCommand):
    help = "Privacy duties: anonymise what is due; the records of processing."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        anonymise = sub.add_parser("anonymise", help="Anonymise records past their retention.")
        anonymise.add_argument("--dry-run", action="store_true", help="Show, change nothing.")
        anonymise.add_argument("--date", help="Count retention up to this day (YYYY-MM-DD).")
        processing = sub.add_parser("processing", help="The records of processing document.")
        processing.add_argument("--write", action="store_true")
        processing.add_argument("--check", action="store_true")

    def handle(self, *args, **options):
        if options["action"] == "anonymise":
            return self._anonymise(options)
        return self._processing(options)

    def _anonymise(self, options):
        today = None
        if options.get("date"):
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from error
        report = anonymise_due(today=today, dry_run=options["dry_run"])
        verb = "would anonymise" if report.dry_run else "anonymised"
        if report.dry_run:
            for person_id, kinds in report.persons.items():
                parts = []
                for kind, counts in kinds.items():
                    rows = ", ".join(f"{label} {n}" for label, n in counts.items()) or "0 rows"
                    parts.append(f"{kind} ({rows})")
                self.stdout.write(f"P{person_id}: {'; '.join(parts)}")
        self.stdout.write(f"{verb}: {len(report.persons)} persons")
        for kind, persons in report.kinds().items():
            self.stdout.write(f"  {kind}: {persons} persons")
        for label, rows in report.totals().items():
            self.stdout.write(f"  {label}: {rows} rows")
        self.stdout.write(f"  help bookings deleted: {report.bookings_deleted}")

    def _processing(self, options):
        text = render_markdown()
        if options["check"]:
            if not DOC.exists() or DOC.read_text(encoding="utf-8") != text:
                raise CommandError(
                    f"{DOC} is out of date: run `openopvang privacy processing --write`."
                )
            self.stdout.write("up to date")
        elif options["write"]:
            DOC.write_text(text, encoding="utf-8")
            self.stdout.write(f"wrote {DOC}")
        else:
            self.stdout.write(text)
