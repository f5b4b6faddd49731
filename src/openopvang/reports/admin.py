from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import DailyFigure


@admin.register(DailyFigure)
class DailyFigureAdmin(ReadOnlyAdmin):
    """Rebuilt by reports.figures.refresh_figures only."""

    list_display = ["day", "municipality", "location", "places", "occupied", "goo", "poo"]
    list_filter = ["day"]
