"""A list filter does not tell which ids of other organisations exist (issue 16
§3): `?person=<another municipality's person>` answers exactly as
`?person=<an id nobody has>`, same status and same body."""

import pytest
from rest_framework.test import APIClient

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

pytestmark = pytest.mark.django_db

NOBODY = 987_654_321


@pytest.fixture
def theirs(other_municipality):
    """Records of another municipality, each of a kind a filter names."""
    from openopvang.letters.models import SentLetter

    person = factories.PersonFactory(municipality=other_municipality)
    household = factories.HouseholdFactory(municipality=other_municipality)
    location = factories.LocationFactory(municipality=other_municipality)
    host = factories.HostFactory(municipality=other_municipality)
    case = factories.CaseFactory(municipality=other_municipality, person=person)
    caseworker = factories.UserFactory(
        username="their-caseworker", organisation=other_municipality, role=Role.CASEWORKER
    )
    batch_field = SentLetter._meta.get_field("batch")
    return {
        "person": person.pk,
        "household": household.pk,
        "location": location.pk,
        "host": host.pk,
        "case": case.pk,
        "caseworker": caseworker.pk,
        "batch_model": batch_field.related_model,
    }


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def _same_answer(api, path, name, their_id):
    mine = api.get(path, {name: their_id})
    nobody = api.get(path, {name: NOBODY})
    assert (mine.status_code, mine.json()) == (nobody.status_code, nobody.json()), (
        path,
        name,
        mine.content[:300],
        nobody.content[:300],
    )
    return mine


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/persons/", "location"),
        ("/api/v1/persons/", "household"),
        ("/api/v1/persons/", "host"),
        ("/api/v1/households/", "person"),
        ("/api/v1/placements/", "person"),
        ("/api/v1/placements/", "location"),
        ("/api/v1/placements/", "host"),
        ("/api/v1/income-periods/", "person"),
    ],
)
def test_a_registry_filter_answers_alike(coordinator, theirs, path, name):
    response = _same_answer(_api(coordinator), path, name, theirs[name])
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/api/v1/cases/", "person"),
        ("/api/v1/cases/", "caseworker"),
        ("/api/v1/case-situations/", "case"),
        ("/api/v1/case-deadlines/", "case"),
    ],
)
def test_a_casework_filter_answers_alike(municipality, theirs, path, name):
    caseworker = factories.UserFactory(
        username="caseworker", organisation=municipality, role=Role.CASEWORKER
    )
    response = _same_answer(_api(caseworker), path, name, theirs[name])
    assert response.status_code == 200
    body = response.json()
    assert (body["results"] if "results" in body else body) == []


def test_a_sent_letter_filter_answers_alike(coordinator, other_municipality, theirs):
    batch = theirs["batch_model"].objects.create(
        **_batch_values(theirs["batch_model"], other_municipality)
    )
    api = _api(coordinator)
    _same_answer(api, "/api/v1/sent-letters/", "person", theirs["person"])
    _same_answer(api, "/api/v1/sent-letters/", "batch", batch.pk)


def _batch_values(model, municipality) -> dict:
    values = {}
    for field in model._meta.concrete_fields:
        if field.name == "municipality":
            values["municipality"] = municipality
    return values


def test_no_api_filter_checks_an_id_against_every_organisation():
    """A ModelChoiceFilter validates the id against its model's whole table;
    every list filter of a related record is a plain id instead."""
    from django_filters import filters as django_filters
    from django_filters.rest_framework import DjangoFilterBackend

    from openopvang.conf.api_urls import router

    backend = DjangoFilterBackend()
    choice_filters = (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)
    offenders = []
    for prefix, viewset, _basename in router.registry:
        view = viewset()
        model = getattr(getattr(viewset, "queryset", None), "model", None)
        filterset_class = getattr(viewset, "filterset_class", None)
        if filterset_class is None and getattr(viewset, "filterset_fields", None) and model:
            filterset_class = backend.get_filterset_class(view, model.objects.none())
        if filterset_class is None:
            continue
        for name, item in filterset_class.base_filters.items():
            if isinstance(item, choice_filters):
                offenders.append(f"{prefix}?{name}")
    assert not offenders
