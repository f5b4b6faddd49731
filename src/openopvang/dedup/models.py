"""Probable duplicates across municipalities (ADR 0023).

The national organisation runs the matching over every municipality's
persons as a background job (`MatchRun`). A pair of persons of two
municipalities that the scorer finds probably the same is kept as one
`CrossMatch`, with its score and its evidence as reason codes (rendered in
the reader's language at display time, dedup/reasons.py). Each of the two
municipalities decides for its own side (`MatchDecision`): the same person,
or not the same. A pair is found once: a later run refreshes its evidence
and never asks a decided side again."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from openopvang.core.models import ORGANISATION_MODEL, BackgroundJob
from openopvang.core.permissions import organisation_of
from openopvang.dedup.scoring import Reason


class MatchRun(BackgroundJob):
    """One national run of the matching; no personal data, only counts."""

    persons = models.PositiveIntegerField(_("persons compared"), default=0)
    found = models.PositiveIntegerField(_("pairs found"), default=0)
    new = models.PositiveIntegerField(_("new pairs"), default=0)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("national duplicate run")
        verbose_name_plural = _("national duplicate runs")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} ({self.status})"


class CrossMatchQuerySet(models.QuerySet):
    def for_user(self, user) -> models.QuerySet:
        """The pairs one of whose persons belongs to the user's municipality;
        nothing for anyone else (the national organisation sees counts only)."""
        organisation = organisation_of(user)
        if not getattr(user, "is_authenticated", False) or organisation is None:
            return self.none()
        if not organisation.is_municipality:
            return self.none()
        return self.filter(
            Q(person_a__municipality=organisation) | Q(person_b__municipality=organisation)
        )


class Verdict(models.TextChoices):
    SAME = "same", _("The same person")
    NOT_SAME = "not_same", _("Not the same person")


class MatchState(models.TextChoices):
    """What a pair waits for, as one municipality sees it."""

    OPEN = "open", _("Waiting for your decision")
    WAITING = "waiting", _("Waiting for the other municipality")
    SAME = "same", _("The same person (both agree)")
    NOT_SAME = "not_same", _("Not the same person")


class CrossMatch(models.Model):
    person_a = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    person_b = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    score = models.FloatField(_("score"))
    # [[code, a, b], …] as the scorer gave them, person_a's spelling first.
    reasons = models.JSONField(_("evidence"), default=list)
    found_by = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("found by")
    )
    last_seen_by = models.ForeignKey(
        MatchRun, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)

    objects = CrossMatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("probable duplicate in another municipality")
        verbose_name_plural = _("probable duplicates in other municipalities")
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="dedup_pair_once"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="dedup_pair_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id}"

    def reasons_for(self, own_person) -> list[Reason]:
        """The evidence as `own_person`'s municipality reads it: its own
        spelling first (stored with person_a's first)."""
        reasons = [Reason(*entry) for entry in self.reasons]
        if own_person.pk == self.person_b_id:
            reasons = [Reason(r.code, r.b, r.a) for r in reasons]
        return reasons

    def own_and_other(self, organisation) -> tuple:
        """(own person, other person) as seen from `organisation`."""
        if self.person_a.municipality_id == getattr(organisation, "pk", organisation):
            return self.person_a, self.person_b
        return self.person_b, self.person_a

    def decision_of(self, organisation):
        wanted = getattr(organisation, "pk", organisation)
        return next((d for d in self.decisions.all() if d.municipality_id == wanted), None)

    def state_for(self, organisation) -> str:
        own = self.decision_of(organisation)
        verdicts = {d.verdict for d in self.decisions.all()}
        if Verdict.NOT_SAME in verdicts:
            return MatchState.NOT_SAME
        if own is None:
            return MatchState.OPEN
        if len(verdicts) == 1 and len(self.decisions.all()) == 2:
            return MatchState.SAME
        return MatchState.WAITING


class MatchDecision(models.Model):
    """One municipality's verdict on a pair: kept, not asked again."""

    match = models.ForeignKey(CrossMatch, on_delete=models.CASCADE, related_name="decisions")
    municipality = models.ForeignKey(
        ORGANISATION_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    verdict = models.CharField(_("decision"), max_length=10, choices=Verdict.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        verbose_name = _("duplicate decision")
        verbose_name_plural = _("duplicate decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["match", "municipality"], name="dedup_one_decision_per_side"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.match_id}: {self.verdict}"

    def clean(self):
        match = self.match
        if self.municipality_id not in (
            match.person_a.municipality_id,
            match.person_b.municipality_id,
        ):
            raise ValidationError(
                _("Only the two municipalities of a pair decide on it."), code="not_a_side"
            )
