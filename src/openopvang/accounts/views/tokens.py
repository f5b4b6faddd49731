"""Personal API tokens: list, create (the raw token is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from openopvang.core.mixins import isolation_model

from .. import services
from ..forms import TokenCreateForm
from ..models import ApiToken


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    """List the user's own tokens and create a new one. The raw token is only
    in the response to the POST that created it."""
    form = TokenCreateForm(request.POST or None)
    created = raw = None
    if request.method == "POST" and form.is_valid():
        created, raw = services.issue_token(
            request.user,
            form.cleaned_data["name"],
            form.cleaned_data["expires_in_days"],
            request=request,
        )
        form = TokenCreateForm()
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "tokens": services.own_tokens(request.user),
            "created": created,
            "raw_token": raw,
        },
    )


@isolation_model(ApiToken)
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method == "POST":
        services.revoke_token(request.user, token, request=request)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect("accounts:tokens")
    return render(request, "accounts/token_revoke.html", {"token": token})
