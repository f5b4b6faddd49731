from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import Case, Deadline, Situation


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Changed through the services only."""

    list_display = ["id", "person", "municipality", "opened_on", "closed_on"]
    list_filter = ["closure_reason"]


@admin.register(Situation)
class SituationAdmin(ReadOnlyAdmin):
    list_display = ["case", "code", "start_date", "decision_reference"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "legal_deadline", "target_date", "closed_on"]
