"""A submitted version, from its stored snapshot."""

from __future__ import annotations

from django.views.generic import TemplateView

from .. import selectors
from ..diff import diff
from ..figures import DeclarationData
from .common import DeclarationMixin


class VersionView(DeclarationMixin, TemplateView):
    """A submitted version, from its stored snapshot, with the diff against
    the version before it."""

    template_name = "declarations/version.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        previous = self.declaration.previous
        if previous is not None:
            context["changes"] = diff(DeclarationData.from_declaration(previous), context["data"])
        context["versions"] = selectors.declarations(self.request.user, self.year).order_by(
            "version"
        )
        return context
