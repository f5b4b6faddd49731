from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import ExternalId, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Changed through the services only."""

    list_display = ["file_name", "municipality", "status", "created_at"]
    exclude = ["data", "rows"]


@admin.register(ExternalId)
class ExternalIdAdmin(ReadOnlyAdmin):
    list_display = ["external_id", "municipality"]
    search_fields = ["external_id"]
