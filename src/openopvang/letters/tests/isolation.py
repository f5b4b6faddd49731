"""Victims for the project-wide isolation walk: one record of every routed
letters model, owned by the victim municipality."""

from openopvang.core.testing.isolation import victim
from openopvang.letters import services
from openopvang.letters.models import LetterBatch


@victim("letters.LetterTemplate")
def _template(v):
    version = services.ensure_template(v["owner"], v["municipality"], "welcome")
    return version.template


@victim("letters.SentLetter")
def _letter(v):
    from openopvang.letters.models import SentLetter

    version = v["letters.LetterTemplate"].current
    return SentLetter.objects.create(
        municipality=v["municipality"],
        person=v["registry.Person"],
        version=version,
        letter_type="welcome",
        language="nl",
        channel="print",
        subject="Welkom Victimenko",
        data={
            "language": "nl",
            "day": "2024-03-01",
            "address": ["Victimenko", "Straat 1", "3511 AB Utrecht"],
            "sender": ["Gemeente"],
            "values": {"name": "Victimenko", "date": "1 maart 2024", "reference": "X"},
        },
    )


@victim("letters.LetterBatch")
def _batch(v):
    from django.core.files.base import ContentFile

    batch = LetterBatch.objects.create(
        municipality=v["municipality"],
        letter_type="welcome",
        person_ids=[v["registry.Person"].pk],
        count=1,
        done=1,
        status="done",
    )
    batch.run_file.save("letters.pdf", ContentFile(b"%PDF-1.7 victim"), save=False)
    batch.zip_file.save("letters.zip", ContentFile(b"PK victim"), save=False)
    batch.save()
    return batch
