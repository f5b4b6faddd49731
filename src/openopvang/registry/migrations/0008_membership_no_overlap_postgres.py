"""On PostgreSQL the database itself refuses two overlapping household
memberships of one person (inclusive date ranges, open end = unbounded), as
it does for placements (0002): two coordinators adding the same person to two
households at the same moment both pass HouseholdMembership.clean(); the
second insert is refused here. SQLite has no exclusion constraints; there
clean() is the guard."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE registry_householdmembership ADD CONSTRAINT membership_no_overlap_per_person
  EXCLUDE USING gist (person_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
"""
DROP = (
    "ALTER TABLE registry_householdmembership "
    "DROP CONSTRAINT IF EXISTS membership_no_overlap_per_person;"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_version")]
    operations = [migrations.RunPython(forwards, backwards)]
