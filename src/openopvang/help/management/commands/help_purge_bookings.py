"""Delete consultation bookings HELP_BOOKING_RETENTION_DAYS after their hour
(personal data with a short retention). Run daily, e.g. from cron."""

from django.core.management.base import BaseCommand

from openopvang.help import services
from openopvang.help.models import retention_days


class Command(BaseCommand):
    help = "Delete consultation bookings whose hour ended more than the retention period ago."

    def handle(self, *args, **options):
        deleted = services.purge_bookings()
        self.stdout.write(f"Deleted {deleted} booking(s) older than {retention_days()} days.")
