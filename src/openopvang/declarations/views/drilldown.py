"""From totals to lines to one line: its explanation, locations and the
persons behind it (audited), for a draft or a stored version alike."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from openopvang.audit import services as audit

from .. import selectors
from ..explanations import label
from .common import DeclarationMixin


class LinesView(DeclarationMixin, TemplateView):
    template_name = "declarations/lines.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        component = self.request.GET.get("component") or None
        month = self.request.GET.get("month") or None
        if "data" in context:
            context["lines"] = context["data"].lines_for(component, month)
        context.update(
            component=component,
            component_label=label(component) if component else "",
            month=month,
            back_url=self.url("page")
            if self.declaration
            else reverse("declarations:year", args=[self.year]),
        )
        return context


class LineView(DeclarationMixin, TemplateView):
    """One line: the explanation tree, the locations with their capacity
    periods, the persons behind a POO line (scoped names; the view is audited)
    and the source of a line another capability fed in."""

    template_name = "declarations/line.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "data" not in context:
            return context
        data = context["data"]
        line = data.line(self.kwargs["index"])
        if line is None:
            raise Http404
        user = self.request.user
        location_refs = [line["location"]] if line.get("location") else []
        explanation = line.get("explanation") or {}
        location_refs += [
            r
            for r in explanation.get("records", [])
            if r.startswith("L") and r not in location_refs
        ]
        registry_locations = selectors.locations_for(user, location_refs)
        locations = []
        for location_ref in location_refs:
            stored = data.scenario_location(location_ref) or {}
            pk = int(location_ref[1:])
            locations.append(
                {
                    "ref": location_ref,
                    "location": registry_locations.get(pk),
                    "kind": stored.get("kind"),
                    "capacity": stored.get("capacity", []),
                }
            )
        persons = selectors.persons_for(user, line["persons"]) if line["persons"] else []
        audit.record_read(
            user,
            [("registry.Person", p["pk"]) for p in persons],
            object_type="registry.Person",
            request=self.request,
            extra={"year": self.year, "line": line["index"]},
        )
        context.update(
            line=line,
            locations=locations,
            persons=persons,
            back_url=self.url("lines", query={"component": line["component"]}),
        )
        return context
