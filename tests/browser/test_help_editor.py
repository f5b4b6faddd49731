"""The national editor adds a topic in a real browser: the topic in Dutch
first, then its English text, through the staff pages in Dutch; the public
page shows it in both languages, and Ukrainian falls back to Dutch with the
note. The editor's pages pass an axe WCAG 2.1 AA scan."""

import pytest
from django.utils.text import capfirst
from playwright.sync_api import expect

from openopvang.accounts.models import Organisation, OrganisationKind, Role
from openopvang.core.testing import factories
from openopvang.help.models import Agency, Topic, TopicText

from .conftest import assert_no_page_problems, nl

pytestmark = pytest.mark.browser


def label(model, field: str) -> str:
    """The label Django gives a model form field, in Dutch."""
    return capfirst(nl(str(model._meta.get_field(field).verbose_name)))


@pytest.fixture
def editor(transactional_db):
    """An administrator of the national organisation (the NOO): the editor."""
    national, _ = Organisation.objects.update_or_create(
        code="NOO",
        defaults={"name": "Nationale Opvang Organisatie", "kind": OrganisationKind.NATIONAL},
    )
    return factories.UserFactory(
        username="help-editor", organisation=national, role=Role.ADMINISTRATOR
    )


@pytest.fixture
def agency(transactional_db):
    agency, _ = Agency.objects.update_or_create(
        code="browser-loop",
        defaults={"name": "LOOP", "website": "https://www.loop.example.org"},
    )
    return agency


def test_the_editor_adds_a_topic_in_dutch_and_english(page, login, axe_check, editor, agency):
    login(page, editor)
    page.get_by_role("navigation", name=nl("Main navigation")).get_by_role(
        "link", name=nl("Help"), exact=True
    ).click()
    page.get_by_role("link", name=nl("Topics and answers")).click()
    page.get_by_role("link", name=nl("New topic")).click()
    axe_check(page, context_name="new topic")
    page.get_by_label(label(Topic, "code")).fill("psychische-hulp")
    page.get_by_label(label(Topic, "audience")).select_option("person")
    page.get_by_label(label(Topic, "agency")).select_option(label="LOOP")
    page.get_by_label(label(Topic, "position")).fill("5")
    page.get_by_role("button", name=nl("Save")).click()
    page.wait_for_load_state()

    # Straight on to the Dutch text.
    topic = Topic.objects.get(code="psychische-hulp")
    assert page.url.endswith(f"/help/topics/{topic.pk}/text/nl/")
    axe_check(page, context_name="the topic's Dutch text")
    page.get_by_label(label(TopicText, "title")).fill("Psychische hulp")
    page.get_by_label(label(TopicText, "answer")).fill("LOOP helpt bij psychische klachten.")
    page.get_by_role("button", name=nl("Save")).click()
    page.wait_for_load_state()

    # Back on the list: English is missing; add it.
    assert page.url.endswith("/help/topics/")
    row = page.locator("tr", has_text="psychische-hulp")
    missing = nl("missing")
    expect(row.get_by_role("link", name=f"EN ({missing})")).to_be_visible()
    expect(row.get_by_role("link", name="NL", exact=True)).to_be_visible()
    row.get_by_role("link", name=f"EN ({missing})").click()
    page.get_by_label(label(TopicText, "title")).fill("Mental health support")
    page.get_by_label(label(TopicText, "answer")).fill("LOOP helps with mental health.")
    page.get_by_role("button", name=nl("Save")).click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text="psychische-hulp")
    expect(row.get_by_role("link", name="EN", exact=True)).to_be_visible()
    axe_check(page, context_name="topic list")
    assert set(TopicText.objects.filter(topic=topic).values_list("language", "title")) == {
        ("nl", "Psychische hulp"),
        ("en", "Mental health support"),
    }

    # The public page in English, in Dutch, and Ukrainian falling back to Dutch.
    page.goto("/public/help/?audience=person&lang=en")
    page.get_by_role("link", name="Mental health support").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mental health support")
    expect(page.locator("main")).to_contain_text("LOOP")
    page.goto("/public/help/topics/psychische-hulp/?lang=nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Psychische hulp")
    page.goto("/public/help/topics/psychische-hulp/?lang=uk")
    expect(page.get_by_role("heading", level=1)).to_have_text("Psychische hulp")
    expect(page.locator(".oo-help-fallback")).to_be_visible()
    assert_no_page_problems(page)
