"""Victims for the project-wide isolation walk: a pair of the victim
municipality's person with a person of another municipality."""

from openopvang.core.testing.isolation import victim

from .factories import CrossMatchFactory


@victim("dedup.CrossMatch")
def _cross_match(v):
    return CrossMatchFactory(person_a=v["registry.Person"])
