"""Persons get a search key: every common spelling of their names (ADR 0015),
filled here for the persons already registered and kept on save. On
PostgreSQL a trigram index (pg_trgm) serves the search's LIKE '%…%' on it;
SQLite searches the same column without one."""

from django.db import migrations, models

from openopvang.core.names import search_key

CREATE_INDEX = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS registry_person_search_key_trgm
  ON registry_person USING gin (search_key gin_trgm_ops);
"""
DROP_INDEX = "DROP INDEX IF EXISTS registry_person_search_key_trgm;"


def fill(apps, schema_editor):
    Person = apps.get_model("registry", "Person")
    batch = []
    for person in Person.objects.only(
        "given_names", "family_name", "given_names_cyrillic", "family_name_cyrillic"
    ).iterator(chunk_size=2000):
        person.search_key = search_key(
            person.given_names, person.family_name, person.given_names_cyrillic, person.family_name_cyrillic
        )
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["search_key"])
            batch = []
    Person.objects.bulk_update(batch, ["search_key"])


def index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_INDEX)


def unindex(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_INDEX)


class Migration(migrations.Migration):
    dependencies = [("registry", "0008_membership_no_overlap_postgres")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_key",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(index, unindex),
    ]
