"""`openopvang createstaffuser`: create a staff user of an organisation."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from openopvang.accounts import services
from openopvang.accounts.models import Role


class Command(BaseCommand):
    help = (
        "Create a staff user of an organisation with a role. The password is read from "
        "--password, the OPENOPVANG_STAFF_PASSWORD environment variable or a prompt."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--organisation", required=True, help="Organisation code, e.g. GM0344 for Utrecht."
        )
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--password",
            help="Avoid on shared machines: it ends up in "
            "the shell history. Prefer OPENOPVANG_STAFF_PASSWORD or the prompt.",
        )
        parser.add_argument(
            "--no-password",
            action="store_true",
            help="Create the user without a usable password (e.g. for SSO).",
        )
        parser.add_argument(
            "--admin-site", action="store_true", help="Allow the user into the admin (is_staff)."
        )
        parser.add_argument(
            "--superuser",
            action="store_true",
            help="Platform superuser: all permissions, all organisations.",
        )
        parser.add_argument(
            "--totp",
            action="store_true",
            help="Create an authenticator device and print its provisioning "
            "URI (otpauth://…) to hand to the user.",
        )

    def _password(self, options) -> str | None:
        if options["no_password"]:
            return None
        password = options["password"] or os.environ.get("OPENOPVANG_STAFF_PASSWORD")
        if password:
            return password
        if not options.get("interactive", True) or not self.stdin_isatty():
            raise CommandError(
                "No password given: use --password, OPENOPVANG_STAFF_PASSWORD or --no-password."
            )
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return first

    @staticmethod
    def stdin_isatty() -> bool:
        import sys

        return sys.stdin.isatty()

    def handle(self, *args, **options):
        try:
            user, device = services.create_staff_user(
                username=options["username"],
                organisation_code=options["organisation"],
                role=options["role"],
                password=self._password(options),
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                admin_site=options["admin_site"],
                superuser=options["superuser"],
                with_totp=options["totp"],
            )
        except services.StaffUserError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {user.username} ({user.get_role_display()}, {user.organisation})."
            )
        )
        if device is not None:
            self.stdout.write("Provisioning URI for the authenticator app (treat as a secret):")
            self.stdout.write(device.config_url)
