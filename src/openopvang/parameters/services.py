"""The effective parameter set (file defaults + administrators' values) and
changing it. Money apps ask `current_parameters()`; they never read YAML."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from openopvang.core.permissions import require
from openopvang.core.services import save_audited
from openopvang.rules.engine.errors import ParameterFileError, UnknownParameter
from openopvang.rules.engine.parameters import ParameterSet, ParameterValue, Reference

from .models import ParameterOverride
from .permissions import can_manage_parameters


def _as_value(override: ParameterOverride) -> ParameterValue:
    return ParameterValue(
        name=override.name,
        start=override.start,
        value=override.value,
        reference=Reference(override.publication, override.article, override.url or None),
        confidence=override.confidence,
        note=override.note,
        end=override.end,
    )


def current_parameters() -> ParameterSet:
    overrides = [_as_value(o) for o in ParameterOverride.objects.all()]
    defaults = ParameterSet.load_default()
    return defaults.with_overrides(overrides) if overrides else defaults


def check_override(override: ParameterOverride) -> None:
    """Refuse values the engine could not use, with the reason on the field."""
    try:
        ParameterSet.load_default().with_overrides([_as_value(override)])
    except UnknownParameter as error:
        raise ValidationError({"name": str(error)}) from error
    except (ParameterFileError, ValueError, ArithmeticError) as error:
        raise ValidationError({"value": str(error)}) from error


def save_override(user, override: ParameterOverride, *, request=None) -> ParameterOverride:
    require(
        can_manage_parameters(user),
        _("Only administrators of the national organisation change parameters."),
    )
    if override.created_by_id is None:
        override.created_by = user
    return save_audited(user, override, request=request, validate=check_override)


def parameter_rows(
    params: ParameterSet | None = None, today: datetime.date | None = None
) -> list[dict]:
    """Every parameter with its values, each marked as from a file or the
    database, for the parameters page."""
    params = params or current_parameters()
    overrides = {(o.name, o.start): o for o in ParameterOverride.objects.all()}
    rows = []
    for item in params.describe():
        parameter = params.parameter(item["name"])
        values = []
        for value in parameter.effective:
            values.append(
                {
                    "value": value,
                    "override": overrides.get((value.name, value.start)),
                }
            )
        rows.append({"parameter": parameter, "description": item["description"], "values": values})
    return rows
