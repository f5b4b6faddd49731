"""The subject access request of one person: a page with what is held, and
the PDF and JSON downloads (each download audited)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from openopvang.audit.selectors import events_for_user
from openopvang.core.documents import PDF
from openopvang.core.permissions import require_municipal_staff
from openopvang.downloads import file_response
from openopvang.registry.models import Person

from .. import documents, selectors, services
from ..permissions import can_manage_privacy
from ..subject import subject_export


def _person(request, pk):
    require_municipal_staff(request.user)
    person = selectors.person_for_user(request.user, pk)
    if not can_manage_privacy(request.user, person.municipality):
        raise PermissionDenied
    return person


@login_required
@require_GET
def subject_access(request, pk: int):
    person = _person(request, pk)
    export = subject_export(person, events_for_user(request.user))
    services.record_subject_export(request.user, person, "page", request=request)
    return render(
        request,
        "privacy/subject_access.html",
        {
            "person": person,
            "sections": [(s["label"], s["model"], len(s["rows"])) for s in export["records"]],
            "event_count": len(export["audit_events"]),
        },
    )


@login_required
@require_GET
def subject_access_json(request, pk: int):
    person = _person(request, pk)
    export = subject_export(person, events_for_user(request.user))
    services.record_subject_export(request.user, person, "json", request=request)
    return file_response(
        documents.subject_json(export),
        content_type="application/json",
        filename=f"subject-access-P{person.pk}.json",
    )


@login_required
@require_GET
def subject_access_pdf(request, pk: int):
    person = _person(request, pk)
    export = subject_export(person, events_for_user(request.user))
    services.record_subject_export(request.user, person, "pdf", request=request)
    return file_response(
        documents.subject_pdf(person, export),
        content_type=PDF,
        filename=f"subject-access-P{person.pk}.pdf",
    )


for _view in (subject_access, subject_access_json, subject_access_pdf):
    _view.isolation_model = Person
