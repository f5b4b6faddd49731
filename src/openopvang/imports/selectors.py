"""Imports reads, scoped to the caller's organisation."""

from .models import ImportJob


def jobs(user):
    return ImportJob.objects.for_user(user).defer("data", "rows").select_related("created_by")
