"""/api/v1/cases/, /api/v1/case-situations/, /api/v1/case-deadlines/,
/api/v1/case-decisions/: for the municipality's caseworkers, coordinators and
administrators. Every read is audited (case data is sensitive); every write
goes through casework.services, the same use cases as the web forms, with
the same permission checks, validation and audit events.

A case is versioned (ADR 0014): its GET gives an ETag, and PATCH (assign) and
POST close with an If-Match that is no longer the stored version are 412."""

from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from openopvang.audit import services as audit
from openopvang.core.api.problems import PreconditionFailed
from openopvang.core.api.schema import IF_MATCH_DESCRIPTION
from openopvang.core.api.viewsets import AuditedReadMixin, ScopedModelViewSet, etag, if_match_tags

from .. import selectors, services
from ..models import (
    Case,
    Deadline,
    Decision,
    Departure,
    EvictionStep,
    Situation,
    Transfer,
    TransferBlocker,
)
from ..permissions import can_work_cases
from . import filters, serializers

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description=IF_MATCH_DESCRIPTION,
)


class CaseworkAuditMixin(AuditedReadMixin):
    read_permission = can_work_cases
    write_permission = can_work_cases

    def audit_shown(self, objects) -> list:
        # A situation, deadline or decision is about the case's person: name them too.
        shown = super().audit_shown(objects)
        return shown + [
            ("registry.Person", obj.case.person_id) for obj in objects if hasattr(obj, "case")
        ]

    def _input(self, serializer_class):
        given = serializer_class(data=self.request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        return given.validated_data

    def _answer(self, instance, status_code=status.HTTP_200_OK, serializer_class=None):
        instance = self.get_queryset().get(pk=instance.pk)
        serializer_class = serializer_class or self.serializer_class
        data = serializer_class(instance, context=self.get_serializer_context()).data
        return Response(data, status=status_code)


class CaseworkReadViewSet(CaseworkAuditMixin, viewsets.ReadOnlyModelViewSet):
    model = None

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)


@extend_schema_view(
    create=extend_schema(
        summary="Open a case for a person, with its first situation",
        request=serializers.CaseOpenSerializer,
        responses={201: serializers.CaseSerializer},
    ),
    partial_update=extend_schema(
        summary="Assign the case to a caseworker",
        request=serializers.CaseAssignSerializer,
        responses={200: serializers.CaseSerializer},
    ),
)
class CaseViewSet(CaseworkAuditMixin, ScopedModelViewSet):
    """Cases of your municipality, with each one's current situation and next deadline."""

    model = Case
    serializer_class = serializers.CaseSerializer
    filterset_class = filters.CaseFilter
    ordering_fields = ["opened_on", "next_due"]
    ordering = ["-opened_on", "-id"]
    audit_person_attr = "person_id"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def scoped_queryset(self, queryset):
        return selectors.with_current(queryset)

    def _based_on_current_version(self, case) -> None:
        # POST actions that change the case honour If-Match like PATCH does.
        tags = if_match_tags(self.request)
        if tags is not None and "*" not in tags and etag(case.version) not in tags:
            raise PreconditionFailed()

    def _case_answer(self, case, status_code=status.HTTP_200_OK):
        response = self._answer(case, status_code)
        self.response_version = Case.objects.get(pk=case.pk).version
        response["ETag"] = etag(self.response_version)
        return response

    def create(self, request, *args, **kwargs):
        data = self._input(serializers.CaseOpenSerializer)
        case = services.open_case(request.user, data.pop("person"), request=request, **data)
        return self._case_answer(case, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        case = self.get_object()  # checks If-Match
        data = self._input(serializers.CaseAssignSerializer)
        services.assign_case(request.user, case, data["caseworker"], request=request)
        return self._case_answer(case)

    @extend_schema(
        summary="Close the case",
        parameters=[IF_MATCH],
        request=serializers.CaseCloseSerializer,
        responses={200: serializers.CaseSerializer},
    )
    @action(detail=True, methods=["post"], serializer_class=serializers.CaseCloseSerializer)
    def close(self, request, pk=None):
        """Close the case on `closed_on` (the person's last day in municipal
        reception) with a closure reason; its open deadlines stop applying."""
        case = self.get_object()
        self._based_on_current_version(case)
        data = self._input(serializers.CaseCloseSerializer)
        services.close_case(
            request.user,
            case,
            closed_on=data["closed_on"],
            reason=data["closure_reason"],
            note=data["closure_note"],
            request=request,
        )
        return self._case_answer(case)

    def get_serializer_class(self):
        if self.action == "close":
            return serializers.CaseSerializer
        return super().get_serializer_class()


@extend_schema_view(
    create=extend_schema(
        summary="Record a change of situation",
        request=serializers.SituationCreateSerializer,
        responses={201: serializers.SituationSerializer},
    )
)
class SituationViewSet(CaseworkAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The situation history of your municipality's cases. Append-only: a
    change is a new entry after the current one."""

    model = Situation
    serializer_class = serializers.SituationSerializer
    filterset_class = filters.SituationFilter
    ordering = ["case", "start_date", "id"]

    def get_queryset(self):
        return Situation.objects.for_user(self.request.user)

    def create(self, request, *args, **kwargs):
        data = self._input(serializers.SituationCreateSerializer)
        situation = services.record_situation(
            request.user, data.pop("case"), request=request, **data
        )
        return self._answer(situation, status.HTTP_201_CREATED)


class DeadlineViewSet(CaseworkReadViewSet):
    """Deadlines derived from the cases' situations (never typed by hand);
    a suspension or extension moves them."""

    model = Deadline
    serializer_class = serializers.DeadlineSerializer
    filterset_class = filters.DeadlineFilter
    ordering_fields = ["due_date"]
    ordering = ["due_date", "id"]

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("case")
            .prefetch_related("suspensions", "extensions")
        )

    def get_serializer_class(self):
        if self.action in ("suspend", "end_suspension", "extend"):
            return serializers.DeadlineSerializer
        return super().get_serializer_class()

    @extend_schema(
        summary="Suspend the deadline: stop its clock",
        request=serializers.SuspendSerializer,
        responses={201: serializers.DeadlineSerializer},
    )
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        """Stop the clock from `start_date` (to `end_date`, or until the
        suspension is ended); the deadline moves by the suspended days. The
        answer is the deadline with its new dates."""
        deadline = self.get_object()
        data = self._input(serializers.SuspendSerializer)
        services.suspend_deadline(request.user, deadline, request=request, **data)
        return self._answer(deadline, status.HTTP_201_CREATED)

    @extend_schema(
        summary="End the deadline's open suspension",
        request=serializers.EndSuspensionSerializer,
        responses={200: serializers.DeadlineSerializer},
    )
    @action(detail=True, methods=["post"], url_path="end-suspension")
    def end_suspension(self, request, pk=None):
        """The clock runs again after `end_date`; the deadline is recomputed."""
        deadline = self.get_object()
        data = self._input(serializers.EndSuspensionSerializer)
        suspension = deadline.suspensions.filter(end_date__isnull=True).first()
        if suspension is None:
            raise ValidationError({"end_date": _("This deadline has no open suspension.")})
        services.end_suspension(
            request.user, suspension, end_date=data["end_date"], request=request
        )
        return self._answer(deadline)

    @extend_schema(
        summary="Extend the deadline by a number of days",
        request=serializers.ExtendSerializer,
        responses={201: serializers.DeadlineSerializer},
    )
    @action(detail=True, methods=["post"])
    def extend(self, request, pk=None):
        """Add days to the term, with the reason; the answer is the deadline with its new dates."""
        deadline = self.get_object()
        data = self._input(serializers.ExtendSerializer)
        services.extend_deadline(request.user, deadline, request=request, **data)
        return self._answer(deadline, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "everyone",
                OpenApiTypes.BOOL,
                required=False,
                description="Every case of the municipality, not only the ones assigned to you.",
            )
        ]
    )
)
class TaskViewSet(viewsets.GenericViewSet):
    """What is to be done now: the open deadlines of the cases assigned to you
    that are overdue, due within 7 days or past their reminder day (the daily
    digest's list), the earliest first. Tasks are derived from the cases,
    never typed: they change through the deadline's suspend and extend and
    the case's situation. A task's own page is its deadline (/case-deadlines/{id}/)."""

    model = Deadline
    serializer_class = serializers.TaskSerializer
    read_permission = can_work_cases
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI document's generator
            return Deadline.objects.none()
        everyone = self.request.query_params.get("everyone", "").lower() in ("1", "true", "yes")
        return selectors.tasks(self.request.user, localdate(), everyone=everyone)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": localdate()}

    def list(self, request):
        # List only (a task's page is its deadline); audited like every case read.
        page = self.paginate_queryset(self.get_queryset())
        audit.record_read(
            request.user,
            [*page, *(("registry.Person", task.case.person_id) for task in page)],
            object_type=Deadline._meta.label,
            page=self.paginator.page.number,
            request=request,
        )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    create=extend_schema(
        summary="Record a decision or ruling on a case",
        request=serializers.DecisionCreateSerializer,
        responses={201: serializers.DecisionSerializer},
    )
)
class DecisionViewSet(CaseworkAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Decisions (besluiten) and rulings on your municipality's cases, never
    overwritten: corrected by a new decision, or withdrawn. A municipal
    decision takes effect when a second officer approves it (four eyes)."""

    model = Decision
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter
    ordering = ["-decided_on", "-id"]

    def get_queryset(self):
        return Decision.objects.for_user(self.request.user).select_related("corrected_by")

    def get_serializer_class(self):
        if self.action in ("approve", "correct", "withdraw"):
            return serializers.DecisionSerializer
        return super().get_serializer_class()

    def create(self, request, *args, **kwargs):
        data = self._input(serializers.DecisionCreateSerializer)
        decision = services.record_decision(request.user, data.pop("case"), request=request, **data)
        return self._answer(decision, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Approve a municipal decision (a second officer)",
        request=None,
        responses={200: serializers.DecisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Four eyes: another officer than the one who recorded it."""
        decision = services.approve_decision(request.user, self.get_object(), request=request)
        return self._answer(decision)

    @extend_schema(
        summary="Correct a decision: a new decision in its place",
        request=serializers.DecisionCorrectSerializer,
        responses={201: serializers.DecisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """The old decision stays as it was, marked corrected; the answer is the new one."""
        decision = self.get_object()
        data = self._input(serializers.DecisionCorrectSerializer)
        correction = services.correct_decision(request.user, decision, request=request, **data)
        return self._answer(correction, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Withdraw a decision",
        request=serializers.DecisionWithdrawSerializer,
        responses={200: serializers.DecisionSerializer},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        decision = self.get_object()
        data = self._input(serializers.DecisionWithdrawSerializer)
        decision = services.withdraw_decision(request.user, decision, request=request, **data)
        return self._answer(decision)


class LeavingViewSet(CaseworkAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Shared by the steps of leaving municipal reception: scoped reads,
    filtered by `?case=`, writes through casework.services."""

    model = None
    create_serializer = None
    create_service = None
    ordering = ["-id"]

    def get_queryset(self):
        queryset = self.model.objects.for_user(self.request.user).select_related("case")
        case = self.request.query_params.get("case", "")
        return queryset.filter(case_id=case) if case.isdigit() else queryset

    @extend_schema(parameters=[OpenApiParameter("case", int, required=False)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        data = self._input(self.create_serializer)
        made = type(self).create_service(request.user, data.pop("case"), request=request, **data)
        return self._answer(made, status.HTTP_201_CREATED)

    def _step(self, service, input_serializer=None):
        # The record first: another municipality's id is a 404 before any input is read.
        record = self.get_object()
        data = self._input(input_serializer) if input_serializer else {}
        return self._answer(service(self.request.user, record, request=self.request, **data))


@extend_schema_view(
    create=extend_schema(
        request=serializers.TransferCreateSerializer,
        responses={201: serializers.TransferSerializer},
    )
)
class TransferViewSet(LeavingViewSet):
    """COA transfers of your municipality's cases (only while an asylum
    application is pending); a blocker stops the transfer on its days."""

    model = Transfer
    serializer_class = serializers.TransferSerializer
    create_serializer = serializers.TransferCreateSerializer
    create_service = services.request_transfer

    @extend_schema(
        request=serializers.TransferOfferSerializer, responses=serializers.TransferSerializer
    )
    @action(detail=True, methods=["post"])
    def offer(self, request, pk=None):
        """COA offered a place: which location, on which day."""
        return self._step(services.offer_transfer_place, serializers.TransferOfferSerializer)

    @extend_schema(
        request=serializers.TransferCompleteSerializer, responses=serializers.TransferSerializer
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        """The person moved to COA: the case closes "transferred to COA"."""
        return self._step(services.complete_transfer, serializers.TransferCompleteSerializer)

    @extend_schema(request=serializers.CancelSerializer, responses=serializers.TransferSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._step(services.cancel_transfer, serializers.CancelSerializer)


@extend_schema_view(
    create=extend_schema(
        request=serializers.TransferBlockerCreateSerializer,
        responses={201: serializers.TransferBlockerSerializer},
    )
)
class TransferBlockerViewSet(LeavingViewSet):
    """What stops a COA transfer for a while (hospital, custody)."""

    model = TransferBlocker
    serializer_class = serializers.TransferBlockerSerializer
    create_serializer = serializers.TransferBlockerCreateSerializer
    create_service = services.add_transfer_blocker

    @extend_schema(
        request=serializers.EndDateSerializer, responses=serializers.TransferBlockerSerializer
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """The blocker's last day."""
        return self._step(services.end_transfer_blocker, serializers.EndDateSerializer)


@extend_schema_view(
    create=extend_schema(
        request=serializers.DepartureCreateSerializer,
        responses={201: serializers.DepartureSerializer},
    )
)
class DepartureViewSet(LeavingViewSet):
    """Departures of your municipality's cases: planned, departed or cancelled."""

    model = Departure
    serializer_class = serializers.DepartureSerializer
    create_serializer = serializers.DepartureCreateSerializer
    create_service = services.plan_departure

    @extend_schema(
        request=serializers.DepartureRecordSerializer, responses=serializers.DepartureSerializer
    )
    @action(detail=True, methods=["post"])
    def depart(self, request, pk=None):
        """The person left: the case closes with the way they left."""
        return self._step(services.record_departure, serializers.DepartureRecordSerializer)

    @extend_schema(request=serializers.CancelSerializer, responses=serializers.DepartureSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._step(services.cancel_departure, serializers.CancelSerializer)


@extend_schema_view(
    create=extend_schema(
        request=serializers.EvictionStepCreateSerializer,
        responses={201: serializers.EvictionStepSerializer},
    )
)
class EvictionStepViewSet(LeavingViewSet):
    """The eviction checklist of a case (VNG advice), step by step: a step is
    refused until the ones before it are done and the right to reception has
    indisputably ended."""

    model = EvictionStep
    serializer_class = serializers.EvictionStepSerializer
    create_serializer = serializers.EvictionStepCreateSerializer
    create_service = services.record_eviction_step
    ordering = ["case", "done_on", "id"]
