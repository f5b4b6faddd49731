"""factory-boy factories of the letters app (in core/testing/factories.py too)."""

import factory

from openopvang.accounts.tests.factories import MunicipalityFactory

from ..models import LetterTemplate, TemplateText, TemplateVersion


class LetterTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterTemplate

    municipality = factory.SubFactory(MunicipalityFactory)
    letter_type = "welcome"


class TemplateVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateVersion

    template = factory.SubFactory(LetterTemplateFactory)
    number = factory.Sequence(lambda n: n + 1)


class TemplateTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TemplateText

    version = factory.SubFactory(TemplateVersionFactory)
    language = "nl"
    subject = "Welkom"
    body = "Beste {{ name }},\n\nWelkom."
