"""Victims for the project-wide isolation walk: one record of every routed
help model. Desks belong to the walk's municipality; consultation hours and
bookings to VluchtelingenWerk (seeded), so other organisations' staff must get
404 and the VWN worker of the role walk reaches them. Topics and agencies are
national content: only the national editor's pages route them."""

from openopvang.accounts.models import Organisation
from openopvang.core.testing.isolation import victim

from .factories import (
    AgencyFactory,
    BookingFactory,
    DeskFactory,
    DocumentFactory,
    HourFactory,
    IssueFactory,
    TopicFactory,
)


@victim("help.Agency")
def _agency(v):
    return AgencyFactory(name="Victim agency")


@victim("help.Topic")
def _topic(v):
    return TopicFactory(agency=v["help.Agency"])


@victim("help.Desk")
def _desk(v):
    return DeskFactory(
        municipality=v["municipality"], name="Victim desk"
    )  # public content, not a person


@victim("help.ConsultationHour")
def _hour(v):
    return HourFactory(ngo=Organisation.objects.get(code="VWN"), subject="Victim hour")


@victim("help.Booking")
def _booking(v):
    return BookingFactory(hour=v["help.ConsultationHour"], name="Victimenko", phone="111222333")


@victim("help.Document")
def _document(v):
    return DocumentFactory(topic=v["help.Topic"])


@victim("help.NewsletterIssue")
def _issue(v):
    return IssueFactory(subject="Victim issue")
