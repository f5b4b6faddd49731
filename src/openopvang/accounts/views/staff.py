"""The administrator's user management for the own organisation: the staff
list, inviting a colleague, and per colleague the role, deactivation, a new
second factor, unlocking and resending the invitation. Every change goes
through ..services, which checks the administrator and writes the audit."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from openopvang.core.mixins import isolation_model

from .. import services
from ..forms import InvitationPasswordForm, InviteForm, RoleForm
from ..models import User
from ..permissions import require_manage_organisation

PAGE_SIZE = 25


def _colleague(request, pk: int) -> User:
    """A user of the administrator's own organisation; anyone else is a 404."""
    require_manage_organisation(request.user, request.user.organisation)
    return get_object_or_404(User, pk=pk, organisation=request.user.organisation)


def _status(user) -> dict:
    return {
        "locked_out": services.is_locked_out(user),
        "has_two_factor": services.has_two_factor(user),
        "invited": not user.has_usable_password(),
    }


@never_cache
@login_required
@require_http_methods(["GET"])
def staff_list(request):
    organisation = request.user.organisation
    query = request.GET.get("q", "").strip()
    users = services.staff_of(request.user, organisation, query)
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"user": user, **_status(user)} for user in page.object_list]
    return render(
        request,
        "accounts/staff_list.html",
        {"page_obj": page, "rows": rows, "query": query, "organisation": organisation},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_invite(request):
    organisation = request.user.organisation
    require_manage_organisation(request.user, organisation)
    choices = services.role_choices(organisation)
    form = InviteForm(request.POST or None, role_choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            user, sent = services.invite_staff_user(
                request.user, organisation, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if sent:
                messages.success(
                    request,
                    _("%(name)s is invited; the e-mail with the link went to %(email)s.")
                    % {"name": user.get_full_name(), "email": user.email},
                )
            else:
                messages.warning(request, _(services.INVITATION_NOT_SENT))
            return redirect("accounts:staff_detail", pk=user.pk)
    return render(request, "accounts/staff_invite.html", {"form": form})


@isolation_model(User)
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_detail(request, pk: int):
    colleague = _colleague(request, pk)
    choices = services.role_choices(colleague.organisation)
    form = RoleForm(request.POST or None, role_choices=choices, initial={"role": colleague.role})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_role(
                request.user, colleague, form.cleaned_data["role"], request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s now has the role %(role)s.")
                % {"name": colleague.get_full_name(), "role": colleague.get_role_display()},
            )
            return redirect("accounts:staff_detail", pk=colleague.pk)
    return render(
        request,
        "accounts/staff_detail.html",
        {
            "colleague": colleague,
            "form": form,
            "is_self": colleague.pk == request.user.pk,
            **_status(colleague),
        },
    )


# action slug: (question, what happens, button, done message, service call)
ACTIONS = {
    "deactivate": (
        gettext_lazy("Deactivate %(name)s?"),
        gettext_lazy(
            "They can no longer log in and their API tokens stop working. The account and "
            "everything they did stay; you can reactivate it later."
        ),
        gettext_lazy("Yes, deactivate"),
        gettext_lazy("%(name)s is deactivated."),
        lambda request, user: services.set_active(request.user, user, False, request=request),
    ),
    "reactivate": (
        gettext_lazy("Reactivate %(name)s?"),
        gettext_lazy("They can log in again with their password and authenticator app."),
        gettext_lazy("Yes, reactivate"),
        gettext_lazy("%(name)s can log in again."),
        lambda request, user: services.set_active(request.user, user, True, request=request),
    ),
    "reset-two-factor": (
        gettext_lazy("Reset the two-factor login of %(name)s?"),
        gettext_lazy(
            "For a lost or new phone: the authenticator app no longer works for this account. "
            "At the next login, after the password, they set up the app again."
        ),
        gettext_lazy("Yes, reset"),
        gettext_lazy("The two-factor login of %(name)s is reset."),
        lambda request, user: services.reset_two_factor(request.user, user, request),
    ),
    "unlock": (
        gettext_lazy("Unlock the login of %(name)s?"),
        gettext_lazy(
            "After too many wrong passwords the login is locked for a while. Unlock it only "
            "when you know it was your colleague who tried."
        ),
        gettext_lazy("Yes, unlock"),
        gettext_lazy("%(name)s can try to log in again."),
        lambda request, user: services.unlock_login(request.user, user, request=request),
    ),
    "resend-invitation": (
        gettext_lazy("Send the invitation to %(name)s again?"),
        gettext_lazy("A new link goes to the e-mail address; the links sent before keep working."),
        gettext_lazy("Yes, send"),
        gettext_lazy("The invitation to %(name)s has been sent again."),
        lambda request, user: services.send_invitation(request.user, user, request=request),
    ),
}


@isolation_model(User)
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def staff_action(request, pk: int, action: str):
    """A confirmation page (GET) and the change (POST)."""
    colleague = _colleague(request, pk)
    if action not in ACTIONS:
        raise Http404
    question, explanation, button, done, perform = ACTIONS[action]
    name = {"name": colleague.get_full_name() or colleague.get_username()}
    if request.method == "POST":
        result = perform(request, colleague)
        if result is False:  # the mail server did not take the invitation
            messages.warning(request, _(services.INVITATION_NOT_SENT))
        else:
            messages.success(request, done % name)
        return redirect("accounts:staff_detail", pk=colleague.pk)
    return render(
        request,
        "accounts/staff_action.html",
        {
            "colleague": colleague,
            "question": question % name,
            "explanation": explanation,
            "button": button,
        },
    )


class InvitationAcceptView(auth_views.PasswordResetConfirmView):
    """The link in the invitation: the new colleague chooses a password and
    then logs in (and sets up the authenticator app). The link works once."""

    template_name = "accounts/invitation_accept.html"
    form_class = InvitationPasswordForm
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form):
        response = super().form_valid(form)
        services.record_invitation_accepted(form.user, self.request)
        messages.success(
            self.request,
            _("Your password is set. Log in with your e-mail address and the new password."),
        )
        return response
