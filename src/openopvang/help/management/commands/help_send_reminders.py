"""Mail the reminder of tomorrow's consultation hours to the visitors who
booked with an e-mail address. Run daily, e.g. from cron; running it twice
sends nothing twice."""

from django.core.management.base import BaseCommand

from openopvang.help import mail


class Command(BaseCommand):
    help = "Mail a reminder of tomorrow's consultation hours (once per booking)."

    def handle(self, *args, **options):
        sent = mail.send_reminders()
        self.stdout.write(f"{sent} reminder(s) sent.")
