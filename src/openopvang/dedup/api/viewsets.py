"""/api/v1/duplicate-matches/ for a municipality's registry editors (its
pairs, and its decision on each) and /api/v1/duplicate-runs/ for the national
organisation (start a run, follow it; counts only). Through the same
services as the pages; every read of a pair is audited."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from openopvang.core.api.viewsets import AuditedReadMixin
from openopvang.core.permissions import can_edit_registry

from .. import selectors, services
from ..models import CrossMatch, MatchRun, MatchState
from ..permissions import ONLY_NATIONAL_RUN, can_run_national
from . import serializers


class DuplicateMatchViewSet(AuditedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Probable duplicates of your persons in other municipalities, best score
    first; `?state=` open, waiting, same or not_same."""

    model = CrossMatch
    read_permission = can_edit_registry
    write_permission = can_edit_registry
    serializer_class = serializers.DuplicateMatchSerializer

    def get_queryset(self):
        state = self.request.query_params.get("state", "")
        return selectors.matches(self.request.user, state if state in MatchState.values else "")

    def audit_shown(self, objects) -> list:
        return [
            *objects,
            *(("registry.Person", pk) for o in objects for pk in (o.person_a_id, o.person_b_id)),
        ]

    @extend_schema(
        request=serializers.DecisionInputSerializer,
        responses=serializers.DuplicateMatchSerializer,
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """Your municipality's decision on the pair: the same person or not.
        A later decision replaces your earlier one; the other municipality
        decides for its side."""
        match = self.get_object()
        data = serializers.DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.decide(request.user, match, data.validated_data["verdict"], request=request)
        match = self.get_queryset().get(pk=match.pk)
        return Response(self.get_serializer(match).data)


class NationalOnly:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not can_run_national(request.user):
            raise PermissionDenied(str(ONLY_NATIONAL_RUN))


class DuplicateRunViewSet(
    NationalOnly, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """National duplicate runs, newest first (the national organisation);
    follow a run by reading the list again: the first entry is the latest."""

    serializer_class = serializers.DuplicateRunSerializer
    write_permission = staticmethod(lambda user, organisation: can_run_national(user))

    def get_queryset(self):
        return MatchRun.objects.order_by("-created_at", "-id")

    @extend_schema(request=None, responses={201: serializers.DuplicateRunSerializer})
    def create(self, request, *args, **kwargs):
        """Start a national run (one at a time; 400 while one is under way)."""
        run = services.start_national_run(request.user)
        return Response(self.get_serializer(run).data, status=status.HTTP_201_CREATED)
