"""The effective parameter set (file defaults + administrators' values) and
changing it. Money apps ask `current_parameters()`; they never read YAML."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from openopvang.audit import services as audit
from openopvang.core.permissions import require
from openopvang.core.services import delete_audited, save_audited
from openopvang.core.validators import AmountBound, validate_platform_date
from openopvang.rules.engine.errors import ParameterFileError, UnknownParameter
from openopvang.rules.engine.parameters import ParameterSet, ParameterValue, Reference

from .affected import Span, affected_records
from .coverage import coverage_errors
from .loading import Preview, checked, preview, spans_of, stage
from .models import LoadStatus, ParameterLoad, ParameterOverride
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


# The sanity bound of a parameter in euros (docs/decisions/0018): the largest
# published amount (a normbedrag per year) is a few ten thousand euros.
PARAMETER_AMOUNT_BOUND = AmountBound(1_000_000)


def check_override(override: ParameterOverride) -> None:
    """Refuse values the engine could not use, with the reason on the field,
    and values no publication would hold: an amount beyond its sanity bound,
    a day outside the platform's range."""
    for field in ("start", "end"):
        try:
            validate_platform_date(getattr(override, field))
        except ValidationError as error:
            raise ValidationError({field: error}) from None
    try:
        values = ParameterSet.load_default().with_overrides([_as_value(override)])
    except UnknownParameter as error:
        raise ValidationError({"name": str(error)}) from error
    except (ParameterFileError, ValueError, ArithmeticError) as error:
        raise ValidationError({"value": str(error)}) from error
    parameter = values.parameter(override.name)
    if parameter.unit.startswith("EUR"):
        value = next(v.value for v in parameter.values if v.start == override.start)
        try:
            PARAMETER_AMOUNT_BOUND(value)
        except ValidationError as error:
            raise ValidationError({"value": error}) from None


def with_override(override: ParameterOverride) -> ParameterSet:
    """The parameters in force if `override` were saved (replacing its stored
    self when it is an edit)."""
    others = ParameterOverride.objects.exclude(pk=override.pk) if override.pk else None
    stored = others if others is not None else ParameterOverride.objects.all()
    values = [_as_value(o) for o in stored] + [_as_value(override)]
    return ParameterSet.load_default().with_overrides(values)


def check_coverage(override: ParameterOverride) -> None:
    """Refuse a value that would leave days without a value (coverage.py)."""
    errors = coverage_errors(current_parameters(), with_override(override), [override.name])
    if errors:
        raise ValidationError({"end" if override.end else "start": errors})


def override_preview(override: ParameterOverride) -> dict:
    """What saving `override` changes, shown before it is saved: the
    parameter's periods now and after, and the stored declarations and
    payment runs whose period includes a day of the new value."""
    before = current_parameters().parameter(override.name)
    after = with_override(override).parameter(override.name)
    covers = next(v for v in after.effective if v.start == override.start)
    span = Span(override.name, override.start, covers.end, str(override.value))
    return {
        "before": before.effective,
        "after": after.effective,
        "covers": covers,
        "affected": affected_records([span]),
    }


def _validate_override(override: ParameterOverride) -> None:
    check_override(override)
    check_coverage(override)


def save_override(user, override: ParameterOverride, *, request=None) -> ParameterOverride:
    require(
        can_manage_parameters(user),
        _("Only administrators of the national organisation change parameters."),
    )
    if override.created_by_id is None:
        override.created_by = user
    return save_audited(user, override, request=request, validate=_validate_override)


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


# -- loading a file of values (parameters.loading) -------------------------------

ONLY_ADMINS = _lazy("Only administrators of the national organisation change parameters.")


def stage_load(user, file, *, request=None) -> tuple[ParameterLoad | None, Preview]:
    """Read and check an uploaded file and keep it as a draft load with its
    preview. Nothing is stored when a value is wrong: the preview's errors
    say which row and why."""
    require(can_manage_parameters(user), ONLY_ADMINS)
    name = getattr(file, "name", "") or "parameters"
    content = file.read() if hasattr(file, "read") else bytes(file)
    result = stage(name, content)
    if result.errors:
        return None, result
    with transaction.atomic():
        load = ParameterLoad(file_name=name[:200], values=result.values, created_by=user)
        save_audited(user, load, request=request)
    return load, result


def _changed_fields(value: dict) -> dict:
    return {
        "end": datetime.date.fromisoformat(value["end"]) if value["end"] else None,
        **{
            key: value[key]
            for key in ("value", "publication", "article", "url", "confidence", "note")
        },
    }


def _override_fields(override: ParameterOverride) -> dict:
    return {
        "end": override.end.isoformat() if override.end else None,
        **{
            key: getattr(override, key)
            for key in ("value", "publication", "article", "url", "confidence", "note")
        },
    }


def apply_load(user, load: ParameterLoad, *, request=None) -> ParameterLoad:
    """Add the load's values as administrators' values, in one transaction,
    each with its reference and confidence. The preview is made again first:
    the values in force may have changed since the file was staged."""
    require(can_manage_parameters(user), ONLY_ADMINS)
    with transaction.atomic():
        load = ParameterLoad.objects.select_for_update().get(pk=load.pk)
        if load.status != LoadStatus.DRAFT:
            raise ValidationError(_("This load has already been applied or rolled back."))
        result = preview([checked(value) for value in load.values])
        if result.errors:
            raise ValidationError(result.errors)
        before = audit.snapshot(load)
        stored = {(o.name, o.start.isoformat()): o for o in ParameterOverride.objects.all()}
        applied = []
        for value in result.values:
            if value["change"] == "unchanged":
                applied.append(value)
                continue
            override = stored.get((value["name"], value["start"]))
            if override is not None:
                value["previous"] = _override_fields(override)
                if override.created_by_id is None:  # as save_override does
                    override.created_by = user
            else:
                override = ParameterOverride(
                    name=value["name"],
                    start=datetime.date.fromisoformat(value["start"]),
                    created_by=user,
                )
            for key, field_value in _changed_fields(value).items():
                setattr(override, key, field_value)
            save_audited(
                user,
                override,
                request=request,
                validate=check_override,
                extra_changes={"load": load.pk},
            )
            value["override_id"] = override.pk
            applied.append(value)
        load.values = applied
        load.status = LoadStatus.APPLIED
        load.applied_by = user
        load.applied_at = timezone.now()
        save_audited(user, load, before=before, request=request)
    return load


def records_computed_with(load: ParameterLoad) -> list:
    """The stored declarations and runs computed with the load's values (their
    stored parameters hold a loaded value for a day of their period)."""
    return [record for record in affected_records(spans_of(load.values)) if record.used]


def roll_back_load(user, load: ParameterLoad, *, request=None) -> ParameterLoad:
    """Remove exactly the values the load created and restore the
    administrators' values it replaced. Refused once a declaration or payment
    run was computed with them (its stored figures rest on them), and when a
    value was corrected since (correct it on the parameters page instead)."""
    require(can_manage_parameters(user), ONLY_ADMINS)
    with transaction.atomic():
        load = ParameterLoad.objects.select_for_update().get(pk=load.pk)
        if load.status != LoadStatus.APPLIED:
            raise ValidationError(_("Only an applied load can be rolled back."))
        used = records_computed_with(load)
        if used:
            raise ValidationError(
                _(
                    "This load cannot be rolled back: %(records)s were computed with its "
                    "values. Correct the values on the parameters page instead."
                )
                % {"records": "; ".join(f"{record.kind} {record.label}" for record in used)}
            )
        before = audit.snapshot(load)
        overrides = ParameterOverride.objects.select_for_update().in_bulk(
            [value["override_id"] for value in load.values if value.get("override_id")]
        )
        for value in load.values:
            override = overrides.get(value.get("override_id"))
            if not value.get("override_id"):
                continue
            if override is None or _override_fields(override) != {
                key: value[key] for key in _override_fields(override)
            }:
                raise ValidationError(
                    _(
                        "The value of %(name)s from %(start)s was changed after this load; "
                        "correct it on the parameters page instead."
                    )
                    % {"name": value["name"], "start": value["start"]}
                )
            if value.get("previous"):
                for key, field_value in value["previous"].items():
                    if key == "end":
                        field_value = (
                            datetime.date.fromisoformat(field_value) if field_value else None
                        )
                    setattr(override, key, field_value)
                save_audited(
                    user,
                    override,
                    request=request,
                    validate=check_override,
                    extra_changes={"load rolled back": load.pk},
                )
            else:
                delete_audited(user, override, request=request)
        load.status = LoadStatus.ROLLED_BACK
        load.rolled_back_by = user
        load.rolled_back_at = timezone.now()
        save_audited(user, load, before=before, request=request)
    return load
