"""`openopvang audit verify`: recompute the audit log's hash chain and report
the first broken link (exit status 1), or how many events are intact."""

from django.core.management.base import BaseCommand, CommandError

from openopvang.audit import chain
from openopvang.audit.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit log's tamper-evidence chain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="recompute every event's hash in order")

    def handle(self, *args, action, **options):
        events = AuditEvent.objects.order_by("id").iterator(chunk_size=2000)
        checked, broken = chain.verify(events)
        if broken is not None:
            what = (
                "its content does not match its hash (changed)"
                if broken.reason == "hash"
                else "it does not link to the event before it (an event was removed or inserted)"
            )
            raise CommandError(
                f"audit chain broken at event {broken.event_id}: {what}; "
                f"{checked - 1} events before it are intact"
            )
        self.stdout.write(f"audit chain intact: {checked} events")
