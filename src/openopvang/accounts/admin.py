"""Admin for platform operators (superusers): organisations, staff users and
API tokens. With OPENOPVANG_TWO_FACTOR_REQUIRED the admin only opens for a
session verified with a TOTP code, and its login goes through the normal
staff login (password, then code)."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.sites import AdminSite
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.admin import OTPAdminSite

from openopvang.audit.admin import AuditedAdminMixin

from . import services
from .models import ApiToken, Organisation, User


class OpenOpvangAdminSite(OTPAdminSite):
    site_header = _("Open Opvang administration")
    site_title = _("Open Opvang administration")
    index_title = _("Platform administration")

    def has_permission(self, request):
        if getattr(settings, "OPENOPVANG_TWO_FACTOR_REQUIRED", True):
            return super().has_permission(request)  # also requires is_verified()
        return AdminSite.has_permission(self, request)

    def login(self, request, extra_context=None):
        """One login for everything: the staff login with its lockout,
        second factor and audit events."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return super().login(request, extra_context)  # redirects to the index
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, reverse("accounts:login"))


admin.site.__class__ = OpenOpvangAdminSite
admin.site.site_header = OpenOpvangAdminSite.site_header
admin.site.site_title = OpenOpvangAdminSite.site_title
admin.site.index_title = OpenOpvangAdminSite.index_title


class ActiveFilter(admin.SimpleListFilter):
    title = _("existing")
    parameter_name = "existing"

    def lookups(self, request, model_admin):
        return [("yes", _("Exists today")), ("no", _("Ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "yes":
            return queryset.active(today)
        if self.value() == "no":
            return queryset.filter(ended_on__lt=today)
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Add, rename or end an organisation (e.g. municipalities merging on
    1 January: set `ended on` to 31 December and add the new municipality)."""

    list_display = ("code", "name", "kind", "veiligheidsregio_name", "ended_on")
    list_filter = ("kind", ActiveFilter, "veiligheidsregio_name")
    search_fields = ("code", "name", "veiligheidsregio_name")
    ordering = ("name",)
    fieldsets = (
        (None, {"fields": ("code", "name", "kind", "ended_on")}),
        (_("Safety region"), {"fields": ("veiligheidsregio_code", "veiligheidsregio_name")}),
        (_("Contact and payments"), {"fields": ("email", "iban", "bic")}),
    )

    def get_readonly_fields(self, request, obj=None):
        # The code identifies the organisation in files and declarations.
        return ("code",) if obj is not None else ()

    def has_delete_permission(self, request, obj=None):
        # Organisations are ended, never deleted: their history must stay.
        return False


@admin.register(User)
class StaffUserAdmin(AuditedAdminMixin, UserAdmin):
    list_display = (
        "username",
        "first_name",
        "last_name",
        "organisation",
        "role",
        "is_active",
        "is_staff",
        "last_login",
    )
    list_filter = ("role", "organisation__kind", "is_active", "is_staff", "is_superuser")
    search_fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "organisation__name",
        "organisation__code",
    )
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Personal info"),
            {"fields": ("first_name", "last_name", "email", "preferred_language")},
        ),
        (_("Organisation and role"), {"fields": ("organisation", "role")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "email",
                    "organisation",
                    "role",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    actions = ["reset_two_factor", "unlock_login"]

    @admin.action(description=_("Reset two-factor login (the user sets up the app again)"))
    def reset_two_factor(self, request, queryset):
        count = sum(
            1 for user in queryset if services.reset_two_factor(request.user, user, request)
        )
        self.message_user(
            request,
            ngettext(
                "Two-factor login reset for %d user.", "Two-factor login reset for %d users.", count
            )
            % count,
            messages.SUCCESS,
        )

    @admin.action(description=_("Unlock login after too many failed attempts"))
    def unlock_login(self, request, queryset):
        from axes.utils import reset

        for user in queryset:
            reset(username=user.get_username())
        self.message_user(request, _("Login unlocked for the selected users."), messages.SUCCESS)


class TokenStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("active")), ("revoked", _("revoked")), ("expired", _("expired"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "expired":
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=timezone.now())
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only; a token can only be revoked (its owner creates tokens)."""

    list_display = (
        "name",
        "prefix",
        "user",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = (TokenStatusFilter,)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    exclude = ("token_hash",)
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        if not request.user.is_superuser:
            raise PermissionDenied
        tokens = queryset.filter(Q(revoked_at__isnull=True)).select_related("user__organisation")
        count = 0
        for token in tokens:
            services.revoke_token(request.user, token, request=request)
            count += 1
        self.message_user(
            request,
            ngettext("%d token revoked.", "%d tokens revoked.", count) % count,
            messages.SUCCESS,
        )
