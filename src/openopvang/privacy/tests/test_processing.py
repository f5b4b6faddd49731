"""The records of processing cannot drift from the models."""

from pathlib import Path

from openopvang.privacy.processing import render_markdown, unclassified, unknown_fields

DOC = Path(__file__).resolve().parents[4] / "docs" / "operations" / "privacy.md"


def test_every_field_that_looks_personal_is_classified():
    assert unclassified() == []


def test_every_classified_field_exists():
    assert unknown_fields() == []


def test_the_operations_doc_is_the_generated_text():
    # Out of date: run `openopvang privacy processing --write`.
    assert DOC.read_text(encoding="utf-8") == render_markdown()


def test_the_doc_names_retention_and_who_sees_it():
    text = render_markdown()
    assert "`registry.Person`" in text and "`bsn`" in text
    assert "7 years (AWR art. 52)" in text


def test_the_pdf_speaks_the_first_preferred_language_the_platform_writes():
    from types import SimpleNamespace

    from openopvang.privacy.subject import pdf_language

    offered = ("nl", "en", "uk", "ru")
    assert pdf_language(SimpleNamespace(languages=["ar", "en"]), offered) == "en"
    assert pdf_language(SimpleNamespace(languages=["uk-UA"]), offered) == "uk"
    assert pdf_language(SimpleNamespace(languages=[]), offered) == "nl"
