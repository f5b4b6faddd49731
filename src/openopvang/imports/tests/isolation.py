"""Victims for the project-wide isolation walk: one import of the victim
municipality, with a row that names the victim person."""

from openopvang.core.testing.isolation import victim

from .factories import ImportJobFactory


@victim("imports.ImportJob")
def _import_job(v):
    row = {
        "row": 2,
        "values": {"family_name": "Victimenko", "given_names": "Olena", "bsn": "111222333"},
        "errors": [["birth_date", "Victimenko has no birth date"]],
        "hints": [],
        "person": None,
    }
    return ImportJobFactory(municipality=v["municipality"], file_name="Victimenko.xlsx", rows=[row])
