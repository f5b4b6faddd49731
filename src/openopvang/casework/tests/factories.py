"""factory-boy factories of the casework app (also in core/testing/factories.py).

A case built by CaseFactory has no situation; tests that need the derived
deadlines record situations through the services, as a user would."""

import datetime

import factory

from openopvang.accounts.tests.factories import MunicipalityFactory, UserFactory
from openopvang.registry.tests.factories import PersonFactory

from ..models import Case, Situation, SituationCode


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    municipality = factory.SubFactory(MunicipalityFactory)
    person = factory.SubFactory(
        PersonFactory, municipality=factory.SelfAttribute("..municipality"), nationality="NG"
    )
    opened_on = datetime.date(2024, 1, 2)


class SituationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Situation

    case = factory.SubFactory(CaseFactory)
    code = SituationCode.PROTECTED
    start_date = datetime.date(2024, 1, 2)
    reason = "Registered in the BRP before 19 July 2022."
    recorded_by = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..case.municipality")
    )
