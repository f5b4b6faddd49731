"""factory-boy factories of the help app."""

import datetime

import factory
from django.utils import timezone

from openopvang.accounts.tests.factories import MunicipalityFactory, NgoFactory

from .. import services
from ..models import (
    Agency,
    Booking,
    ConsultationHour,
    Desk,
    Document,
    DocumentVersion,
    NewsletterIssue,
    Subscriber,
    Topic,
    TopicText,
)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"agency-{n}")
    name = factory.Sequence(lambda n: f"Agency {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    code = factory.Sequence(lambda n: f"topic-{n}")
    audience = "person"
    agency = factory.SubFactory(AgencyFactory)


class TopicTextFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TopicText

    topic = factory.SubFactory(TopicFactory)
    language = "nl"
    title = factory.Sequence(lambda n: f"Onderwerp {n}")
    answer = "Antwoord."


class DeskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desk

    municipality = factory.SubFactory(MunicipalityFactory)
    name = "Loket Oekraïne"
    opening_hours = "ma–vr 9–12"


class HourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationHour

    ngo = factory.SubFactory(NgoFactory)
    subject = "Spreekuur"
    mode = "online"
    location = "https://meet.example.org/room"
    languages = "uk, ru"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=3))
    duration_minutes = 30
    capacity = 2


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    hour = factory.SubFactory(HourFactory)
    seat = factory.Sequence(lambda n: n + 1)
    name = "Olena"
    phone = "0612345678"
    language = "uk"
    token_hash = factory.Sequence(lambda n: services.hash_token(f"token-{n}"))
    sender_key = "test"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    kind = "guide"
    audience = "professional"
    publisher = "Rijksoverheid"
    published_on = datetime.date(2026, 10, 1)


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    language = "nl"
    title = factory.Sequence(lambda n: f"Handreiking {n}")
    link = "https://www.rijksoverheid.nl/documenten/handreiking"


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterIssue

    language = "nl"
    subject = factory.Sequence(lambda n: f"Nieuwsbrief {n}")
    body = "Wat er deze maand veranderde."


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"abonnee{n}@gemeente.example")
    language = "nl"
    confirmed_at = factory.LazyFunction(timezone.now)
    sender_key = "test"
