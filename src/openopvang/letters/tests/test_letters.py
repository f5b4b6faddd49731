"""What a user notices of letters: the text inside the PDFs in Dutch,
Ukrainian and Arabic, the address block in its order, the placeholder check
when a template is saved, the letter on the person's page, the batch."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openopvang.audit.models import AuditEvent
from openopvang.core.testing import factories
from openopvang.core.testing.pdf import pdf_text
from openopvang.letters import services
from openopvang.letters.models import LetterBatch, SentLetter


def placed(municipality, **person):
    location = factories.LocationFactory(
        municipality=municipality, address="Oudegracht 10", postcode="3511 AB", city="Utrecht"
    )
    person = factories.PersonFactory(municipality=municipality, **person)
    factories.PlacementFactory(
        municipality=municipality,
        person=person,
        location=location,
        start_date=datetime.date(2024, 1, 1),
    )
    return person


def test_a_welcome_letter_in_ukrainian_with_the_address_in_the_window(coordinator, sender):
    person = placed(sender, given_names="Olena", family_name="Shevchenko", languages=["uk"])
    letter, pdf = services.make_letter(
        coordinator, person, "welcome", day=datetime.date(2026, 12, 2)
    )
    text = pdf_text(pdf)
    assert letter.language == "uk"
    assert "Ласкаво просимо до Gemeente Utrecht" in text
    assert "Шановний(а) Olena Shevchenko" in text
    # The address block: name, street, postcode and place, in this order.
    lines = text.splitlines()
    start = lines.index("Olena Shevchenko")
    assert lines[start : start + 3] == ["Olena Shevchenko", "Oudegracht 10", "3511 AB Utrecht"]
    assert "Gemeente Utrecht" in text and "3521 AZ UTRECHT" in text
    assert "2 грудня 2026" in text  # the long date in the letter's language


def test_an_arabic_letter_is_right_to_left_with_the_address_and_dates_in_order(coordinator, sender):
    person = placed(sender, given_names="Ali", family_name="Hassan", languages=["ar"])
    person.nationality = "SY"
    person.save()
    letter, pdf = services.make_letter(
        coordinator,
        person,
        "end_of_reception",
        asked={"reception_ends_on": datetime.date(2027, 1, 5)},
        day=datetime.date(2026, 12, 1),
    )
    text = pdf_text(pdf)
    assert letter.language == "ar"
    assert "انتهاء الاستقبال والخدمات" in text
    assert "الجنسية" in text and "البلدية" in text
    assert "3511 AB Utrecht" in text  # not "AB Utrecht 3511"
    assert "AB Utrecht 3511" not in text
    # Dates with the Arabic month name (day and year in Western digits).
    assert "يناير" in text and "2027" in text and "ديسمبر" in text
    assert letter.data["values"]["reception_ends_on"] == "5 يناير 2027"
    assert f"{sender.code}-{person.pk:06d}" in text  # the reference too


def test_the_arabic_letter_is_laid_out_right_to_left(coordinator, sender):
    from openopvang.letters import documents
    from openopvang.letters.types import get_type

    person = placed(sender, languages=["ar"])
    version = services.ensure_template(coordinator, sender, "welcome")
    kind = get_type("welcome")
    data = documents.letter_data(coordinator, person, kind, "ar", datetime.date(2026, 12, 1), {})
    view = documents.letter_view(kind, version.text_for("ar"), data)
    assert view["rtl"]
    assert '<bdi dir="ltr">' in view["body"]  # the address and phone stay left to right


def test_a_dutch_letter_through_the_person_page(coordinator_client, coordinator, sender):
    person = placed(sender, given_names="Iryna", family_name="Bondar", languages=["de"])
    page = coordinator_client.get(f"/letters/persons/{person.pk}/")
    assert page.status_code == 200
    response = coordinator_client.post(
        f"/letters/persons/{person.pk}/", {"letter_type": "welcome", "action": "make"}
    )
    assert response.status_code == 302
    letter = SentLetter.objects.get(person=person)
    assert letter.language == "nl"  # no text in German: Dutch
    pdf = coordinator_client.get(response["Location"])
    text = pdf_text(pdf.content)
    assert "Welkom in Gemeente Utrecht" in text
    assert "Beste Iryna Bondar" in text
    assert "Stadsplateau 1, 3521 AZ UTRECHT" in text
    # On the person's page, and audited.
    person_page = coordinator_client.get(f"/registry/persons/{person.pk}/").content.decode()
    assert "Welkom in Gemeente Utrecht" in person_page
    assert AuditEvent.objects.filter(object_type="letters.SentLetter", action="create").exists()
    assert AuditEvent.objects.filter(object_type="letters.SentLetter", action="export").exists()


def test_a_preview_is_not_kept_but_audited(coordinator_client, sender):
    person = placed(sender, languages=["uk"])
    response = coordinator_client.post(
        f"/letters/persons/{person.pk}/", {"letter_type": "welcome", "action": "preview"}
    )
    assert response["Content-Type"] == "application/pdf"
    assert "Ласкаво просимо" in pdf_text(response.content)
    assert not SentLetter.objects.exists()
    assert AuditEvent.objects.filter(action="view", object_id=str(person.pk)).exists()


def test_a_person_without_an_address_gets_no_letter(coordinator, sender):
    person = factories.PersonFactory(municipality=sender)
    with pytest.raises(ValidationError, match="no postal address"):
        services.make_letter(coordinator, person, "welcome")


def test_another_municipality_cannot_make_a_letter(outsider, sender):
    person = placed(sender)
    with pytest.raises(PermissionDenied):
        services.make_letter(outsider, person, "welcome")


def test_an_unknown_placeholder_is_refused_at_save(coordinator_client, sender):
    texts = {"subject_nl": "Welkom", "body_nl": "Beste {{ name }}, uw {{ adres }}."}
    response = coordinator_client.post("/letters/templates/new/?type=welcome", texts)
    assert response.status_code == 200
    page = response.content.decode()
    assert "{{ adres }}" in page
    assert not sender.letter_templates.exists()


def test_a_required_placeholder_missing_is_refused_at_save(coordinator, sender):
    with pytest.raises(ValidationError) as error:
        services.save_template(
            coordinator,
            sender,
            "end_of_reception",
            {"nl": ("Einde opvang", "Beste {{ name }}, uw opvang stopt binnenkort.")},
        )
    messages = error.value.message_dict["body_nl"]
    assert any("{{ reception_ends_on }}" in message for message in messages)


def test_each_change_is_a_new_version_and_a_sent_letter_keeps_its_own(coordinator, sender):
    person = placed(sender, languages=["nl"])
    first = services.save_template(
        coordinator, sender, "welcome", {"nl": ("Welkom", "Beste {{ name }}, eerste versie.")}
    )
    letter, _pdf = services.make_letter(coordinator, person, "welcome")
    second = services.save_template(
        coordinator, sender, "welcome", {"nl": ("Welkom", "Beste {{ name }}, tweede versie.")}
    )
    assert (first.number, second.number) == (1, 2)
    letter.refresh_from_db()
    assert letter.version == first
    assert "eerste versie" in pdf_text(services.letter_pdf(coordinator, letter))
    _new, pdf = services.make_letter(coordinator, person, "welcome")
    assert "tweede versie" in pdf_text(pdf)


def test_the_editor_saves_a_version_and_shows_a_preview(coordinator_client, sender):
    texts = {
        "subject_nl": "Welkom in {{ municipality }}",
        "body_nl": "Beste {{ name }},\n\nKom langs op {{ municipality_address }}.",
        "subject_ar": "مرحبا",
        "body_ar": "عزيزي {{ name }}، عنواننا {{ municipality_address }}.",
    }
    preview = coordinator_client.post(
        "/letters/templates/new/?type=welcome", {**texts, "preview": "ar"}
    )
    assert preview["Content-Type"] == "application/pdf"
    text = pdf_text(preview.content)
    assert "عنواننا" in text and "3511 AB Utrecht" in text
    saved = coordinator_client.post("/letters/templates/new/?type=welcome", texts)
    assert saved.status_code == 302
    template = sender.letter_templates.get()
    assert {t.language for t in template.current.texts.all()} == {"nl", "ar"}
    detail = coordinator_client.get(saved["Location"]).content.decode()
    assert "Kom langs op" in detail


def test_a_caseworker_cannot_change_the_texts(client, sender):
    caseworker = factories.UserFactory(organisation=sender, role="caseworker")
    with pytest.raises(PermissionDenied):
        services.save_template(caseworker, sender, "welcome", {"nl": ("W", "{{ name }}")})


def test_a_batch_makes_one_print_run_and_lists_who_has_no_address(
    coordinator_client, coordinator, sender
):
    olena = placed(sender, given_names="Olena", family_name="Melnyk", languages=["uk"])
    ali = placed(sender, given_names="Ali", family_name="Hassan", languages=["ar"])
    homeless = factories.PersonFactory(municipality=sender, given_names="Petro", family_name="Ne")
    query = f"?person={olena.pk}&person={ali.pk}&person={homeless.pk}"
    page = coordinator_client.get(f"/letters/batches/new/{query}")
    assert "3 persons" in page.content.decode() or "3 personen" in page.content.decode()
    response = coordinator_client.post(f"/letters/batches/new/{query}", {"letter_type": "welcome"})
    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    assert (batch.status, batch.done, batch.count) == ("done", 3, 3)
    assert [e["name"] for e in batch.errors] == ["Petro Ne"]
    detail = coordinator_client.get(response["Location"]).content.decode()
    assert "Petro Ne" in detail and "no postal address" in detail
    pdf = coordinator_client.get(f"/letters/batches/{batch.pk}/pdf/")
    text = pdf_text(b"".join(pdf.streaming_content))
    assert "Шановний(а) Olena Melnyk" in text
    assert "مرحبا بكم في" in text
    assert text.count("3511 AB Utrecht") >= 2
    assert set(SentLetter.objects.values_list("person_id", flat=True)) == {olena.pk, ali.pk}
    assert AuditEvent.objects.filter(object_type="letters.LetterBatch", action="export").exists()


def test_a_batch_from_the_person_list_filter(coordinator_client, sender):
    placed(sender, given_names="Ali", family_name="Hassan", nationality="SY", languages=["ar"])
    placed(sender, given_names="Olena", family_name="Melnyk")
    response = coordinator_client.post(
        "/letters/batches/new/?nationality=third_country",
        {"letter_type": "end_of_reception", "reception_ends_on": "2027-01-05"},
    )
    assert response.status_code == 302
    batch = LetterBatch.objects.get()
    assert batch.count == 1 and not batch.errors
    letter = SentLetter.objects.get()
    assert letter.person.family_name == "Hassan" and letter.language == "ar"


def test_the_template_preview_uses_sample_data(coordinator_client, coordinator, sender):
    version = services.ensure_template(coordinator, sender, "leefgeld_decision")
    response = coordinator_client.get(
        f"/letters/templates/{version.template_id}/preview/uk/?version=1"
    )
    text = pdf_text(response.content)
    assert "Ваші кошти на проживання" in text
    assert "€ 1.250,50" in text


@pytest.mark.parametrize(
    ("code", "situation", "language", "expected"),
    [
        ("departure_notice", "rejected_no_appeal", "ru", "Ваш срок для выезда"),
        ("coa_invitation", "asylum_pending", "ar", "إحضار وثيقة الهوية"),
    ],
)
def test_letters_with_the_dates_of_the_casework_deadline(
    coordinator, sender, code, situation, language, expected
):
    from openopvang.casework import services as casework
    from openopvang.casework.models import Deadline

    person = placed(sender, given_names="Ali", family_name="Hassan", languages=[language])
    person.nationality = "SY"
    person.save()
    with pytest.raises(ValidationError, match="no open"):
        services.make_letter(
            coordinator, person, code, asked={"meeting_on": datetime.date(2026, 12, 10)}
        )
    casework.open_case(
        coordinator,
        person,
        opened_on=datetime.date(2026, 11, 2),
        code=situation,
        start_date=datetime.date(2026, 11, 2),
        reason="decision received",
    )
    deadline = Deadline.objects.get(case__person=person)
    letter, pdf = services.make_letter(
        coordinator,
        person,
        code,
        asked={"meeting_on": datetime.date(2026, 12, 10)},
        day=datetime.date(2026, 12, 1),
    )
    text = pdf_text(pdf)
    assert expected in text and "Ali Hassan" in text
    from openopvang.core import formatting

    due = formatting.long_date(deadline.due_date, language)
    assert due in letter.data["values"].values()
    assert str(deadline.due_date.year) in text


def test_batch_files_are_archival_pdf_a_and_a_zip_of_one_pdf_per_letter(
    coordinator_client, coordinator, sender
):
    import io
    import zipfile

    import pikepdf

    olena = placed(sender, given_names="Olena", family_name="Melnyk", languages=["uk"])
    ali = placed(sender, given_names="Ali", family_name="Hassan", languages=["ar"])
    batch = services.start_batch(coordinator, "welcome", [olena, ali])
    response = coordinator_client.get(f"/letters/batches/{batch.pk}/zip/")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert names == [
        f"0001-{sender.code}-{olena.pk:06d}.pdf",
        f"0002-{sender.code}-{ali.pk:06d}.pdf",
    ]
    assert "Шановний(а) Olena Melnyk" in pdf_text(archive.read(names[0]))
    assert "مرحبا بكم في" in pdf_text(archive.read(names[1]))
    run = b"".join(coordinator_client.get(f"/letters/batches/{batch.pk}/pdf/").streaming_content)
    for content in (archive.read(names[1]), run):
        with pikepdf.open(io.BytesIO(content)) as pdf:
            meta = pdf.open_metadata()
            assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
            assert "/OutputIntents" in pdf.Root
    with pikepdf.open(io.BytesIO(archive.read(names[1]))) as pdf:
        assert pdf.Root.MarkInfo.Marked  # each letter is tagged for accessibility
    with pikepdf.open(io.BytesIO(run)) as pdf:
        assert len(pdf.pages) == 2
        assert pdf.check_pdf_syntax() == []
        # The print run joins pages, not the letters' tags: it claims none.
        assert "/MarkInfo" not in pdf.Root and "/StructTreeRoot" not in pdf.Root
        assert all("/StructParents" not in page.obj for page in pdf.pages)


def test_a_batch_stopped_halfway_keeps_the_letters_made(coordinator, sender, monkeypatch):
    persons = [placed(sender, given_names=f"P{i}", family_name="Melnyk") for i in range(3)]
    made = services.make_letter

    def make_then_stop(user, person, *args, **kwargs):
        result = made(user, person, *args, **kwargs)
        services.cancel_batch(user, kwargs["batch"])
        return result

    monkeypatch.setattr(services, "make_letter", make_then_stop)
    batch = services.start_batch(coordinator, "welcome", persons)
    assert (batch.status, batch.done) == ("cancelled", 1)
    assert SentLetter.objects.count() == 1 and batch.has_files


def test_letters_rendered_one_after_another_keep_their_own_fonts(coordinator, sender):
    """One font configuration serves every letter of a batch (documents.font_config):
    an Arabic letter after a Dutch one still has the Arabic font, and the other way round."""
    from openopvang.core.testing.pdf import pdf_fonts
    from openopvang.letters import documents

    assert documents.font_config() is documents.font_config()
    people = [placed(sender, languages=[code]) for code in ("nl", "ar", "uk", "nl")]
    pdfs = [services.make_letter(coordinator, person, "welcome")[1] for person in people]
    fonts = [pdf_fonts(pdf) for pdf in pdfs]
    assert "OO-Sans-Arabic" in fonts[1]
    assert "OO-Sans-Arabic" not in fonts[3] and "OO-Sans" in fonts[3]
    assert "مرحبا بكم في" in pdf_text(pdfs[1])
    assert "Ласкаво просимо" in pdf_text(pdfs[2])
    assert "Welkom in" in pdf_text(pdfs[3])
