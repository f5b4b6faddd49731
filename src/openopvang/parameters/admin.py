from django.contrib import admin

from .models import ParameterOverride


@admin.register(ParameterOverride)
class ParameterOverrideAdmin(admin.ModelAdmin):
    """Read-only here: values are added through the parameters page, which
    validates them against the engine and audits the change."""

    list_display = ["name", "start", "end", "value", "publication", "article", "confidence"]
    list_filter = ["confidence"]
    search_fields = ["name", "publication"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
