"""A version on every record people edit, for optimistic concurrency
(docs/decisions/0014-optimistic-concurrency.md)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_change_reason")]

    operations = [
        migrations.AddField(
            model_name="capacityperiod",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="host",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="household",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="householdmembership",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="incomeperiod",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="location",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
        migrations.AddField(
            model_name="placement",
            name="version",
            field=models.PositiveIntegerField(
                db_default=1, default=1, editable=False, verbose_name="version"
            ),
        ),
    ]
