"""The one scoping mechanism: every query for organisation-owned data goes
through `Model.objects.for_user(user)`.

A model opts in by using `ScopedQuerySet` and naming the path from the model to
its owning municipality in `scope_path`. Staff of that municipality see its
rows (only the roles in `scope_roles`, when the model names them: the money
of a municipality is for its finance officers); staff of other organisations
see nothing unless a capability registers a partner rule (e.g. NGOs see
persons enrolled in the services they deliver)."""

from collections.abc import Callable

from django.db import models

from openopvang.plugins import Registry

PartnerRule = Callable[[models.QuerySet, object], models.QuerySet]
partner_rules: Registry[PartnerRule] = Registry("partner rule", many=True)


def register_partner_rule(model_label: str):
    """Let a capability widen what non-owning organisations see of a model,
    without the model's app importing that capability (layers import down)."""
    return partner_rules.register(model_label)


class ScopedQuerySet(models.QuerySet):
    def for_organisation(self, organisation) -> models.QuerySet:
        return self.filter(**{self.model.scope_path: organisation})

    def for_user(self, user) -> models.QuerySet:
        organisation = getattr(user, "organisation", None)
        if not getattr(user, "is_authenticated", False) or organisation is None:
            return self.none()
        roles = getattr(self.model, "scope_roles", None)
        if roles is not None and getattr(user, "role", None) not in roles:
            return self.none()
        if organisation.is_municipality:
            return self.for_organisation(organisation)
        rules = partner_rules.all(self.model._meta.label)
        if not rules:
            return self.none()
        result = self.none()
        for rule in rules:
            result = result | rule(self, user)
        return result.distinct()


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)
