"""The audit log for administrators: read-only list, detail and CSV export."""

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from openopvang.downloads import csv_lines, file_response

from . import selectors
from . import services as audit
from .forms import AuditFilterForm
from .models import AuditAction, AuditEvent

PAGE_SIZE = 50


def _scoped_events(request):
    if not selectors.can_read_audit_log(request.user):
        raise PermissionDenied
    return selectors.events_for_user(request.user)


def _filtered(request):
    events = _scoped_events(request)
    form = AuditFilterForm(
        request.GET or None, user=request.user, object_types=selectors.object_types(events)
    )
    filters = form.filters() if form.is_bound else {}
    return form, selectors.filter_events(events, **filters)


@login_required
@require_GET
def event_list(request):
    form, events = _filtered(request)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def event_detail(request, pk: int):
    event = get_object_or_404(_scoped_events(request), pk=pk)
    return render(
        request,
        "audit/event_detail.html",
        {
            "event": event,
            "rows": selectors.change_rows(event),
            "shown": event.shown_records(),
        },
    )


# The isolation walk (core/testing/isolation.py) finds the record by this
# attribute; set directly because audit sits below core (docs/architecture.md).
event_detail.isolation_model = AuditEvent


@login_required
@require_GET
def event_export(request):
    form, events = _filtered(request)
    audit.record(
        request.user,
        AuditAction.EXPORT,
        object_type="audit.AuditEvent",
        object_repr="audit log CSV",
        changes={"filters": request.GET.urlencode()},
        request=request,
    )
    header = [
        "id",
        "at",
        "user",
        "organisation",
        "action",
        "object_type",
        "object_id",
        "object",
        "changes",
        "channel",
        "ip_address",
        "shown",
    ]

    # Every field goes through the one formula guard (openopvang.downloads):
    # names, object descriptions and changes are typed by users.
    rows = (
        [
            event.pk,
            timezone.localtime(event.at).isoformat(),
            event.actor_name,
            event.organisation.code if event.organisation else "",
            event.action,
            event.object_type,
            event.object_id,
            event.object_repr,
            json.dumps(event.changes, ensure_ascii=False) if event.changes else "",
            event.channel,
            event.ip_address or "",
            event.shown.strip(),
        ]
        for event in events.iterator(chunk_size=2000)
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return file_response(
        csv_lines(header, rows),
        content_type="text/csv; charset=utf-8",
        filename=f"audit-log-{stamp}.csv",
    )
