"""/api/v1/letter-templates/, /api/v1/sent-letters/, /api/v1/letter-batches/
and /api/v1/letter-previews/, for the municipality's staff. Every change goes
through letters.services, with the permission predicates of the web pages
(letters.permissions): any staff member makes letters, coordinators and
administrators change the texts. Reads of letters and of a batch's errors
are audited, as their pages are."""

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from openopvang.core.api.problems import Conflict
from openopvang.core.api.viewsets import AuditedReadMixin
from openopvang.core.documents import PDF, file_response
from openopvang.registry.models import Person

from .. import documents, services
from ..models import LetterBatch, LetterTemplate, SentLetter
from ..permissions import can_edit_templates, can_send_letters
from . import filters, serializers

PDF_RESPONSE = {(200, "application/pdf"): OpenApiTypes.BINARY}


def _pdf(content: bytes, filename: str):
    return file_response(content, content_type=PDF, filename=filename, inline=True)


def _person(user, pk: int) -> Person:
    """A person of the caller's municipality; 400 naming the field otherwise
    (the same answer whether the id exists elsewhere or not at all)."""
    person = Person.objects.for_user(user).select_related("municipality").filter(pk=pk).first()
    if person is None:
        raise exceptions.ValidationError({"person": [serializers.NOT_YOURS]}, code="does_not_exist")
    return person


@extend_schema_view(
    list=extend_schema(summary="List the letter templates of your municipality"),
    retrieve=extend_schema(summary="Read a letter template with its current texts"),
)
class LetterTemplateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Letter templates of your municipality (a text per language, versioned)."""

    model = LetterTemplate
    read_permission = can_send_letters
    write_permission = can_edit_templates
    serializer_class = serializers.LetterTemplateSerializer
    filterset_class = filters.LetterTemplateFilter

    def get_queryset(self):
        return LetterTemplate.objects.for_user(self.request.user).order_by("letter_type", "id")

    @extend_schema(
        summary="Save a new version of the template of a letter type (coordinators and "
        "administrators); an unknown or missing placeholder is refused, named",
        request=serializers.LetterTemplateWriteSerializer,
        responses={201: serializers.LetterTemplateSerializer},
    )
    def create(self, request):
        form = serializers.LetterTemplateWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        version = services.save_template(
            request.user,
            request.user.organisation,
            data["letter_type"],
            {text["language"]: (text["subject"], text["body"]) for text in data["texts"]},
            note=data["note"],
            request=request,
        )
        template = self.get_queryset().get(pk=version.template_id)
        return Response(
            serializers.LetterTemplateSerializer(template).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="A saved version in one language as PDF, filled with sample data",
        parameters=[
            OpenApiParameter("language", str, required=True, description="nl, en, uk, ru or ar"),
            OpenApiParameter("version", int, description="The version's number (else the current)"),
        ],
        responses=PDF_RESPONSE,
    )
    @action(detail=True, methods=["get"])
    def preview(self, request, pk=None):
        template = self.get_object()
        versions = template.versions.order_by("-number")
        number = request.query_params.get("version", "")
        version = versions.filter(number=number).first() if number.isdigit() else versions.first()
        language = request.query_params.get("language", "")
        text = version.text_for(language) if version else None
        if text is None:
            raise exceptions.ValidationError({"language": [serializers.NO_TEXT]})
        data = documents.sample_data(
            request.user.organisation, template.type, language, timezone.localdate()
        )
        content = documents.render_pdf(template.type, text, data)
        return _pdf(content, f"{template.letter_type}-v{version.number}-{language}.pdf")


@extend_schema_view(
    list=extend_schema(summary="List letters made for your municipality's persons (?person=)"),
    retrieve=extend_schema(summary="Read a letter made for a person"),
)
class SentLetterViewSet(
    AuditedReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Letters made for your municipality's persons: the letters per person
    (filter by person), kept with their template version, language and data."""

    model = SentLetter
    read_permission = write_permission = can_send_letters
    serializer_class = serializers.SentLetterSerializer
    filterset_class = filters.SentLetterFilter
    audit_person_attr = "person_id"

    def get_queryset(self):
        return (
            SentLetter.objects.for_user(self.request.user)
            .select_related("version")
            .order_by("-sent_at", "-id")
        )

    @extend_schema(
        summary="Make a letter for a person, kept on the person's page; by e-mail it is "
        "sent at once (delivery says whether it arrived)",
        request=serializers.LetterRequestSerializer,
        responses={201: serializers.SentLetterSerializer},
    )
    def create(self, request):
        form = serializers.LetterRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        letter, _pdf_bytes = services.make_letter(
            request.user,
            _person(request.user, data["person"]),
            data["letter_type"],
            language=data.get("language") or None,
            asked=data["asked"],
            channel=data["channel"],
            request=request,
            render=False,
        )
        letter = self.get_queryset().get(pk=letter.pk)
        return Response(
            serializers.SentLetterSerializer(letter).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="The letter as PDF, rendered again as it was made", responses=PDF_RESPONSE
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        letter = self.get_object()
        content = services.letter_pdf(request.user, letter, request=request)
        return _pdf(content, f"{letter.letter_type}-{letter.person_id}-{letter.pk}.pdf")

    @extend_schema(
        summary="Send a letter by e-mail again that was not delivered",
        request=None,
        responses={200: serializers.SentLetterSerializer},
    )
    @action(detail=True, methods=["post"])
    def resend(self, request, pk=None):
        letter = services.resend_letter(request.user, self.get_object(), request=request)
        return Response(serializers.SentLetterSerializer(letter).data)


@extend_schema_view(
    create=extend_schema(
        summary="A letter for a person as PDF, as it would be sent, not kept (the reading "
        "of the person's data is audited)",
        request=serializers.LetterPreviewSerializer,
        responses=PDF_RESPONSE,
    )
)
class LetterPreviewViewSet(viewsets.GenericViewSet):
    """Previews of a letter for one person in the person's (or a chosen) language."""

    read_permission = write_permission = can_send_letters
    serializer_class = serializers.LetterPreviewSerializer

    def get_queryset(self):
        return SentLetter.objects.none()

    def create(self, request):
        form = serializers.LetterPreviewSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        person = _person(request.user, data["person"])
        content = services.preview_letter(
            request.user,
            person,
            data["letter_type"],
            language=data.get("language") or None,
            asked=data["asked"],
            request=request,
        )
        return _pdf(content, f"preview-{data['letter_type']}-{person.pk}.pdf")


@extend_schema_view(
    list=extend_schema(summary="List the letter batches of your municipality"),
    retrieve=extend_schema(summary="A batch's progress and the letters that could not be made"),
)
class LetterBatchViewSet(
    AuditedReadMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Letters of one type for many persons, made in the background: poll a
    batch for its progress, download the print run (PDF) or a PDF per letter
    (ZIP) when it is done, or stop it."""

    model = LetterBatch
    read_permission = write_permission = can_send_letters
    serializer_class = serializers.LetterBatchSerializer
    filterset_fields = ["status", "letter_type", "channel"]

    def get_queryset(self):
        return LetterBatch.objects.for_user(self.request.user).order_by("-created_at", "-id")

    def audit_shown(self, objects):
        # The errors name persons (and why their letter was not made).
        return [
            *objects,
            *(
                ("registry.Person", error["person"])
                for batch in objects
                for error in batch.errors
                if error.get("person")
            ),
        ]

    @extend_schema(
        summary="Start a batch: a letter of one type for each person given, in order; a "
        "person whose letter cannot be made is listed with the reason",
        request=serializers.LetterBatchWriteSerializer,
        responses={201: serializers.LetterBatchSerializer},
    )
    def create(self, request):
        form = serializers.LetterBatchWriteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        ids = list(dict.fromkeys(data["persons"]))
        found = Person.objects.for_user(request.user).filter(pk__in=ids).in_bulk()
        missing = [pk for pk in ids if pk not in found]
        if missing:
            raise exceptions.ValidationError(
                {"persons": [serializers.not_yours(missing)]}, code="does_not_exist"
            )
        batch = services.start_batch(
            request.user,
            data["letter_type"],
            [found[pk] for pk in ids],
            asked=data["asked"],
            channel=data["channel"],
            request=request,
        )
        return Response(
            serializers.LetterBatchSerializer(batch).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Stop a batch after the letter being made; the files keep the letters made",
        request=None,
        responses={200: serializers.LetterBatchSerializer},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        batch = services.cancel_batch(request.user, self.get_object(), request=request)
        return Response(serializers.LetterBatchSerializer(batch).data)

    def _file(self, request, kind: str, content_type: str):
        batch = self.get_object()
        try:
            handle = services.batch_file(request.user, batch, kind, request=request)
        except ValidationError as error:  # not made (yet): the batch's state, not the request
            raise Conflict(" ".join(error.messages)) from error
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"letters-batch-{batch.pk}.{kind}",
            content_type=content_type,
        )
        response["Cache-Control"] = "no-store"
        return response

    @extend_schema(summary="The batch's letters in one PDF, for print", responses=PDF_RESPONSE)
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        return self._file(request, "pdf", PDF)

    @extend_schema(
        summary="The batch's letters as one PDF each, in a ZIP",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"])
    def zip(self, request, pk=None):
        return self._file(request, "zip", "application/zip")
