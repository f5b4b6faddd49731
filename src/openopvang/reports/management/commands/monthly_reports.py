"""openopvang monthly_reports [--month YYYY-MM] [--municipality CODE]: make
the council's monthly report (PDF) of the month just ended (or the given
one) for every municipality, kept for download on the dashboard."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from openopvang.accounts.models import Organisation
from openopvang.reports.tasks import last_month, make_monthly_reports


def _month(text: str) -> datetime.date:
    return datetime.date.fromisoformat(f"{text}-01")


class Command(BaseCommand):
    help = "Make the monthly report (PDF) of the month just ended for every municipality."

    def add_arguments(self, parser):
        parser.add_argument("--month", type=_month)
        parser.add_argument("--municipality", action="append", default=[], help="CBS code")

    def handle(self, *args, month=None, municipality=(), **options):
        from django.utils import timezone

        month = month or last_month(timezone.localdate())
        ids = None
        if municipality:
            ids = list(
                Organisation.objects.municipalities()
                .filter(code__in=municipality)
                .values_list("pk", flat=True)
            )
            if len(ids) != len(set(municipality)):
                raise CommandError("unknown municipality code")
        count = make_monthly_reports(month, ids)
        self.stdout.write(f"{count} monthly reports made for {month:%Y-%m}.")
