"""The national duplicate run: the national organisation starts it and sees
counts only; each of the two municipalities sees its own person, the other
one's evidence fields and the other municipality's name, and decides for its
side; decisions are kept across runs."""

import datetime

import pytest
from django.test import Client
from rest_framework.test import APIClient

from openopvang.accounts.models import OrganisationKind, Role
from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.html import page_text
from openopvang.dedup.models import CrossMatch, MatchRun

BIRTH = datetime.date(1985, 3, 14)


@pytest.fixture
def national_user(db):
    noo = factories.MunicipalityFactory(
        code="NOO", name="Nationale Opvang Organisatie", kind=OrganisationKind.NATIONAL
    )
    return factories.UserFactory(username="noo", organisation=noo, role=Role.NATIONAL_VIEWER)


@pytest.fixture
def persons(municipality, other_municipality):
    """Oleksandr Kovalenko in Utrecht is 'Aleksandr Kowalenko' in Amsterdam;
    Amsterdam also has his twin brother Mykola (same family name and birth
    date) and Utrecht a namesake born on another day; Utrecht registered
    Iryna Bondarenko twice itself (not a national matter)."""
    person = factories.PersonFactory
    return {
        "utrecht": person(
            municipality=municipality,
            given_names="Oleksandr",
            family_name="Kovalenko",
            given_names_cyrillic="Олександр",
            family_name_cyrillic="Коваленко",
            birth_date=BIRTH,
            sex="M",
            notes="kamer 12, komt dinsdag",
        ),
        "amsterdam": person(
            municipality=other_municipality,
            given_names="Aleksandr",
            family_name="Kowalenko",
            given_names_cyrillic="",
            family_name_cyrillic="",
            birth_date=BIRTH,
            sex="M",
            phone="+31 6 1234 5678",
            notes="heeft een afspraak bij de huisarts",
        ),
        "twin": person(
            municipality=other_municipality,
            given_names="Mykola",
            family_name="Kovalenko",
            given_names_cyrillic="Микола",
            family_name_cyrillic="Коваленко",
            birth_date=BIRTH,
            sex="M",
        ),
        "namesake": person(
            municipality=municipality,
            given_names="Oleksandr",
            family_name="Kovalenko",
            given_names_cyrillic="Олександр",
            family_name_cyrillic="Коваленко",
            birth_date=datetime.date(1991, 7, 2),
            sex="M",
        ),
        "iryna": person(
            municipality=municipality,
            given_names="Iryna",
            family_name="Bondarenko",
            given_names_cyrillic="Ірина",
            family_name_cyrillic="Бондаренко",
            birth_date=datetime.date(1979, 11, 30),
        ),
        "iryna_again": person(
            municipality=municipality,
            given_names="Iryna",
            family_name="Bondarenko",
            given_names_cyrillic="Ірина",
            family_name_cyrillic="Бондаренко",
            birth_date=datetime.date(1979, 11, 30),
        ),
    }


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def amsterdam_coordinator(other_municipality):
    return factories.UserFactory(
        username="amsterdam", organisation=other_municipality, role=Role.COORDINATOR
    )


def _run(national_user) -> MatchRun:
    response = _client(national_user).post("/duplicates/national/")
    assert response.status_code == 302
    return MatchRun.objects.get()


def test_the_national_run_finds_the_pair_across_municipalities_and_no_one_else(
    persons, national_user
):
    run = _run(national_user)

    assert run.status == "done"
    assert (run.persons, run.found, run.new) == (6, 1, 1)
    pair = CrossMatch.objects.get()
    assert {pair.person_a, pair.person_b} == {persons["utrecht"], persons["amsterdam"]}

    page = page_text(_client(national_user).get("/duplicates/national/"))
    assert "6 persons compared, 1 probable duplicate pairs across municipalities" in page
    assert "Utrecht 1 1 0 0 0" in page
    assert "Amsterdam 1 1 0 0 0" in page
    for name in ("Kovalenko", "Kowalenko", "Oleksandr", "Bondarenko"):
        assert name not in page


def test_each_municipality_sees_its_own_person_and_only_the_evidence_of_the_other(
    persons, national_user, coordinator, amsterdam_coordinator
):
    _run(national_user)
    pair = CrossMatch.objects.get()

    listing = page_text(_client(coordinator).get("/duplicates/"))
    assert "1 pair waits for your decision." in listing
    assert "Oleksandr Kovalenko (14 March 1985) Amsterdam" in listing
    assert "Aleksandr" not in listing

    response = _client(coordinator).get(f"/duplicates/{pair.pk}/")
    page = page_text(response)
    assert "Oleksandr Kovalenko: probably also registered in Amsterdam" in page
    assert "family name Kovalenko ~ Kowalenko" in page
    assert "given name Oleksandr" in page and "Aleksandr" in page
    # Of the other record only what the comparison used.
    assert "+31 6 1234 5678" not in page
    assert "huisarts" not in page
    # The other side reads the evidence with its own spelling first.
    other_side = page_text(_client(amsterdam_coordinator).get(f"/duplicates/{pair.pk}/"))
    assert "Aleksandr Kowalenko: probably also registered in Utrecht" in other_side
    assert "family name Kowalenko ~ Kovalenko" in other_side
    assert "kamer 12" not in other_side

    # Both persons were shown: the view is in the audit log under both.
    event = AuditEvent.objects.filter(action="view", object_type="dedup.CrossMatch").first()
    assert f"registry.Person:{persons['utrecht'].pk}" in event.shown
    assert f"registry.Person:{persons['amsterdam'].pk}" in event.shown


def test_both_sides_decide_and_a_later_run_does_not_ask_again(
    persons, national_user, coordinator, amsterdam_coordinator
):
    _run(national_user)
    pair = CrossMatch.objects.get()
    utrecht, amsterdam = _client(coordinator), _client(amsterdam_coordinator)

    utrecht.post(f"/duplicates/{pair.pk}/", {"verdict": "same"})
    assert "Waiting for the other municipality" in page_text(utrecht.get("/duplicates/"))
    assert "Waiting for your decision" in page_text(amsterdam.get("/duplicates/"))

    amsterdam.post(f"/duplicates/{pair.pk}/", {"verdict": "same"})
    assert "The same person (both agree)" in page_text(utrecht.get("/duplicates/"))

    MatchRun.objects.all().delete()
    run = _run(national_user)
    assert (run.found, run.new) == (1, 0)
    assert CrossMatch.objects.get().decisions.count() == 2
    assert "wait for your decision" not in page_text(utrecht.get("/duplicates/"))
    page = page_text(_client(national_user).get("/duplicates/national/"))
    assert "Utrecht 1 0 0 1 0" in page


def test_one_side_saying_not_the_same_settles_the_pair(
    persons, national_user, coordinator, amsterdam_coordinator
):
    _run(national_user)
    pair = CrossMatch.objects.get()
    _client(amsterdam_coordinator).post(f"/duplicates/{pair.pk}/", {"verdict": "not_same"})

    page = page_text(_client(coordinator).get("/duplicates/?state=not_same"))
    assert "Oleksandr Kovalenko" in page and "Not the same person" in page
    assert "No pairs with this status." in page_text(
        _client(coordinator).get("/duplicates/?state=open")
    )


def test_a_decision_must_be_one_of_the_two(persons, national_user, coordinator):
    _run(national_user)
    pair = CrossMatch.objects.get()
    response = _client(coordinator).post(f"/duplicates/{pair.pk}/", {"verdict": "maybe"})
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response)
    assert not pair.decisions.exists()


def test_who_may_see_what(persons, national_user, coordinator, finance_officer):
    _run(national_user)
    pair = CrossMatch.objects.get()
    third = factories.UserFactory(
        username="zwolle",
        organisation=factories.MunicipalityFactory(code="GM0193", name="Zwolle"),
        role=Role.COORDINATOR,
    )
    assert _client(third).get(f"/duplicates/{pair.pk}/").status_code == 404
    assert _client(third).post(f"/duplicates/{pair.pk}/", {"verdict": "same"}).status_code == 404
    assert "No probable duplicates" in page_text(_client(third).get("/duplicates/"))
    assert _client(finance_officer).get("/duplicates/").status_code == 403
    assert _client(national_user).get(f"/duplicates/{pair.pk}/").status_code == 404
    assert _client(coordinator).get("/duplicates/national/").status_code == 403
    assert _client(coordinator).post("/duplicates/national/").status_code == 403


def test_the_person_page_and_the_dashboard_point_to_the_pair(persons, national_user, coordinator):
    _run(national_user)
    client = _client(coordinator)
    person_page = page_text(client.get(f"/registry/persons/{persons['utrecht'].pk}/"))
    assert "A probable duplicate is registered in Amsterdam" in person_page
    dashboard = page_text(client.get("/"))
    assert "1 person probably also registered in another municipality waits" in dashboard


def test_only_one_run_at_a_time(national_user, persons):
    MatchRun.objects.create(requested_by=national_user, status="running")
    response = _client(national_user).post("/duplicates/national/", follow=True)
    assert "A national run is already under way" in page_text(response)
    assert MatchRun.objects.count() == 1


def test_the_api_lists_the_pair_and_takes_the_decision(
    persons, national_user, coordinator, amsterdam_coordinator
):
    api = APIClient()
    api.force_authenticate(national_user)
    started = api.post("/api/v1/duplicate-runs/")
    assert started.status_code == 201
    assert started.json()["status"] == "done" and started.json()["found"] == 1

    api.force_authenticate(coordinator)
    listing = api.get("/api/v1/duplicate-matches/").json()
    assert listing["count"] == 1
    pair = listing["results"][0]
    assert pair["person"] == persons["utrecht"].pk
    assert pair["other_municipality"] == {"code": "GM0363", "name": "Amsterdam"}
    assert pair["other"]["family_name"] == "Kowalenko"
    assert "phone" not in pair["other"] and "notes" not in pair["other"]
    assert {"code": "family_variant", "text": "family name Kovalenko ~ Kowalenko"} in pair[
        "evidence"
    ]
    assert pair["state"] == "open"

    decided = api.post(
        f"/api/v1/duplicate-matches/{pair['id']}/decision/", {"verdict": "same"}, format="json"
    )
    assert decided.status_code == 200
    assert decided.json()["state"] == "waiting" and decided.json()["own_decision"] == "same"
    bad = api.post(
        f"/api/v1/duplicate-matches/{pair['id']}/decision/", {"verdict": "maybe"}, format="json"
    )
    assert bad.status_code == 400

    assert api.post("/api/v1/duplicate-runs/").status_code == 403
    api.force_authenticate(national_user)
    assert api.get("/api/v1/duplicate-matches/").status_code == 403


def test_anonymising_a_person_removes_the_pairs_that_quote_their_names(persons, national_user):
    from django.utils import timezone

    from openopvang.privacy.anonymise import personal_details

    _run(national_user)
    counts = personal_details(persons["amsterdam"], timezone.now())
    assert counts["dedup.CrossMatch"] == 1
    assert not CrossMatch.objects.exists()


def test_in_dutch(persons, national_user, coordinator):
    _run(national_user)
    pair = CrossMatch.objects.get()
    page = page_text(_client(coordinator).get(f"/duplicates/{pair.pk}/", HTTP_ACCEPT_LANGUAGE="nl"))
    assert "Oleksandr Kovalenko: waarschijnlijk ook ingeschreven in Amsterdam" in page
    assert "Wacht op uw besluit" in page
    assert "14 maart 1985" in page
    national = page_text(
        _client(national_user).get("/duplicates/national/", HTTP_ACCEPT_LANGUAGE="nl")
    )
    assert "6 personen vergeleken, 1 paren waarschijnlijk dubbel tussen gemeenten" in national
