"""The audit log in the admin (read-only), and the mixin that makes admin
changes of other models write audit events like every other change."""

from django.contrib import admin

from . import services as audit
from .models import AuditAction, AuditEvent

SECRET_FIELDS = {"password", "token_hash", "key"}
# Named, not imported: audit sits below accounts (docs/architecture.md).
ORGANISATION_MODEL = "accounts.Organisation"


def owning_organisation(obj):
    """The organisation a record belongs to, following the model's
    `scope_path` (core/scoping.py) when it has one."""
    if obj._meta.label == ORGANISATION_MODEL:
        return obj
    path = getattr(obj, "scope_path", None)
    if path:
        target = obj
        for part in path.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target
    return getattr(obj, "organisation", None)


def _masked(values: dict) -> dict:
    return {key: ("***" if key in SECRET_FIELDS else value) for key, value in values.items()}


class AuditedAdminMixin:
    """Admin changes, deletions and views of a record's page are audited."""

    def _record(self, request, action, obj, changes=None):
        audit.record(
            request.user,
            action,
            obj,
            changes=changes,
            request=request,
            channel="admin",
            organisation=owning_organisation(obj),
        )

    def save_model(self, request, obj, form, change):
        before = {}
        if change and obj.pk is not None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = audit.snapshot(stored) if stored is not None else {}
        super().save_model(request, obj, form, change)
        after = audit.snapshot(obj)
        changes = _masked(audit.diff(before, after) if change else after)
        if change and not changes:
            return
        self._record(request, AuditAction.UPDATE if change else AuditAction.CREATE, obj, changes)

    def delete_model(self, request, obj):
        self._record(request, AuditAction.DELETE, obj, _masked(audit.snapshot(obj)))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._record(request, AuditAction.DELETE, obj, _masked(audit.snapshot(obj)))
        super().delete_queryset(request, queryset)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                self._record(request, AuditAction.VIEW, obj)
        return super().change_view(request, object_id, form_url, extra_context)


class ReadOnlyAdminMixin:
    """The admin shows the record but never adds, changes or deletes it: its
    rules need the services (locks, four eyes, audit), which the admin would
    bypass."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    """Read-only, and opening a record is audited like any other view."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: audit events are never added, changed or deleted."""

    list_display = (
        "at",
        "actor_name",
        "organisation",
        "action",
        "object_type",
        "object_repr",
        "channel",
    )
    list_filter = ("action", "channel", "object_type")
    search_fields = ("actor_name", "object_type", "object_id", "object_repr")
    date_hierarchy = "at"
    list_select_related = ("organisation",)
    readonly_fields = [field.name for field in AuditEvent._meta.fields]
    actions = None
