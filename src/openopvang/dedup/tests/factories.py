import factory

from openopvang.accounts.tests.factories import MunicipalityFactory
from openopvang.registry.tests.factories import PersonFactory

from .. import models

__all__ = ["CrossMatchFactory"]


class CrossMatchFactory(factory.django.DjangoModelFactory):
    """A pair of persons of two municipalities, the first person the lower id."""

    class Meta:
        model = models.CrossMatch

    person_a = factory.SubFactory(PersonFactory)
    person_b = factory.SubFactory(
        PersonFactory, municipality=factory.SubFactory(MunicipalityFactory)
    )
    score = 14.5
    reasons = factory.LazyFunction(lambda: [["birth_date_same", "", ""]])
