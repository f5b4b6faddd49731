from django.contrib import admin

from .models import TaskAttempt


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
