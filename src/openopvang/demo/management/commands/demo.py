"""`openopvang demo`: migrate, load the demo data once, print the logins."""

import datetime

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from openopvang.demo import data


class Command(BaseCommand):
    help = "Migrate the database, load the demo data (once) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Remove the demo municipalities' registry data, then load "
            "the demo again (demo users stay: the audit log refers to "
            "them).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="Build the demo as if today were this date (YYYY-MM-DD).",
        )
        parser.add_argument("--skip-migrate", action="store_true", help="Do not run migrate first.")

    def handle(self, *args, reset=False, today=None, skip_migrate=False, verbosity=1, **options):
        if not skip_migrate:
            call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        if reset:
            data.wipe_demo(write=self.stdout.write)
        if data.is_loaded() and not reset:
            self.stdout.write("The demo data is already loaded (use --reset to load it again).")
        else:
            self.stdout.write("Loading the demo data …")
            context = data.load_demo(today or timezone.localdate(), write=self.stdout.write)
            if context.unplaced_households:
                self.stdout.write(
                    f"  {context.unplaced_households} households found no place "
                    "(registered, not yet placed)"
                )
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.print_logins()

    def print_logins(self):
        logins = data.demo_logins()
        width = max(len(login.username) for login in logins)
        role_width = max(len(login.role) for login in logins)
        self.stdout.write("")
        self.stdout.write(f"{'username'.ljust(width)}  {'role'.ljust(role_width)}  organisation")
        self.stdout.write(f"{'-' * width}  {'-' * role_width}  {'-' * 28}")
        for login in logins:
            self.stdout.write(
                f"{login.username.ljust(width)}  {login.role.ljust(role_width)}  "
                f"{login.organisation}"
            )
        self.stdout.write("")
        self.stdout.write(f"Password for every demo login: {data.DEMO_PASSWORD}")
        self.stdout.write(
            f"Two-factor (TOTP) secret for every demo login: {data.DEMO_TOTP_SECRET}\n"
            "  add it to an authenticator app (time-based, 6 digits, 30 s) to try the second step."
        )
        self.stdout.write(
            "Note: `./run demo` switches the second factor off "
            "(OPENOPVANG_TWO_FACTOR_REQUIRED=false) for convenience; start the server with "
            "OPENOPVANG_TWO_FACTOR_REQUIRED=true to try it."
        )
        self.stdout.write(f"Open {data.demo_url()}")
