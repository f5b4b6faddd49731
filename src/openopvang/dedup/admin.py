from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import CrossMatch, MatchDecision, MatchRun


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "status", "persons", "found", "new", "seconds"]


@admin.register(CrossMatch)
class CrossMatchAdmin(ReadOnlyAdmin):
    """Changed through the national run and the decisions only."""

    list_display = ["person_a", "person_b", "score", "found_at"]


@admin.register(MatchDecision)
class MatchDecisionAdmin(ReadOnlyAdmin):
    list_display = ["match", "municipality", "verdict", "decided_at"]
