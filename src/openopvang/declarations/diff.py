"""What changed between two versions of a declaration (or a version and
the live draft): per component and per line, old → new."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from .explanations import label, ordered_components
from .figures import DeclarationData

ZERO = Decimal("0.00")


def line_key(line: dict) -> tuple:
    """What identifies "the same line" across versions."""
    source = line.get("source") or {}
    if source.get("type") and source.get("id") is not None:
        return ("source", source["type"], source["id"])
    return (
        line["component"],
        line.get("location"),
        line.get("month"),
        line.get("from"),
        line.get("rate"),
    )


def diff(old: DeclarationData, new: DeclarationData) -> dict:
    """Per component and per line: old → new amounts (only what changed)."""
    old_components = {row["component"]: row["amount"] for row in old.components()}
    new_components = {row["component"]: row["amount"] for row in new.components()}
    components = []
    for component in ordered_components(set(old_components) | set(new_components)):
        before = old_components.get(component, ZERO)
        after = new_components.get(component, ZERO)
        if before != after:
            components.append(
                {
                    "component": component,
                    "label": label(component),
                    "old": before,
                    "new": after,
                    "delta": after - before,
                }
            )

    def keyed(data):
        counts: Counter = Counter()
        out = {}
        for line in data.lines():
            key = line_key(line)
            out[(key, counts[key])] = line
            counts[key] += 1
        return out

    old_lines, new_lines = keyed(old), keyed(new)
    lines = []
    for key in list(old_lines) + [k for k in new_lines if k not in old_lines]:
        before, after = old_lines.get(key), new_lines.get(key)
        old_amount = before["amount"] if before else None
        new_amount = after["amount"] if after else None
        if old_amount == new_amount and (before or {}).get("quantity") == (after or {}).get(
            "quantity"
        ):
            continue
        shown = after or before
        lines.append(
            {
                "component": shown["component"],
                "label": label(shown["component"]),
                "description": shown["description"],
                "location": shown.get("location"),
                "month": shown.get("month"),
                "from": shown.get("from"),
                "to": shown.get("to"),
                "old": old_amount,
                "new": new_amount,
                "old_quantity": before.get("quantity") if before else None,
                "new_quantity": after.get("quantity") if after else None,
                "delta": (new_amount or ZERO) - (old_amount or ZERO),
            }
        )
    return {
        "components": components,
        "lines": lines,
        "old_total": old.total,
        "new_total": new.total,
        "delta": new.total - old.total,
    }
