"""One small plugin registry for every extension point of the platform.

A capability higher in the layers (docs/architecture.md) registers a function
with a registry owned by a capability lower down, which calls what is
registered without importing the capability above it. The extension points:

- partner rules (core.scoping): what another organisation may see of a model;
- cost sources (declarations.cost_sources): lines other capabilities feed
  into the BooO declaration, and the paid POO leefgeld;
- engine sections (rules.engine.evaluate): the parts of an evaluation.
- right sources (registry.snapshots.right_sources): the periods without a
  right to municipal reception that casework adds to a person's scenario.

Pure Python, no Django, so the rules engine can use it too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    name: str
    plugin: T
    order: int


class Registry(Generic[T]):
    """Plugins by name, run in ascending `order` (then name).

    With ``many=False`` a name holds one plugin and registering it again
    replaces it; with ``many=True`` a name collects plugins (e.g. several
    partner rules for one model)."""

    def __init__(self, kind: str, *, many: bool = False):
        self.kind = kind
        self.many = many
        self._entries: dict[str, list[Entry[T]]] = {}

    def add(self, name: str, plugin: T, *, order: int = 100) -> T:
        entry = Entry(name, plugin, order)
        if self.many:
            self._entries.setdefault(name, []).append(entry)
        else:
            self._entries[name] = [entry]
        return plugin

    def register(self, name: str, *, order: int = 100) -> Callable[[T], T]:
        """Decorator form of :meth:`add`."""

        def decorator(plugin: T) -> T:
            return self.add(name, plugin, order=order)

        return decorator

    def remove(self, name: str) -> None:
        self._entries.pop(name, None)

    def names(self) -> list[str]:
        return [entry.name for entry in self.entries() if entry is self._entries[entry.name][0]]

    def all(self, name: str) -> list[T]:
        """The plugins registered under `name`, in order; [] when none."""
        return [entry.plugin for entry in sorted(self._entries.get(name, ()), key=_order)]

    def get(self, name: str) -> T:
        found = self.all(name)
        if not found:
            raise KeyError(f"no {self.kind} named {name!r}; known: {', '.join(sorted(self))}")
        return found[0]

    def entries(self) -> list[Entry[T]]:
        every = [entry for entries in self._entries.values() for entry in entries]
        return sorted(every, key=_order)

    def plugins(self) -> list[T]:
        return [entry.plugin for entry in self.entries()]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self):
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._entries)


def _order(entry: Entry) -> tuple[int, str]:
    return entry.order, entry.name
