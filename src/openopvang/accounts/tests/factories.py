"""factory-boy factories of the accounts app: organisations and staff users."""

import factory

from openopvang.accounts.models import Organisation, OrganisationKind, Role, User


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM9{n:03d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    kind = OrganisationKind.MUNICIPALITY


class NgoFactory(MunicipalityFactory):
    code = factory.Sequence(lambda n: f"NGO{n}")
    name = factory.Sequence(lambda n: f"Test NGO {n}")
    kind = OrganisationKind.NGO


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organisation = factory.SubFactory(MunicipalityFactory)
    role = Role.COORDINATOR
    password = factory.django.Password("correct horse battery")
