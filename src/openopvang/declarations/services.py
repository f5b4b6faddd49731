"""Changes to declarations: each one transaction, audited, and only by the
municipality's finance officers (declarations.permissions), checked first."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openopvang.audit import services as audit
from openopvang.audit.models import AuditAction
from openopvang.core.formatting import money
from openopvang.core.services import delete_audited, save_audited
from openopvang.parameters.services import current_parameters
from openopvang.registry.models import Location
from openopvang.rules.engine.errors import MissingParameter
from openopvang.rules.engine.parameters import ParameterSet

from .diff import diff
from .figures import DeclarationData, compute
from .models import AdvanceRequest, CostCategory, CostLine, Declaration, YearSettings
from .permissions import require_finance_of

ADVANCE_DEADLINE = "booo.advance.request_deadline"
DEADLINE_WARNING_DAYS = 30


# -- cost lines and the actual-cost choice ------------------------------------------------


def _check_cost_line(line: CostLine) -> None:
    errors = {}
    if line.month and (line.month.year != line.year):
        errors["month"] = _("The month must lie in %(year)s.") % {"year": line.year}
    if (
        line.location_id
        and not Location.objects.filter(
            pk=line.location_id, municipality_id=line.municipality_id
        ).exists()
    ):
        errors["location"] = _("Choose a location of your municipality.")
    if line.category == CostCategory.ACTUAL_HOTEL_SHIP_CATERING and _enters_hotel_category(line):
        errors["category"] = _(
            "Hotels, ships and catering are not claimed separately: no source provides a "
            "separate claim on top of the GOO normbedrag. Where your actual GOO costs deviate "
            "significantly, choose the actual-cost alternative (art. 3 lid 2) for %(year)s and "
            "enter GOO at actual cost."
        ) % {"year": line.year}
    if line.category == CostCategory.ACTUAL_COST_GOO:
        settings = YearSettings.objects.filter(
            municipality_id=line.municipality_id, year=line.year
        ).first()
        if not (settings and settings.actual_cost_goo):
            errors["category"] = _(
                "Actual GOO costs can only be entered after choosing the actual-cost "
                "alternative (art. 3 lid 2) for %(year)s, with its reason."
            ) % {"year": line.year}
    if errors:
        raise ValidationError(errors)


def _enters_hotel_category(line: CostLine) -> bool:
    """A new line, or an existing one moved into the category. Lines stored
    before decision 0010 keep their category (listed, not declared) and can
    still be edited or deleted."""
    if line.pk is None:
        return True
    stored = CostLine.objects.filter(pk=line.pk).values_list("category", flat=True).first()
    return stored != CostCategory.ACTUAL_HOTEL_SHIP_CATERING


def save_cost_line(user, line: CostLine, *, request=None) -> CostLine:
    require_finance_of(user, line)
    if line.created_by_id is None:
        line.created_by = user
    return save_audited(user, line, request=request, validate=_check_cost_line)


def delete_cost_line(user, line: CostLine, *, request=None) -> None:
    require_finance_of(user, line)
    delete_audited(user, line, request=request)


def _check_year_settings(settings: YearSettings) -> None:
    if settings.actual_cost_goo and not settings.actual_cost_reason.strip():
        raise ValidationError(
            {
                "actual_cost_reason": _(
                    "Give the reason: why do the actual GOO costs deviate significantly from the "
                    "normbedrag?"
                )
            }
        )
    if (
        not settings.actual_cost_goo
        and CostLine.objects.filter(
            municipality_id=settings.municipality_id,
            year=settings.year,
            category=CostCategory.ACTUAL_COST_GOO,
        ).exists()
    ):
        raise ValidationError(
            {"actual_cost_goo": _("Remove the actual GOO cost lines of this year first.")}
        )


def save_year_settings(user, settings: YearSettings, *, request=None) -> YearSettings:
    require_finance_of(user, settings)
    return save_audited(user, settings, request=request, validate=_check_year_settings)


def year_settings(municipality, year: int) -> YearSettings:
    return YearSettings.objects.filter(
        municipality=municipality, year=year
    ).first() or YearSettings(municipality=municipality, year=year)


# -- advance (voorschot, art. 5) ---------------------------------------------------------


def advance_deadline(
    year: int, params: ParameterSet | None = None, today: datetime.date | None = None
) -> dict:
    """The deadline for requesting the advance for the expected costs of
    financial year `year` — the same year (BooO art. 5 lid 2): the request must
    arrive *before* this day of that year (1 October for 2023–2025; 1 November
    from 2026, Stcrt. 2025, 41734; no deadline in 2022). The platform reads the
    deadline in force on 1 January of that year.
    {"deadline", "last_day", "days_left", "state": ok|near|passed, "reference"}
    or {"error": "..."} when no deadline is known for that year."""
    params = params or current_parameters()
    today = today or timezone.localdate()
    try:
        value = params.value(ADVANCE_DEADLINE, datetime.date(year, 1, 1))
    except MissingParameter as error:
        return {"error": str(error), "parameter": error.name}
    deadline = value.month_day.in_year(year)
    days_left = (deadline - today).days
    state = "passed" if days_left <= 0 else "near" if days_left < DEADLINE_WARNING_DAYS else "ok"
    return {
        "deadline": deadline,
        "last_day": deadline - datetime.timedelta(days=1),
        "days_left": days_left,
        "state": state,
        "reference": value.reference_dict,
        "parameter": ADVANCE_DEADLINE,
    }


def request_advance(user, advance: AdvanceRequest, *, request=None) -> AdvanceRequest:
    require_finance_of(user, advance)
    if advance.requested_by_id is None:
        advance.requested_by = user
    deadline = advance_deadline(advance.year)
    if deadline.get("state") == "passed":
        raise ValidationError(
            _(
                "The advance for %(year)s had to be requested before %(day)s (%(article)s): "
                "an advance is requested for the same financial year, before the deadline."
            )
            % {
                "year": advance.year,
                "day": date_format(deadline["deadline"], "j F Y"),
                "article": deadline["reference"]["article"],
            }
        )
    advance.deadline = deadline.get("deadline")
    return save_audited(user, advance, request=request)


# -- submitting and correcting -------------------------------------------------------------


def versions(municipality, year: int):
    return Declaration.objects.filter(municipality=municipality, year=year).order_by("version")


def _store(
    user,
    municipality,
    year: int,
    data: DeclarationData,
    *,
    version: int,
    previous: Declaration | None,
    reason: str,
    request,
    changes: dict,
) -> Declaration:
    try:
        with transaction.atomic():
            declaration = Declaration.objects.create(
                municipality=municipality,
                year=year,
                version=version,
                previous=previous,
                reason=reason,
                total=data.total,
                scenario=data.scenario,
                result=data.result,
                parameters=data.parameters,
                sources=data.sources,
                submitted_by=user,
            )
            audit.record(
                user,
                AuditAction.CREATE,
                declaration,
                request=request,
                changes={
                    "version": version,
                    "total": str(data.total),
                    **changes,
                },
            )
    except IntegrityError as error:
        raise ValidationError(
            _("Someone else submitted this declaration at the same time; reload the page.")
        ) from error
    return declaration


def submit(
    user, municipality, year: int, *, expected_total: Decimal | None = None, request=None
) -> Declaration:
    """Version 1: freeze the live computation. `expected_total` is the total the
    user checked; if the registry changed since, nothing is stored."""
    require_finance_of(user, municipality)
    if versions(municipality, year).exists():
        raise ValidationError(
            _(
                "The declaration for %(year)s has already been submitted; "
                "submit a correction instead."
            )
            % {"year": year}
        )
    data = compute(municipality, year)
    if expected_total is not None and data.total != expected_total:
        raise ValidationError(
            _(
                "The figures changed after you checked them (now %(total)s); "
                "check them again before submitting."
            )
            % {"total": money(data.total, None)}
        )
    return _store(
        user,
        municipality,
        year,
        data,
        version=1,
        previous=None,
        reason="",
        request=request,
        changes={"event": "submitted"},
    )


def correct(user, municipality, year: int, reason: str, *, request=None) -> Declaration:
    """A new version from the live computation, with its reason; the previous
    version stays as it was."""
    require_finance_of(user, municipality)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    previous = versions(municipality, year).last()
    if previous is None:
        raise ValidationError(
            _("Nothing has been submitted for %(year)s yet; submit the declaration first.")
            % {"year": year}
        )
    data = compute(municipality, year)
    changes = diff(DeclarationData.from_declaration(previous), data)
    return _store(
        user,
        municipality,
        year,
        data,
        version=previous.version + 1,
        previous=previous,
        reason=reason.strip(),
        request=request,
        changes={
            "event": "corrected",
            "previous_total": str(previous.total),
            "components": {
                row["component"]: [str(row["old"]), str(row["new"])]
                for row in changes["components"]
            },
        },
    )


def record_export(
    user, municipality, year: int, fmt: str, *, declaration=None, request=None
) -> None:
    audit.record(
        user,
        AuditAction.EXPORT,
        declaration,
        object_type="declarations.Declaration",
        object_id=str(declaration.pk) if declaration else f"{municipality.code}-{year}-draft",
        object_repr=str(declaration) if declaration else f"{municipality} {year} draft",
        changes={
            "format": fmt,
            "year": year,
            "version": declaration.version if declaration else "draft",
        },
        request=request,
    )
