"""factory-boy factories of the imports app (in core/testing/factories.py too)."""

import factory

from openopvang.accounts.tests.factories import MunicipalityFactory

from ..models import ImportJob, ImportStatus


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportJob

    municipality = factory.SubFactory(MunicipalityFactory)
    file_name = factory.Sequence(lambda n: f"persons-{n}.xlsx")
    status = ImportStatus.VALIDATED
    rows = factory.LazyFunction(list)
