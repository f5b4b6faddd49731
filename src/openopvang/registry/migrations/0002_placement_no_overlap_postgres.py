"""On PostgreSQL the database itself refuses two overlapping placements of one
person (inclusive date ranges, open end = unbounded). SQLite has no exclusion
constraints; there Placement.clean (run by every save through the services
and the admin) is the guard."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE registry_placement ADD CONSTRAINT placement_no_overlap_per_person
  EXCLUDE USING gist (person_id WITH =, daterange(start_date, end_date, '[]') WITH &&);
"""
DROP = "ALTER TABLE registry_placement DROP CONSTRAINT IF EXISTS placement_no_overlap_per_person;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
