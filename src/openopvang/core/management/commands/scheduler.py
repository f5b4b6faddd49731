"""`openopvang scheduler`: queue the periodic jobs of settings.OPENOPVANG_SCHEDULE
when they are due (core.schedule); a worker runs them. Runs until stopped,
checking every --interval seconds; --once checks once and exits (for cron or
a systemd timer). Several schedulers at once queue each job once a day."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from openopvang.core import schedule


class Command(BaseCommand):
    help = "Queue the periodic background jobs when they are due (once a day each)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="check once, then exit")
        parser.add_argument(
            "--interval", type=float, default=60.0, help="seconds between checks (default 60)"
        )

    def handle(self, *args, once=False, interval=60.0, **options):
        self.running = True
        if once:
            self.tick()
            return
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        names = ", ".join(f"{job.name} at {job.at:%H:%M}" for job in schedule.jobs())
        self.stdout.write(f"Scheduler started: {names or 'no jobs'}.")
        while self.running:
            close_old_connections()
            self.tick()
            slept = 0.0
            while self.running and slept < interval:
                time.sleep(min(1.0, interval))
                slept += 1.0

    def tick(self):
        for name in schedule.enqueue_due():
            self.stdout.write(f"Queued {name}.")

    def stop(self, signum, frame):
        self.running = False
