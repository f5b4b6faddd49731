from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import LetterBatch, LetterTemplate, SentLetter, TemplateVersion


@admin.register(LetterTemplate)
class LetterTemplateAdmin(ReadOnlyAdmin):
    """Changed through the services only."""

    list_display = ["letter_type", "municipality"]


@admin.register(TemplateVersion)
class TemplateVersionAdmin(ReadOnlyAdmin):
    list_display = ["template", "number", "created_at"]


@admin.register(SentLetter)
class SentLetterAdmin(ReadOnlyAdmin):
    list_display = ["letter_type", "language", "channel", "sent_at", "municipality"]


@admin.register(LetterBatch)
class LetterBatchAdmin(ReadOnlyAdmin):
    list_display = ["letter_type", "status", "done", "count", "municipality"]
    exclude = ["pdf"]
