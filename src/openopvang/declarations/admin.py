from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import AdvanceRequest, CostLine, Declaration, NationalRun, YearSettings


@admin.register(CostLine)
class CostLineAdmin(ReadOnlyAdmin):
    """Changed on the declaration pages (checks per category, audit)."""

    list_display = ["municipality", "year", "category", "amount", "month", "description"]
    list_filter = ["year", "category"]
    search_fields = ["description", "municipality__name"]


@admin.register(YearSettings)
class YearSettingsAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "year", "actual_cost_goo"]


@admin.register(AdvanceRequest)
class AdvanceRequestAdmin(admin.ModelAdmin):
    list_display = ["municipality", "year", "amount", "requested_at"]
    readonly_fields = ["requested_at"]


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    """A submitted version is frozen."""

    list_display = ["municipality", "year", "version", "total", "submitted_at"]
    list_filter = ["year"]


@admin.register(NationalRun)
class NationalRunAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "done", "count", "seconds", "created_at"]
