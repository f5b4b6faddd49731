"""openopvang refresh_figures [--from YYYY-MM-DD] [--to YYYY-MM-DD]
[--municipality CODE]: rebuild the daily figures and the monthly costs (of
the months the range touches) that the dashboards read."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openopvang.accounts.models import Organisation
from openopvang.reports.costs import refresh_costs
from openopvang.reports.figures import refresh_figures


class Command(BaseCommand):
    help = "Rebuild the daily figures (capacity, occupancy, GOO/POO) for a range of days."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", type=datetime.date.fromisoformat)
        parser.add_argument("--to", dest="end", type=datetime.date.fromisoformat)
        parser.add_argument("--municipality", action="append", default=[], help="CBS code")

    def handle(self, *args, start=None, end=None, municipality=(), **options):
        end = end or timezone.localdate()
        start = start or end
        if end < start:
            raise CommandError("--to is before --from")
        ids = None
        if municipality:
            ids = list(
                Organisation.objects.municipalities()
                .filter(code__in=municipality)
                .values_list("pk", flat=True)
            )
            if len(ids) != len(set(municipality)):
                raise CommandError("unknown municipality code")
        began = time.perf_counter()
        written = refresh_figures(start, end, municipality_ids=ids)
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"{written} daily figures written for {start.isoformat()}..{end.isoformat()} "
            f"in {seconds:.2f} s."
        )
        began = time.perf_counter()
        months = refresh_costs(start, end, municipality_ids=ids)
        self.stdout.write(f"{months} monthly costs written in {time.perf_counter() - began:.2f} s.")
