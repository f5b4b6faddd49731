from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import Agency, Topic


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    """Changed through the editor's pages only."""

    list_display = ["name", "email"]


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["code", "audience", "agency"]
