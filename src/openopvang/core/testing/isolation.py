"""The isolation walk: every URL pattern of the project, resolved to a real
object of one municipality, requested by users of other organisations.

`build_victims(municipality)` makes one record of every organisation-owned
model; `object_routes()` lists each URL pattern with the model its `pk` names.
Each app lists one victim of every model it routes in `<app>/tests/isolation.py`
(or the walk fails and says which pattern it cannot resolve)."""

import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

VictimBuilder = Callable[[dict], object]
# model label → builder(victims so far) → instance owned by victims["municipality"]
VICTIM_BUILDERS: dict[str, VictimBuilder] = {}


def victim(label: str):
    def decorator(builder: VictimBuilder) -> VictimBuilder:
        VICTIM_BUILDERS[label] = builder
        return builder

    return decorator


def load_app_victims() -> None:
    """Each capability lists its victims in `<app>/tests/isolation.py`
    (decorated with @victim); importing the module registers them."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("openopvang."):
            try:
                importlib.import_module(f"{config.name}.tests.isolation")
            except ModuleNotFoundError as error:
                if error.name != f"{config.name}.tests.isolation":
                    raise


class _Victims(dict):
    """Victims built on first use, so a builder may ask for another app's
    victim (``v["registry.Person"]``) whatever order the apps registered in."""

    def __missing__(self, label: str):
        if label not in VICTIM_BUILDERS:
            raise KeyError(label)
        self[label] = VICTIM_BUILDERS[label](self)
        return self[label]


def build_victims(municipality, owner) -> dict:
    load_app_victims()
    victims = _Victims(municipality=municipality, owner=owner)
    for label in VICTIM_BUILDERS:
        victims[label]  # noqa: B018 - builds it (and what it needs) once
    return dict(victims)


@dataclass
class Route:
    pattern: str
    name: str
    callback: object
    kwargs: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")


def _join(prefix: str, pattern) -> str:
    text = str(pattern.pattern)
    return prefix + text.lstrip("^").rstrip("$")


def iter_routes(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from iter_routes(entry.url_patterns, _join(prefix, entry), ns)
        elif isinstance(entry, URLPattern):
            regex = entry.pattern.regex
            yield Route(
                _join(prefix, entry),
                f"{namespace}{entry.name or ''}",
                entry.callback,
                tuple(regex.groupindex),
            )


def model_of(route: Route):
    """The model a route's `pk` refers to, read from the view class."""
    callback = route.callback
    if getattr(callback, "isolation_model", None) is not None:  # function views
        return callback.isolation_model
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view is None:
        return None
    explicit = getattr(view, "isolation_model", None)
    if explicit is not None:
        return explicit
    model = getattr(view, "model", None)
    if model is None and getattr(view, "queryset", None) is not None:
        model = view.queryset.model
    if model is None and getattr(view, "serializer_class", None) is not None:
        meta = getattr(view.serializer_class, "Meta", None)
        model = getattr(meta, "model", None)
    return model


def is_public(route: Route) -> bool:
    """Routes that serve no personal data to anyone (e.g. the NGO catalogue,
    which municipalities read to choose services) say so with
    `isolation_public = True`; the leak walk still checks them."""
    view = getattr(route.callback, "view_class", None) or getattr(route.callback, "cls", None)
    return bool(getattr(view, "isolation_public", False))


def concrete_path(route: Route, values: dict[str, object]) -> str:
    """Fill the route's named groups with values; '^api/v1/persons/(?P<pk>[^/.]+)/$' → path."""
    path = route.pattern
    for name in route.kwargs:
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(values[name]), path)
        path = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), path)
    path = path.replace("\\.", ".").replace("\\", "")
    return "/" + path


# URL arguments that are not object ids (scoped by the user's organisation).
NON_OBJECT_KWARGS = frozenset(
    {"year", "month", "code", "lang", "format", "token", "uidb64", "action"}
)


def walk_object_routes(victims: dict, users, prefixes: tuple[str, ...]) -> tuple[int, list[str]]:
    """Request every object route under `prefixes`, resolved to the victims,
    as each of `users` with GET, POST and DELETE: each answer must be 404 (or
    405), as if the record did not exist. Returns (requests made, problems)."""
    from django.test import Client

    checked, problems = 0, []
    for route in iter_routes():
        if not route.pattern.startswith(prefixes) or "format" in route.kwargs:
            continue
        object_kwargs = [k for k in route.kwargs if k not in NON_OBJECT_KWARGS]
        if not object_kwargs:
            continue
        model = model_of(route)
        if model is None or model._meta.label not in victims:
            problems.append(f"unresolved {route.name}")
            continue
        values = {k: victims[model._meta.label].pk for k in object_kwargs}
        values.update({k: 2024 for k in route.kwargs if k in NON_OBJECT_KWARGS})
        path = concrete_path(route, values)
        for user in users:
            client = Client()
            client.force_login(user)
            for method in ("get", "post", "delete"):
                status = getattr(client, method)(path).status_code
                checked += 1
                if status not in (404, 405):
                    problems.append(f"{method.upper()} {path} as {user.username}: {status}")
    return checked, problems
