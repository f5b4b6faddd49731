"""Engine references (P12, H3, L5, G7) shown as names, and explanation trees
flattened for display."""

from __future__ import annotations

import re
from collections import defaultdict

from openopvang.registry.models import Host, Household, Location, Person
from openopvang.registry.snapshots import parse_ref


def flatten(node, depth: int = 0, label=None) -> list[tuple[int, str]]:
    """(depth, label) of a node and its descendants; `label(node)` renders one
    (default: the engine's label)."""
    out = [(depth, label(node) if label else node.label)]
    for child in node.children:
        out.extend(flatten(child, depth + 1, label))
    return out


_REF = re.compile(r"\b(?:person:)?([PHLG])(\d+)\b")


class Names:
    """Turns engine references (P12, H3, L5, G7) in explanation text into names."""

    def __init__(self, persons=None, households=None, locations=None, hosts=None):
        self.map = {}
        for prefix, objects in (("P", persons), ("H", households), ("L", locations), ("G", hosts)):
            for obj in objects or ():
                self.map[f"{prefix}{obj.pk}"] = str(obj)

    @classmethod
    def for_scenario(cls, scenario: dict) -> Names:
        ids = defaultdict(set)
        for key in ("persons", "households", "locations", "hosts"):
            for item in scenario.get(key, []):
                kind, pk = parse_ref(item["id"])
                ids[kind].add(pk)
        return cls(
            Person.objects.filter(pk__in=ids["person"]).only("given_names", "family_name"),
            Household.objects.filter(pk__in=ids["household"]).only("name"),
            Location.objects.filter(pk__in=ids["location"]).only("name"),
            Host.objects.filter(pk__in=ids["host"]).only("name"),
        )

    def __call__(self, text: str) -> str:
        return _REF.sub(lambda m: self.map.get(f"{m.group(1)}{m.group(2)}", m.group(0)), text)
