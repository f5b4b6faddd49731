"""Personal API tokens: every user manages their own tokens only."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from openopvang.accounts import services
from openopvang.accounts.models import ApiToken
from openopvang.core.permissions import belongs_to

from .serializers import ApiTokenCreatedSerializer, ApiTokenCreateSerializer, ApiTokenSerializer


@extend_schema_view(
    list=extend_schema(summary="List your own API tokens"),
    retrieve=extend_schema(summary="Read one of your own API tokens"),
    create=extend_schema(
        summary="Create an API token",
        description=(
            "Returns the token once, in `token`; only a hash is stored. Use it as "
            "`Authorization: Token oo_…`. Tokens are created from a logged-in "
            "session (with the second factor), not with another token."
        ),
        request=ApiTokenCreateSerializer,
        responses={201: ApiTokenCreatedSerializer},
    ),
    destroy=extend_schema(
        summary="Revoke an API token",
        description="The token stops working at once; the record is kept.",
    ),
)
class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your own personal API tokens; nobody sees or revokes another user's tokens."""

    queryset = ApiToken.objects.none()  # for the schema; get_queryset() is what counts
    serializer_class = ApiTokenSerializer
    # Any staff user may manage their own tokens, whatever their role.
    write_permission = belongs_to  # any staff: each manages their own tokens
    filterset_fields = []
    ordering_fields = ["created_at", "name"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return services.own_tokens(self.request.user)

    def create(self, request, *args, **kwargs):
        if isinstance(request.auth, ApiToken):
            raise PermissionDenied(
                _("Create API tokens from a logged-in session, not with another token.")
            )
        form = ApiTokenCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        token, raw = services.issue_token(
            request.user,
            form.validated_data["name"],
            form.validated_data.get("expires_in_days"),
            request=request,
        )
        token.token = raw
        return Response(ApiTokenCreatedSerializer(token).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        services.revoke_token(self.request.user, instance, request=self.request)

    @extend_schema(summary="Revoke an API token", request=None, responses={200: ApiTokenSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """The token stops working at once; the record is kept."""
        token = services.revoke_token(request.user, self.get_object(), request=request)
        return Response(ApiTokenSerializer(token).data)
