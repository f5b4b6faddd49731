from django.contrib import admin

from .models import ScheduledRun, TaskAttempt


@admin.register(TaskAttempt)
class TaskAttemptAdmin(admin.ModelAdmin):
    """Every try of a retried background job, read-only."""

    list_display = ["task_name", "attempt", "max_attempts", "outcome", "started_at", "finished_at"]
    list_filter = ["outcome", "task_name"]
    readonly_fields = [field.name for field in TaskAttempt._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    """Which periodic job was queued on which day (core.schedule), read-only."""

    list_display = ["job", "day", "slot", "enqueued_at", "task_id"]
    list_filter = ["job"]
    readonly_fields = [field.name for field in ScheduledRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
