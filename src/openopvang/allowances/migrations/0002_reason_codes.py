"""Payment reasons become codes (allowances/reasons.py): PaymentItem.reason,
PaymentItem.payee_note and PaymentLine.reason from English text to JSON.

Known sentences become their code ("payee is a minor" → {"code": "payee_minor"},
"recomputed 2024-03 after registry change: …" → {"code": "recomputed", …});
anything else is kept as {"code": "text", "text": …} and shown as it was.
Explanations (already JSON lists of text) stay as they are: the renderer shows
a text item as it is."""

import json

from django.db import migrations, models


def to_codes(apps, schema_editor):
    from openopvang.allowances.reasons import from_legacy

    for model_name, fields in (("PaymentItem", ("reason", "payee_note")),
                               ("PaymentLine", ("reason",))):
        model = apps.get_model("allowances", model_name)
        for row in model.objects.only("pk", *fields).iterator(chunk_size=2000):
            for name in fields:
                setattr(row, name, json.dumps(from_legacy(getattr(row, name) or "")))
            row.save(update_fields=list(fields))


def to_text(apps, schema_editor):
    from openopvang.allowances.reasons import render_reason
    from django.utils import translation

    with translation.override("en"):
        for model_name, fields in (("PaymentItem", ("reason", "payee_note")),
                                   ("PaymentLine", ("reason",))):
            model = apps.get_model("allowances", model_name)
            for row in model.objects.only("pk", *fields).iterator(chunk_size=2000):
                for name in fields:
                    value = getattr(row, name)
                    try:
                        value = json.loads(value) if value else {}
                    except (TypeError, ValueError):
                        pass
                    setattr(row, name, render_reason(value)[:300])
                row.save(update_fields=list(fields))


class Migration(migrations.Migration):
    dependencies = [("allowances", "0001_initial")]

    operations = [
        # Text without a length first, so a wrapped sentence always fits.
        migrations.AlterField("paymentitem", "reason",
                              models.TextField(blank=True, verbose_name="why not by bank")),
        migrations.AlterField("paymentitem", "payee_note",
                              models.TextField(blank=True, verbose_name="payee rule")),
        migrations.AlterField("paymentline", "reason",
                              models.TextField(blank=True, verbose_name="reason")),
        migrations.RunPython(to_codes, to_text),
        migrations.AlterField("paymentitem", "reason",
                              models.JSONField(blank=True, default=dict,
                                               verbose_name="why not by bank")),
        migrations.AlterField("paymentitem", "payee_note",
                              models.JSONField(blank=True, default=dict,
                                               verbose_name="payee rule")),
        migrations.AlterField("paymentline", "reason",
                              models.JSONField(blank=True, default=dict, verbose_name="reason")),
    ]
