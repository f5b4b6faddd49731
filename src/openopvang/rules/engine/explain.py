"""Explanation tree: every amount can say where it came from.

A node's ``label`` is an English sentence for readers of the CLI output; its
``text`` says the same as a code with parameters (``{"code": "goo_line",
"location": "L1", "place_days": 30, "rate": "83.00"}``) that a user interface
renders in the reader's language. A group node carries a machine ``key``
(the BooO component) to find it by."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .dates import DateRange
from .money import fmt


@dataclass
class Node:
    label: str
    amount: Decimal | None = None
    parameter: str | None = None
    value: Any = None
    reference: dict[str, str] | None = None
    period: DateRange | None = None
    count: int | None = None
    records: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    text: dict[str, Any] | None = None  # {"code": ..., **parameters}
    key: str | None = None  # machine key of a group (e.g. the component)

    def add(self, child: Node) -> Node:
        self.children.append(child)
        return child

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label}
        if self.key is not None:
            out["key"] = self.key
        if self.text is not None:
            out["text"] = dict(self.text)
        if self.amount is not None:
            out["amount"] = fmt(self.amount)
        if self.parameter is not None:
            out["parameter"] = self.parameter
        if self.value is not None:
            out["value"] = _plain(self.value)
        if self.reference is not None:
            out["reference"] = dict(self.reference)
        if self.period is not None:
            out["from"] = self.period.start.isoformat()
            out["to"] = self.period.end.isoformat() if self.period.end else None
        if self.count is not None:
            out["count"] = self.count
        if self.records:
            out["records"] = list(self.records)
        if self.children:
            out["children"] = [child.to_dict() for child in self.children]
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, int | str | bool) else str(value)
