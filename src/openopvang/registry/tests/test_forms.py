"""Registry forms: input shaping before the model's own checks."""

import pytest
from django.utils import translation

from openopvang.registry.forms import PersonForm, nationality_choices

BASE = {
    "given_names": "Iryna",
    "family_name": "Melnyk",
    "birth_date": "1990-07-14",
    "sex": "F",
    "nationality": "UA",
}


@pytest.mark.django_db
def test_languages_accept_commas_spaces_and_remove_duplicates():
    form = PersonForm(data={**BASE, "languages": "UK; ru, uk en"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["languages"] == ["uk", "ru", "en"]


@pytest.mark.django_db
def test_bsn_with_spaces_is_compacted_and_checked():
    assert PersonForm(data={**BASE, "bsn": "1112 22 333"}).is_valid()
    form = PersonForm(data={**BASE, "bsn": "111 22 2334"})
    assert not form.is_valid()
    assert "11-check" in form.errors["bsn"][0]


@pytest.mark.django_db
def test_unknown_nationality_code_is_refused():
    form = PersonForm(data={**BASE, "nationality": "QQ"})
    assert not form.is_valid()
    assert "nationality" in form.errors


def test_nationalities_are_named_in_the_current_language():
    with translation.override("nl"):
        common = dict(nationality_choices()[0][1])
    assert common["UA"] == "Oekraïne (UA)"
    with translation.override("en"):
        common = dict(nationality_choices()[0][1])
    assert common["UA"] == "Ukraine (UA)"


def test_invalid_fields_get_the_design_system_invalid_class():
    form = PersonForm(data={**BASE, "given_names": ""})
    assert not form.is_valid()
    assert "utrecht-textbox--invalid" in form.fields["given_names"].widget.attrs["class"]
    assert "utrecht-textbox--invalid" not in form.fields["family_name"].widget.attrs["class"]
