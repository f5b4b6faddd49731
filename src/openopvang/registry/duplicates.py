"""Probable duplicates of a person about to be registered (ADR 0015).

An extension point (openopvang.plugins): the `dedup` app, above the registry
in the layers, registers the check; the registry's create form and API call
it without importing that app. Without a registered check nothing is found."""

from __future__ import annotations

from dataclasses import dataclass

from openopvang.plugins import Registry


@dataclass(frozen=True)
class ProbableDuplicate:
    person: object  # a registry.Person of the same municipality
    score: float
    reasons: str  # readable evidence, in the current language


duplicate_checks: Registry = Registry("duplicate check")
# Compares one new (unsaved) person with one registered person; for callers
# that fetched the candidates themselves (the import, a file at once).
duplicate_comparers: Registry = Registry("duplicate comparer")


def probable_duplicates(person) -> list[ProbableDuplicate]:
    found: list[ProbableDuplicate] = []
    for check in duplicate_checks.plugins():
        found.extend(check(person))
    return found


def has_comparer() -> bool:
    return len(duplicate_comparers) > 0


def compare_persons(new, existing) -> ProbableDuplicate | None:
    """Whether `existing` is probably `new`, by the first comparer registered."""
    for compare in duplicate_comparers.plugins():
        return compare(new, existing)
    return None
