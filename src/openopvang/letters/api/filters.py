from django_filters import rest_framework as filters

from ..models import LetterTemplate, SentLetter


class LetterTemplateFilter(filters.FilterSet):
    class Meta:
        model = LetterTemplate
        fields = ["letter_type"]


class SentLetterFilter(filters.FilterSet):
    class Meta:
        model = SentLetter
        fields = ["person", "letter_type", "language", "channel", "batch"]
