from django.core.management.base import BaseCommand, CommandError

from openopvang.core.api.openapi import (
    REGENERATE_COMMAND,
    SCHEMA_FILE,
    committed_schema,
    render_schema,
)


class Command(BaseCommand):
    help = (
        "Check that docs/api/openapi.yaml matches the API in the code (for CI), "
        "or rewrite it with --write after changing an endpoint."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--write", action="store_true", help="Regenerate the file instead of checking it."
        )

    def handle(self, *args, write=False, **options):
        current = render_schema()
        if write:
            SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
            SCHEMA_FILE.write_bytes(current)
            self.stdout.write(f"Wrote {SCHEMA_FILE}.")
            return
        if committed_schema() != current:
            raise CommandError(f"{SCHEMA_FILE} is stale: run `{REGENERATE_COMMAND}` and commit it.")
        self.stdout.write(f"{SCHEMA_FILE} is up to date.")
