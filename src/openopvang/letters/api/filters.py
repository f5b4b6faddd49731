"""Query filters of the letters endpoints: related records by plain id, so
another municipality's id answers as an id nobody has (see
casework/api/filters.py)."""

from django_filters import rest_framework as filters

from ..models import LetterTemplate, SentLetter


class LetterTemplateFilter(filters.FilterSet):
    class Meta:
        model = LetterTemplate
        fields = ["letter_type"]


class SentLetterFilter(filters.FilterSet):
    person = filters.NumberFilter(field_name="person_id")
    batch = filters.NumberFilter(field_name="batch_id")

    class Meta:
        model = SentLetter
        fields = ["person", "letter_type", "language", "channel", "batch"]
