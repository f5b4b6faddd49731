"""openopvang casework_digest [--day YYYY-MM-DD]: mail each caseworker the
deadlines of their cases that are due or overdue (once per day)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from openopvang.casework.digest import send_digests


class Command(BaseCommand):
    help = "Mail each caseworker their due and overdue casework deadlines, once a day."

    def add_arguments(self, parser):
        parser.add_argument("--day", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, day=None, **options):
        sent = send_digests(day or timezone.localdate())
        self.stdout.write(f"{sent} digest(s) sent.")
