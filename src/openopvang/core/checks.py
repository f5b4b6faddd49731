"""System checks for a safe deployment (run by `openopvang check` and before
`migrate`/`serve`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


def _secret_key() -> str:
    try:
        return settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to read an empty key
        return ""


@register(Tags.security)
def check_secret_key(app_configs=None, **kwargs):
    if settings.DEBUG or _secret_key():
        return []
    return [
        Error(
            "OPENOPVANG_SECRET_KEY is not set.",
            hint="Set the environment variable OPENOPVANG_SECRET_KEY to a long random value "
            "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'). "
            "Only a development machine may run without it, with OPENOPVANG_DEBUG=true.",
            id="openopvang.E001",
        )
    ]


@register(Tags.security)
def check_two_factor(app_configs=None, **kwargs):
    if settings.DEBUG or getattr(settings, "OPENOPVANG_TWO_FACTOR_REQUIRED", True):
        return []
    return [
        Warning(
            "Two-factor login for staff is switched off.",
            hint="Staff work with personal data: set OPENOPVANG_TWO_FACTOR_REQUIRED=true "
            "(the default). Switching it off is meant for a local demo only.",
            id="openopvang.W001",
        )
    ]


@register(Tags.models)
def check_shared_model_constraints(app_configs=None, **kwargs):
    """A dated model keeps the end-after-start constraint of DatedRange and a
    month field has its first-of-month constraint: a Meta that forgets
    ``*DatedRange.Meta.constraints`` would silently drop the database's guard."""
    from django.apps import apps

    from .models import DatedRange, MonthField

    errors = []
    for model in apps.get_models():
        names = {constraint.name for constraint in model._meta.constraints}
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        if issubclass(model, DatedRange) and f"{prefix}_end_after_start" not in names:
            errors.append(
                Error(
                    f"{model._meta.label} lost the end-after-start constraint of DatedRange.",
                    hint="Write its Meta as `class Meta(DatedRange.Meta)` and start its "
                    "constraints with `*DatedRange.Meta.constraints`.",
                    obj=model,
                    id="openopvang.E010",
                )
            )
        for field in model._meta.local_fields:
            if isinstance(field, MonthField) and f"{prefix}_{field.name}_first_day" not in names:
                errors.append(
                    Error(
                        f"{model._meta.label}.{field.name} is a MonthField without its "
                        "first-of-month constraint.",
                        hint=f'Add first_of_month_constraint("{field.name}") to Meta.constraints.',
                        obj=model,
                        id="openopvang.E011",
                    )
                )
    return errors
