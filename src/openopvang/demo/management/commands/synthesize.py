"""`openopvang synthesize --seed 42`: national-scale synthetic data for benchmarks."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from openopvang.demo import synthetic


class Command(BaseCommand):
    help = (
        "Fill the registry with synthetic national-scale data (deterministic from the "
        "seed) for benchmarks. Refuses when registry data exists unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--persons", type=int, default=120_000)
        parser.add_argument(
            "--municipalities",
            type=int,
            default=342,
            help="How many municipalities get data (the largest first).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete ALL registry data (every municipality) first.",
        )
        parser.add_argument("--skip-migrate", action="store_true")

    def handle(self, *args, seed, persons, municipalities, force, skip_migrate, **options):
        if persons < 1 or municipalities < 1:
            raise CommandError("--persons and --municipalities must be at least 1.")
        if not skip_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        if synthetic.registry_has_data():
            if not force:
                raise CommandError(
                    "The registry already holds data (demo or real). Synthetic data is for an "
                    "empty benchmark database; use --force to delete ALL registry data first."
                )
            self.stdout.write(self.style.WARNING("--force: deleting all registry data …"))
            synthetic.wipe_registry(self.stdout.write)
        self.stdout.write(
            f"Synthesizing {persons:,} persons in {municipalities} municipalities (seed {seed}) …"
        )
        summary = synthetic.synthesize(seed, persons, municipalities, write=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {summary.seconds['total']:.1f} s: "
                + ", ".join(
                    f"{count:,} {label.split('.')[-1]}" for label, count in summary.counts.items()
                )
            )
        )
