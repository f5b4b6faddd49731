"""Staff pages of the help app: the national editor (topics, their texts per
language, the organisations to contact, the feedback), a municipality's
administrator (its desks) and NGO staff (consultation hours and bookings)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from openopvang.core.mixins import AuditedFormMixin, AuditedListMixin, StaffRequiredMixin

from .. import newsletter, selectors, services
from ..forms import (
    AgencyForm,
    DeskForm,
    DocumentForm,
    DocumentVersionForm,
    HourForm,
    IssueForm,
    TopicForm,
    TopicTextForm,
)
from ..models import (
    CONTENT_LANGUAGES,
    Agency,
    Booking,
    ConsultationHour,
    Desk,
    Document,
    DocumentVersion,
    IssueStatus,
    NewsletterIssue,
    Topic,
    TopicText,
)
from ..permissions import is_desk_admin, is_editor, is_ngo_staff


class _Guarded(StaffRequiredMixin):
    """Refuses (403) before any lookup a user whose role never uses the page."""

    allowed = staticmethod(lambda user: False)
    refusal = gettext_lazy("Your role cannot use this page.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed(request.user):
            raise PermissionDenied(self.refusal)
        return super().dispatch(request, *args, **kwargs)


class EditorRequired(_Guarded):
    allowed = staticmethod(is_editor)
    refusal = gettext_lazy("Only the national editor can change the help pages.")


class DeskAdminRequired(_Guarded):
    allowed = staticmethod(is_desk_admin)
    refusal = gettext_lazy("Only the municipality's administrator can change its desks.")


class NgoStaffRequired(_Guarded):
    allowed = staticmethod(is_ngo_staff)
    refusal = gettext_lazy("Only NGO staff manage consultation hours.")


class _Heading:
    """The form page's heading: the record, or "New …" for a new one."""

    new_heading = gettext_lazy("New")

    def get_context_data(self, **kwargs):
        kwargs.setdefault(
            "heading", str(self.object) if getattr(self, "object", None) else self.new_heading
        )
        return super().get_context_data(**kwargs)


class StaffIndexView(StaffRequiredMixin, TemplateView):
    template_name = "help/staff_index.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            is_editor=is_editor(user),
            is_desk_admin=is_desk_admin(user),
            is_ngo_staff=is_ngo_staff(user),
            **kwargs,
        )


# --- the national editor --------------------------------------------------------


class TopicListView(EditorRequired, ListView):
    template_name = "help/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return selectors.topics()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (
                topic,
                [
                    (code, name, code in selectors.texts_of(topic))
                    for code, name in CONTENT_LANGUAGES
                ],
            )
            for topic in context["topics"]
        ]
        return context


class _ContentForm(EditorRequired, AuditedFormMixin, _Heading):
    template_name = "help/staff_form.html"
    success_message = gettext_lazy("%(object)s is saved.")

    def save(self, instance):
        return services.save_content(self.request.user, instance, request=self.request)


class TopicCreateView(_ContentForm, CreateView):
    model = Topic
    form_class = TopicForm

    def get_success_url(self):
        return reverse("help:topic_text", kwargs={"pk": self.object.pk, "lang": "nl"})


class TopicUpdateView(_ContentForm, UpdateView):
    model = Topic
    form_class = TopicForm
    success_url = reverse_lazy("help:topic_list")


class TopicTextView(_ContentForm, UpdateView):
    """The topic's title and answer in one language (made on first save)."""

    model = TopicText
    isolation_model = Topic
    form_class = TopicTextForm
    success_url = reverse_lazy("help:topic_list")

    def get_object(self, queryset=None):
        self.topic = get_object_or_404(Topic, pk=self.kwargs["pk"])
        language = self.kwargs["lang"]
        if language not in dict(CONTENT_LANGUAGES):
            raise PermissionDenied(_("This language is not offered."))
        return TopicText.objects.filter(topic=self.topic, language=language).first() or TopicText(
            topic=self.topic, language=language
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"{self.topic.code} — {dict(CONTENT_LANGUAGES)[self.kwargs['lang']]}", **kwargs
        )


class AgencyListView(EditorRequired, ListView):
    template_name = "help/agency_list.html"
    context_object_name = "agencies"

    def get_queryset(self):
        return selectors.agencies()


class AgencyCreateView(_ContentForm, CreateView):
    model = Agency
    form_class = AgencyForm
    success_url = reverse_lazy("help:agency_list")


class AgencyUpdateView(_ContentForm, UpdateView):
    model = Agency
    form_class = AgencyForm
    success_url = reverse_lazy("help:agency_list")


class FeedbackListView(EditorRequired, ListView):
    template_name = "help/feedback_list.html"
    context_object_name = "messages_"
    paginate_by = 50

    def get_queryset(self):
        return selectors.feedback()


# --- the document library ---------------------------------------------------------


class DocumentListView(EditorRequired, ListView):
    template_name = "help/document_list.html"
    context_object_name = "documents"

    def get_queryset(self):
        return selectors.documents()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (
                document,
                [
                    (code, name, code in selectors.versions_of(document))
                    for code, name in CONTENT_LANGUAGES
                ],
            )
            for document in context["documents"]
        ]
        return context


class _DocumentForm(EditorRequired, AuditedFormMixin, _Heading):
    model = Document
    form_class = DocumentForm
    template_name = "help/staff_form.html"
    new_heading = gettext_lazy("New document")
    success_message = gettext_lazy("%(object)s is saved.")

    def save(self, instance):
        return services.save_document(self.request.user, instance, request=self.request)


class DocumentCreateView(_DocumentForm, CreateView):
    def get_success_url(self):
        return reverse("help:document_version", kwargs={"pk": self.object.pk, "lang": "nl"})


class DocumentUpdateView(_DocumentForm, UpdateView):
    success_url = reverse_lazy("help:document_list")


class DocumentVersionView(EditorRequired, AuditedFormMixin, UpdateView):
    """The document in one language: title, summary, validity note, and a
    file or a link (made on first save)."""

    model = DocumentVersion
    isolation_model = Document
    form_class = DocumentVersionForm
    template_name = "help/document_version_form.html"
    success_url = reverse_lazy("help:document_list")
    success_message = gettext_lazy("%(object)s is saved.")

    def get_object(self, queryset=None):
        self.document = get_object_or_404(Document, pk=self.kwargs["pk"])
        language = self.kwargs["lang"]
        if language not in dict(CONTENT_LANGUAGES):
            raise PermissionDenied(_("This language is not offered."))
        return DocumentVersion.objects.filter(
            document=self.document, language=language
        ).first() or DocumentVersion(document=self.document, language=language)

    def save(self, instance):
        return services.save_document_version(
            self.request.user,
            instance,
            upload=self.request.FILES.get("upload"),
            request=self.request,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"{self.document} — {dict(CONTENT_LANGUAGES)[self.kwargs['lang']]}",
            cancel_url=reverse("help:document_list"),
            **kwargs,
        )


# --- the newsletter ------------------------------------------------------------------


class IssueListView(EditorRequired, ListView):
    template_name = "help/issue_list.html"
    context_object_name = "issues"
    paginate_by = 50

    def get_queryset(self):
        return selectors.issues()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            subscriber_counts=sorted(selectors.subscriber_counts().items()), **kwargs
        )


class _IssueForm(EditorRequired, AuditedFormMixin, _Heading):
    model = NewsletterIssue
    form_class = IssueForm
    template_name = "help/staff_form.html"
    new_heading = gettext_lazy("New newsletter issue")
    success_message = gettext_lazy("%(object)s is saved.")

    def save(self, instance):
        return newsletter.save_issue(self.request.user, instance, request=self.request)

    def get_success_url(self):
        return reverse("help:issue_detail", kwargs={"pk": self.object.pk})


class IssueCreateView(_IssueForm, CreateView):
    pass


class IssueUpdateView(_IssueForm, UpdateView):
    def get_queryset(self):
        return selectors.issues().filter(status=IssueStatus.DRAFT)


class IssueDetailView(EditorRequired, DetailView):
    """The issue as it will be sent, who receives it, the send button and,
    while it is being sent, the progress."""

    model = NewsletterIssue
    template_name = "help/issue_detail.html"
    context_object_name = "issue"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipients=newsletter.recipients(self.object).count(), **kwargs
        )


class IssueProgressView(EditorRequired, DetailView):
    """The progress box, polled by htmx while the issue is being sent."""

    model = NewsletterIssue
    template_name = "help/_issue_progress.html"
    context_object_name = "issue"

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.object.status != IssueStatus.SENDING:
            response["HX-Refresh"] = "true"
        return response


class IssueSendView(EditorRequired, View):
    model = NewsletterIssue
    http_method_names = ["post"]

    def post(self, request, pk):
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        try:
            newsletter.start_sending(request.user, issue, request=request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The issue is being sent in the background."))
        return HttpResponseRedirect(reverse("help:issue_detail", kwargs={"pk": pk}))


# --- a municipality's desks -------------------------------------------------------


class DeskListView(DeskAdminRequired, ListView):
    template_name = "help/desk_list.html"
    context_object_name = "desks"

    def get_queryset(self):
        return selectors.desks(self.request.user)


class _DeskForm(DeskAdminRequired, AuditedFormMixin, _Heading):
    new_heading = gettext_lazy("New desk")
    model = Desk
    form_class = DeskForm
    template_name = "help/staff_form.html"
    success_url = reverse_lazy("help:desk_list")
    success_message = gettext_lazy("%(object)s is saved.")

    def prepare(self, instance) -> None:
        if instance.pk is None:
            instance.municipality = self.request.user.organisation

    def save(self, instance):
        return services.save_desk(self.request.user, instance, request=self.request)


class DeskCreateView(_DeskForm, CreateView):
    pass


class DeskUpdateView(_DeskForm, UpdateView):
    def get_queryset(self):
        return selectors.desks(self.request.user)


# --- an NGO's consultation hours ---------------------------------------------------


class HourListView(NgoStaffRequired, ListView):
    template_name = "help/hour_list.html"
    context_object_name = "hours"

    def get_queryset(self):
        return selectors.upcoming_hours(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [(hour, services.places_left(hour)) for hour in context["hours"]]
        return context


class _HourForm(NgoStaffRequired, AuditedFormMixin, _Heading):
    new_heading = gettext_lazy("New consultation hour")
    model = ConsultationHour
    form_class = HourForm
    template_name = "help/staff_form.html"
    success_url = reverse_lazy("help:hour_list")
    success_message = gettext_lazy("%(object)s is saved.")

    def prepare(self, instance) -> None:
        if instance.pk is None:
            instance.ngo = self.request.user.organisation

    def save(self, instance):
        return services.save_hour(self.request.user, instance, request=self.request)


class HourCreateView(_HourForm, CreateView):
    pass


class HourUpdateView(_HourForm, UpdateView):
    def get_queryset(self):
        return selectors.hours(self.request.user)


class HourBookingsView(NgoStaffRequired, AuditedListMixin, ListView):
    """Who booked an hour: personal data, one audit event per page shown."""

    model = Booking
    isolation_model = ConsultationHour
    template_name = "help/hour_bookings.html"
    context_object_name = "bookings"

    def get_queryset(self):
        self.hour = get_object_or_404(selectors.hours(self.request.user), pk=self.kwargs["pk"])
        return selectors.bookings_of(self.request.user, self.hour)

    def get_context_data(self, **kwargs):
        return super().get_context_data(hour=self.hour, **kwargs)


class BookingCancelView(NgoStaffRequired, View):
    model = Booking
    http_method_names = ["post"]

    def post(self, request, pk):
        booking = get_object_or_404(Booking.objects.for_user(request.user), pk=pk)
        services.cancel_booking_by_staff(request.user, booking, request=request)
        messages.success(request, _("The booking is cancelled."))
        return HttpResponseRedirect(reverse("help:hour_bookings", kwargs={"pk": booking.hour_id}))
