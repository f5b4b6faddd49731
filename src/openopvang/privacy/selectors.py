"""Scoped reads for the privacy pages."""

from django.shortcuts import get_object_or_404

from openopvang.registry.models import Person


def person_for_user(user, pk: int) -> Person:
    """The person, if the user's scope holds them; else 404 as if absent."""
    return get_object_or_404(Person.objects.for_user(user), pk=pk)
