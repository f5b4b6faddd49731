from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import ParameterOverride


@admin.register(ParameterOverride)
class ParameterOverrideAdmin(ReadOnlyAdmin):
    """Values are added through the parameters page, which
    validates them against the engine and audits the change."""

    list_display = ["name", "start", "end", "value", "publication", "article", "confidence"]
    list_filter = ["confidence"]
    search_fields = ["name", "publication"]
