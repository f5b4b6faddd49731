"""ParameterOverride moves here from the `rules` app (which becomes the pure
engine). The table keeps its name, so this only creates the model in the
migration state; rules/0002 removes it from the rules state. An existing
database keeps its rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="parameters", model="parameteroverride").exists():
        ContentType.objects.filter(app_label="rules", model="parameteroverride").update(
            app_label="parameters"
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("rules", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ParameterOverride',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(db_index=True, max_length=120, verbose_name='parameter')),
                        ('start', models.DateField(verbose_name='valid from')),
                        ('end', models.DateField(blank=True, help_text='Leave empty when the value applies until a next value.', null=True, verbose_name='valid to')),
                        ('value', models.CharField(help_text='An amount such as 44.00, a date or a number.', max_length=40, verbose_name='value')),
                        ('publication', models.CharField(help_text='E.g. Stcrt. 2025, 41734.', max_length=200, verbose_name='publication')),
                        ('article', models.CharField(help_text='E.g. BooO art. 2 lid 1 sub a.', max_length=120, verbose_name='article')),
                        ('url', models.URLField(blank=True, verbose_name='link')),
                        ('confidence', models.CharField(choices=[('confirmed', 'Confirmed (official publication)'), ('secondary', 'Secondary (news report)')], default='confirmed', max_length=10, verbose_name='confidence')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'parameter value',
                        'verbose_name_plural': 'parameter values',
                        'db_table': 'rules_parameteroverride',
                        'ordering': ['name', 'start'],
                        'constraints': [models.UniqueConstraint(fields=('name', 'start'), name='parameter_override_once_per_start', violation_error_message='There is already a value for this parameter from that date; correct that one instead.')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
