from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import ParameterLoad, ParameterOverride


@admin.register(ParameterOverride)
class ParameterOverrideAdmin(ReadOnlyAdmin):
    """Values are added through the parameters page, which
    validates them against the engine and audits the change."""

    list_display = ["name", "start", "end", "value", "publication", "article", "confidence"]
    list_filter = ["confidence"]
    search_fields = ["name", "publication"]


@admin.register(ParameterLoad)
class ParameterLoadAdmin(ReadOnlyAdmin):
    """Loads are staged, applied and rolled back through the parameters page."""

    list_display = ["file_name", "status", "created_by", "created_at", "applied_at"]
    list_filter = ["status"]
