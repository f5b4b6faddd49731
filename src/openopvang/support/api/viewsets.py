"""API of the support-services capability. Reads go through the scoped
selectors (another organisation gets 404); changes go through services (one
transaction, audited, role-checked: a wrong role gets 403)."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from openopvang.audit import services as audit
from openopvang.core.documents import PDF, XLSX, file_response
from openopvang.registry.models import Person

from .. import selectors, services
from ..documents import invoice_pdf, invoice_xlsx
from ..models import Service
from . import filters
from .serializers import (
    DeclineSerializer,
    DeliverySerializer,
    DisputeSerializer,
    EndEnrolmentSerializer,
    EnrolmentSerializer,
    InvoiceSerializer,
    OfferSerializer,
    OrderSerializer,
    ParticipantSerializer,
    ServiceSerializer,
)


class IsSupportStaff(BasePermission):
    """Authenticated staff of an organisation. Which role may change what is
    decided by the support services (PermissionDenied → 403)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.organisation_id)


def record_participant_view(request, obj_type: str, person_ids, **extra) -> None:
    """A view of participants' personal data (names, contact details): one
    audited read naming the persons shown (audit.services.record_read)."""
    audit.record_read(
        request.user,
        [("registry.Person", pk) for pk in sorted({pk for pk in person_ids if pk is not None})],
        object_type=obj_type,
        request=request,
        extra=extra,
    )


class SupportViewSet(viewsets.GenericViewSet):
    permission_classes = [IsSupportStaff]


class ServiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    SupportViewSet,
):
    """The NGO catalogue. Every staff member reads it; the providing NGO changes it."""

    serializer_class = ServiceSerializer
    filterset_class = filters.ServiceFilter
    # The catalogue holds no personal data and every organisation may read it
    # (municipalities choose from it); only its provider changes it.
    isolation_public = True

    def get_queryset(self):
        if self.action in ("update", "partial_update"):
            # Changes: only the provider's own services exist for the caller (404).
            return selectors.own_services(self.request.user)
        return selectors.services_for(self.request.user)

    def _texts(self, data):
        return {text["language"]: text for text in data.pop("texts", [])}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        texts = self._texts(data)
        service = services.save_service(
            self.request.user, Service(**data), texts, request=self.request
        )
        serializer.instance = service

    def perform_update(self, serializer):
        service = serializer.instance
        data = dict(serializer.validated_data)
        texts = self._texts(data) if "texts" in serializer.validated_data else {}
        for key, value in data.items():
            setattr(service, key, value)
        serializer.instance = services.save_service(
            self.request.user, service, texts, request=self.request
        )


class OfferViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    SupportViewSet,
):
    """Tailored offers. The NGO makes, changes (while draft) and sends them;
    the addressed municipality accepts or declines them."""

    serializer_class = OfferSerializer
    filterset_class = filters.OfferFilter

    def get_queryset(self):
        return selectors.offers_for(self.request.user).prefetch_related("lines__service")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.create_offer(
            self.request.user,
            municipality=data["municipality"],
            title=data["title"],
            notes=data.get("notes", ""),
            lines=data.get("lines", []),
            request=self.request,
        )

    @transaction.atomic
    def perform_update(self, serializer):
        offer = serializer.instance
        data = dict(serializer.validated_data)
        lines = data.pop("lines", None)
        data.pop("municipality", None)
        services.update_offer(self.request.user, offer, request=self.request, **data)
        if lines is not None:
            for line in list(offer.lines.all()):
                services.delete_offer_line(self.request.user, line, request=self.request)
            for values in lines:
                services.add_offer_line(self.request.user, offer, request=self.request, **values)

    def _respond(self, offer):
        offer = self.get_queryset().get(pk=offer.pk)
        return Response(OfferSerializer(offer, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        offer = services.send_offer(request.user, self.get_object(), request=request)
        return self._respond(offer)

    @extend_schema(request=None, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        order = services.accept_offer(request.user, self.get_object(), request=request)
        return self._respond(order.offer)

    @extend_schema(request=DeclineSerializer, responses=OfferSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        offer = self.get_object()  # 404 before anything else
        payload = DeclineSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        offer = services.decline_offer(
            request.user, offer, reason=payload.validated_data["reason"], request=request
        )
        return self._respond(offer)


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, SupportViewSet):
    """Orders (contracts) with budget and units used and left per line."""

    serializer_class = OrderSerializer
    filterset_class = filters.OrderFilter

    def get_queryset(self):
        return selectors.orders_for(self.request.user)


class ParticipantViewSet(SupportViewSet):
    """Persons enrolled in support services, with only the fields an NGO
    needs: names in both scripts, languages, phone, e-mail, household size.
    Every read is audited."""

    serializer_class = ParticipantSerializer
    queryset = Person.objects.none()  # for the schema; reads go through selectors
    lookup_value_regex = r"\d+"

    @extend_schema(responses=ParticipantSerializer(many=True))
    def list(self, request):
        rows = selectors.participants_for(request.user)
        page = self.paginate_queryset(rows)
        record_participant_view(request, "registry.Person", [row["id"] for row in page])
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)

    @extend_schema(responses=ParticipantSerializer)
    def retrieve(self, request, pk=None):
        rows = [row for row in selectors.participants_for(request.user) if str(row["id"]) == pk]
        if not rows:
            from django.http import Http404

            raise Http404
        record_participant_view(request, "registry.Person", [rows[0]["id"]])
        return Response(ParticipantSerializer(rows[0]).data)


class EnrolmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, SupportViewSet
):
    """Enrolment of persons in an order line. The municipality enrols persons
    from its registry; the NGO can enrol persons already enrolled with it. A
    person whose age on the enrolment date is outside the service's target
    group is refused with 400 (`confirm_outside_target_group`) until it is
    sent again with `confirm_outside_target_group: true`."""

    serializer_class = EnrolmentSerializer
    filterset_class = filters.EnrolmentFilter

    def get_queryset(self):
        return selectors.enrolments_for(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        record_participant_view(
            request,
            "support.Enrolment",
            [row["participant"]["id"] for row in response.data["results"]],
        )
        return response

    def retrieve(self, request, *args, **kwargs):
        enrolment = self.get_object()
        audit.record_view(request.user, enrolment, request=request)
        return Response(self.get_serializer(enrolment).data)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.enrol(
            self.request.user,
            data["order_line"],
            data["person"],
            enrolled_on=data.get("enrolled_on"),
            confirm_outside_target_group=data.get("confirm_outside_target_group", False),
            request=self.request,
        )

    @extend_schema(request=EndEnrolmentSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        enrolment = self.get_object()  # 404 before anything else
        payload = EndEnrolmentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        enrolment = services.end_enrolment(
            request.user, enrolment, ended_on=payload.validated_data["ended_on"], request=request
        )
        return Response(self.get_serializer(enrolment).data)


class DeliveryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    SupportViewSet,
):
    """Delivery: sessions with attendance (or hours) per participant. A
    registration that would exceed the ordered units or budget is refused with
    400 (`confirm_exceeding`) until it is sent again with
    `confirm_exceeding: true`."""

    serializer_class = DeliverySerializer
    filterset_class = filters.DeliveryFilter

    def get_queryset(self):
        return selectors.sessions_for(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        ids = [
            a["participant"]["id"] for row in response.data["results"] for a in row["attendance"]
        ]
        record_participant_view(request, "support.Session", ids)
        return response

    def retrieve(self, request, *args, **kwargs):
        session = self.get_object()
        audit.record_view(request.user, session, request=request)
        return Response(self.get_serializer(session).data)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.register_session(
            self.request.user,
            data["order_line"],
            date=data["date"],
            hours=data.get("hours") or 0,
            description=data.get("description", ""),
            attendance=[(a["enrolment"], a.get("hours")) for a in data.get("attendances", [])],
            confirm_exceeding=data.get("confirm_exceeding", False),
            request=self.request,
        )

    def perform_destroy(self, instance):
        services.delete_session(self.request.user, instance, request=self.request)


class InvoiceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, SupportViewSet
):
    """Monthly invoices per order. POST {order, month} makes (or, while draft,
    remakes) the invoice from registered delivery, once the month has ended
    (earlier only with `interim: true`); the NGO sends it; the
    municipality's finance officer approves or disputes each line."""

    serializer_class = InvoiceSerializer
    filterset_class = filters.InvoiceFilter

    def get_queryset(self):
        return selectors.invoices_for(self.request.user).prefetch_related("lines__sessions")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        invoice = services.generate_invoice(
            request.user,
            data["order"],
            data["month"],
            interim=data.get("interim", False),
            request=request,
        )
        invoice = self.get_queryset().get(pk=invoice.pk)
        return Response(self.get_serializer(invoice).data, status=status.HTTP_201_CREATED)

    def _respond(self, invoice):
        invoice = self.get_queryset().get(pk=invoice.pk)
        return Response(self.get_serializer(invoice).data)

    @extend_schema(request=None, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._respond(
            services.send_invoice(request.user, self.get_object(), request=request)
        )

    def _line(self, invoice, line_id):
        return get_object_or_404(invoice.lines.all(), pk=line_id)

    @extend_schema(request=None, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"], url_path=r"lines/(?P<line_id>\d+)/approve")
    def approve_line(self, request, pk=None, line_id=None):
        invoice = self.get_object()
        services.approve_invoice_line(request.user, self._line(invoice, line_id), request=request)
        return self._respond(invoice)

    @extend_schema(request=DisputeSerializer, responses=InvoiceSerializer)
    @action(detail=True, methods=["post"], url_path=r"lines/(?P<line_id>\d+)/dispute")
    def dispute_line(self, request, pk=None, line_id=None):
        invoice = self.get_object()
        payload = DisputeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.dispute_invoice_line(
            request.user,
            self._line(invoice, line_id),
            reason=payload.validated_data["reason"],
            request=request,
        )
        return self._respond(invoice)

    @extend_schema(responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        invoice = self.get_object()
        services.record_export(request.user, invoice, "pdf", request=request)
        return file_response(
            invoice_pdf(invoice), content_type=PDF, filename=f"{invoice.number}.pdf"
        )

    @extend_schema(
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiResponse(OpenApiTypes.BINARY)
        }
    )
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk=None):
        invoice = self.get_object()
        services.record_export(request.user, invoice, "xlsx", request=request)
        return file_response(
            invoice_xlsx(invoice), content_type=XLSX, filename=f"{invoice.number}.xlsx"
        )
