"""Staff login: the password, then a code from the authenticator app (or
setting the app up), and logout. The work happens in ..services."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import LoginForm, OtpCodeForm


def _two_factor_required() -> bool:
    return bool(getattr(settings, "OPENOPVANG_TWO_FACTOR_REQUIRED", True))


def _is_verified(user) -> bool:
    # Right after auth.login() request.user is the plain user, without the
    # is_verified() that django-otp's middleware adds on the next request.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def _safe_next(request, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm

    def form_valid(self, form):
        response = super().form_valid(form)  # logs in; axes resets the failures
        if not _two_factor_required():
            services.record_login(self.request.user, self.request)
        return response

    def form_invalid(self, form):
        username = form.data.get("username", "")
        if username:
            services.record_login_failed(username, self.request)
        return super().form_invalid(form)

    def get_success_url(self):
        target = self.get_redirect_url()
        if _two_factor_required() and not _is_verified(self.request.user):
            url = reverse("accounts:two_factor")
            return f"{url}?{urlencode({'next': target})}" if target else url
        return target or reverse(settings.LOGIN_REDIRECT_URL)


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """The second step: a code from the authenticator app, or, for a user
    without one yet, setting up the app first."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    done_url = next_url or reverse(settings.LOGIN_REDIRECT_URL)
    if not _two_factor_required() or _is_verified(request.user):
        return redirect(done_url)

    enrolling = services.confirmed_device(request.user) is None
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if enrolling:
            result = services.confirm_enrolment(request, code)
        else:
            result = services.verify_second_factor(request, code)
        if result.verified:
            if enrolling:
                messages.success(request, _("Your authenticator app is set up."))
            return redirect(done_url)
        if result.must_log_out:
            logout(request)
            messages.error(
                request,
                _("Too many wrong codes. You have been logged out; log in again to retry."),
            )
            return redirect(settings.LOGIN_URL)
        if result.locked_until:
            form.add_error(
                "code",
                _("Too many wrong codes in a row. Wait until %(time)s and try again.")
                % {"time": date_format(localtime(result.locked_until), "TIME_FORMAT")},
            )
        else:
            form.add_error("code", _("This code is not correct. Check the time on your phone."))

    context = {"form": form, "next": next_url, "enrolling": enrolling}
    if enrolling:
        device = services.enrolment_device(request.user)
        context.update(
            secret=services.grouped_secret(device),
            qr_svg=services.qr_code_svg(
                device.config_url, _("QR code to scan with your authenticator app")
            ),
        )
        template = "accounts/two_factor_enrol.html"
    else:
        template = "accounts/two_factor.html"
    return render(request, template, context)
