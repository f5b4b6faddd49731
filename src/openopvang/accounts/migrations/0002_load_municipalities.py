"""Load the 342 municipalities (accounts/data/gemeenten.csv, see its README),
the national organisation and VluchtelingenWerk Nederland."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "gemeenten.csv"


def load(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Organisation.objects.update_or_create(
                code=row["cbs_code"],
                defaults={
                    "name": row["name"], "kind": "municipality",
                    "veiligheidsregio_code": row["veiligheidsregio_code"],
                    "veiligheidsregio_name": row["veiligheidsregio_name"],
                },
            )
    Organisation.objects.update_or_create(
        code="NOO", defaults={"name": "Nationale Opvang Organisatie", "kind": "national",
                              "email": "PostbusNOO@minjenv.nl"},
    )
    Organisation.objects.update_or_create(
        code="VWN", defaults={"name": "VluchtelingenWerk Nederland", "kind": "ngo",
                              "email": "oekraine-contact@vluchtelingenwerk.nl"},
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
