"""The public help pages (no login, no personal data shown), in Dutch,
English, Ukrainian or Russian as core.languages chose. Plain links and GET
forms: the questionnaire works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from openopvang.accounts.models import Organisation
from openopvang.downloads import content_disposition

from .. import mail, newsletter, selectors, services
from ..forms import BookingForm, CancelWithCodeForm, FeedbackForm, SubscribeForm
from ..models import (
    Audience,
    BookingStatus,
    ConsultationHour,
    Desk,
    Document,
    DocumentVersion,
    IssueStatus,
    NewsletterIssue,
    Topic,
    retention_days,
)


def _with_lang(url: str, language: str) -> str:
    return f"{url}?lang={language}"


def _page(request, template, context):
    context.setdefault("feedback_form", FeedbackForm(initial={"page": request.get_full_path()}))
    context.setdefault("language", translation.get_language())
    return render(request, template, context)


def index(request):
    """Step 1 "I am a …", step 2 "my question is about …" (``?audience=``)."""
    language = translation.get_language()
    audience = request.GET.get("audience", "")
    if audience not in Audience.values:
        audience = ""
    municipalities = Organisation.objects.filter(
        pk__in=Desk.objects.values("municipality")
    ).order_by("name")
    return _page(
        request,
        "help/public_index.html",
        {
            "audience": audience,
            "audience_label": Audience(audience).label if audience else "",
            "audiences": Audience.choices,
            "topics": selectors.shown_topics(language, audience) if audience else [],
            "municipalities": municipalities,
        },
    )


def find_municipality(request):
    """The GET form of the index: to the chosen municipality's page."""
    code = request.GET.get("code", "")
    municipality = get_object_or_404(Organisation.objects.municipalities(), code=code.upper())
    return HttpResponseRedirect(
        reverse("help_public:municipality", kwargs={"code": municipality.code})
    )


def topic(request, code):
    language = translation.get_language()
    found = get_object_or_404(
        Topic.objects.select_related("agency").prefetch_related("texts"), code=code
    )
    return _page(
        request,
        "help/public_topic.html",
        {
            "text": selectors.topic_text(found, language),
            "agency": found.agency,
            "hours": selectors.public_hours(topic=found.code)[:10],
        },
    )


def municipality(request, code):
    found = get_object_or_404(Organisation.objects.municipalities(), code=code.upper())
    return _page(
        request,
        "help/public_municipality.html",
        {"municipality": found, "desks": selectors.desks_of(found)},
    )


def feedback(request):
    """POST from the feedback box of every page; back to that page with a message."""
    if request.method != "POST":
        return HttpResponseRedirect(reverse("help_public:index"))
    form = FeedbackForm(request.POST)
    page = request.POST.get(form.add_prefix("page"), "")
    if not (
        page.startswith("/public/")
        and url_has_allowed_host_and_scheme(page, allowed_hosts={request.get_host()})
    ):
        page = reverse("help_public:index")
    if form.is_bot:
        # Said as to a person, stored nowhere.
        messages.success(request, _("Thank you. The editors read every message."))
        return HttpResponseRedirect(page)
    if not form.is_valid():
        messages.error(request, _("Write a message before sending."))
        return HttpResponseRedirect(page)
    try:
        services.leave_feedback(
            page=page,
            language=translation.get_language(),
            message=form.cleaned_data["message"],
            request=request,
        )
    except services.RateLimited as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Thank you. The editors read every message."))
    return HttpResponseRedirect(page)


def consultations(request):
    """Upcoming consultation hours, filtered by language (GET form)."""
    language = translation.get_language()
    chosen = request.GET.get("in", language)
    hours = selectors.public_hours(language=chosen if chosen != "all" else "")
    return _page(
        request,
        "help/public_consultations.html",
        {
            "hours": [(hour, services.places_left(hour)) for hour in hours],
            "chosen": chosen,
        },
    )


class BookView(View):
    """Book a place: name and a phone number or an e-mail address, no account."""

    isolation_public = True  # anyone may book; the page shows no booking of anyone
    model = ConsultationHour

    def hour(self):
        return get_object_or_404(ConsultationHour.objects.published(), pk=self.kwargs["pk"])

    def render(self, request, hour, form, status=200):
        response = _page(
            request,
            "help/public_book.html",
            {
                "hour": hour,
                "form": form,
                "places_left": services.places_left(hour),
                "retention_days": retention_days(),
            },
        )
        response.status_code = status
        return response

    def get(self, request, pk):
        return self.render(request, self.hour(), BookingForm())

    def post(self, request, pk):
        hour = self.hour()
        form = BookingForm(request.POST)
        if form.is_bot:
            return self.render(request, hour, BookingForm(), status=400)
        if not form.is_valid():
            return self.render(request, hour, form, status=400)
        language = translation.get_language()
        try:
            booking, token = services.book(
                hour.pk,
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                language=language,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render(request, hour, form, status=409)
        url = reverse("help_public:booking", kwargs={"token": token})
        return HttpResponseRedirect(_with_lang(url, booking.language))


def _booking_or_404(token):
    booking = services.find_booking(token)
    if booking is None:
        raise Http404(_("This link is not valid."))
    return booking


def booking(request, token):
    """The confirmation: when, how, the ICS file and the cancel link. Shows no
    name, phone number or e-mail address (whoever has the link sees the page)."""
    found = _booking_or_404(token)
    return _page(
        request,
        "help/public_booking.html",
        {
            "booking": found,
            "hour": found.hour,
            "token": token,
            "code": services.shown_code(found, token),
            "cancelled": found.status == BookingStatus.CANCELLED,
            "retention_days": retention_days(),
        },
    )


def booking_ics(request, token):
    found = _booking_or_404(token)
    if found.status != BookingStatus.BOOKED:
        raise Http404(_("This booking has been cancelled."))
    body = mail.ics_for(found, token, mail.base_url(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="consultation.ics"'
    return response


def booking_cancel(request, token):
    """GET asks to confirm, POST cancels; the link works once. A wrong token is
    404, a used one 410, each with a message in the page's language."""
    if request.method == "POST":
        try:
            found = services.cancel_booking(token, request=request)
        except ValidationError as error:
            used = error.code == "used"
            return _refused(request, error.messages[0], status=410 if used else 404)
        return _page(request, "help/public_cancelled.html", {"booking": found})
    found = _booking_or_404(token)
    if found.status != BookingStatus.BOOKED:
        return _refused(
            request,
            _("This booking has already been cancelled; the link cannot be used again."),
            status=410,
        )
    return _page(request, "help/public_cancel.html", {"booking": found, "hour": found.hour})


class CancelWithCodeView(View):
    """Cancel with the phone number and the short code of the confirmation
    (for a booker who has no e-mail and lost the page): works once, limited
    in tries per address and per phone number."""

    isolation_public = True  # anyone may try; the page shows no booking of anyone
    model = ConsultationHour

    def render(self, request, form, status=200):
        response = _page(request, "help/public_cancel_with_code.html", {"form": form})
        response.status_code = status
        return response

    def get(self, request):
        return self.render(request, CancelWithCodeForm())

    def post(self, request):
        form = CancelWithCodeForm(request.POST)
        if form.is_bot:
            return self.render(request, CancelWithCodeForm(), status=400)
        if not form.is_valid():
            return self.render(request, form, status=400)
        try:
            found = services.cancel_with_code(
                form.cleaned_data["phone"], form.cleaned_data["code"], request=request
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            status = {"limited": 429, "used": 410}.get(error.code, 400)
            return self.render(request, form, status=status)
        return _page(request, "help/public_cancelled.html", {"booking": found})


def _refused(request, message, *, status):
    response = _page(request, "help/public_cancelled.html", {"error": message})
    response.status_code = status
    return response


def documents(request):
    """The library: per audience and topic, searchable, in the reader's
    language (Dutch where a document has no version in it)."""
    language = translation.get_language()
    audience = request.GET.get("audience", "")
    if audience not in Audience.values:
        audience = ""
    topic = request.GET.get("topic", "")
    query = request.GET.get("q", "").strip()[:100]
    return _page(
        request,
        "help/public_documents.html",
        {
            "items": selectors.shown_documents(
                language, audience=audience, topic=topic, query=query
            ),
            "audiences": Audience.choices,
            "audience": audience,
            "topic": topic,
            "query": query,
            "topic_choices": selectors.shown_topics(language),
        },
    )


class DocumentDownloadView(View):
    """An uploaded document: served with the content type its checked kind
    has (never the one the uploader's browser claimed), as an attachment under
    the uploader's file name, and not sniffed by the browser."""

    isolation_public = True  # public documents, no personal data
    model = Document

    def get(self, request, pk, lang):
        version = get_object_or_404(
            DocumentVersion.objects.exclude(stored_name=""), document_id=pk, language=lang
        )
        try:
            handle = default_storage.open(version.stored_name, "rb")
        except FileNotFoundError as error:
            raise Http404(_("This document is no longer available.")) from error
        response = FileResponse(handle, content_type=version.content_type)
        response["Content-Disposition"] = content_disposition(version.file_name or "document")
        response["Content-Length"] = str(version.size)
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- the newsletter --------------------------------------------------------------


def newsletter_archive(request):
    """The sent issues in the reader's language, the feeds, and the form to subscribe."""
    language = translation.get_language()
    return _page(
        request,
        "help/public_newsletter.html",
        {
            "issues": selectors.sent_issues(language),
            "form": SubscribeForm(initial={"language": language}),
        },
    )


class NewsletterIssueView(View):
    isolation_public = True  # a sent issue is public; a draft is 404
    model = NewsletterIssue

    def get(self, request, pk):
        issue = get_object_or_404(NewsletterIssue, pk=pk, status=IssueStatus.SENT)
        return _page(request, "help/public_newsletter_issue.html", {"issue": issue})


def newsletter_subscribe(request):
    if request.method != "POST":
        return HttpResponseRedirect(reverse("help_public:newsletter"))
    form = SubscribeForm(request.POST)
    language = translation.get_language()
    done = _(
        "Thank you. If this address is not subscribed yet, you will receive an e-mail with a link to confirm."  # noqa: E501
    )
    if form.is_bot:
        messages.success(request, done)
        return HttpResponseRedirect(_with_lang(reverse("help_public:newsletter"), language))
    if not form.is_valid():
        response = _page(
            request,
            "help/public_newsletter.html",
            {"issues": selectors.sent_issues(language), "form": form},
        )
        response.status_code = 400
        return response
    try:
        newsletter.subscribe(
            form.cleaned_data["email"], form.cleaned_data["language"], request=request
        )
    except services.RateLimited as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return HttpResponseRedirect(_with_lang(reverse("help_public:newsletter"), language))


def newsletter_confirm(request, token):
    """GET shows a button (a mail scanner that opens the link confirms
    nothing), POST confirms."""
    try:
        if request.method == "POST":
            newsletter.confirm(token)
            return _page(request, "help/public_newsletter_done.html", {"confirmed": True})
        newsletter.check_confirm_token(token)
    except ValidationError as error:
        return _refused_newsletter(request, error)
    return _page(request, "help/public_newsletter_done.html", {"ask_confirm": True})


# The one-click POST of a mail client (RFC 8058) has no CSRF token; the signed token is the key.
@csrf_exempt
def newsletter_unsubscribe(request, token):
    try:
        if request.method == "POST":
            newsletter.unsubscribe(token)
            return _page(request, "help/public_newsletter_done.html", {"unsubscribed": True})
        newsletter.check_unsubscribe_token(token)
    except ValidationError as error:
        return _refused_newsletter(request, error)
    return _page(request, "help/public_newsletter_done.html", {"ask_unsubscribe": True})


def _refused_newsletter(request, error):
    response = _page(request, "help/public_newsletter_done.html", {"error": error.messages[0]})
    response.status_code = 404
    return response
