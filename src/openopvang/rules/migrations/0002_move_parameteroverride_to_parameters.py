"""The model now lives in `openopvang.parameters` (same table,
rules_parameteroverride); remove it from the rules state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("rules", "0001_initial"),
        ("parameters", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ParameterOverride")],
            database_operations=[],
        ),
    ]
