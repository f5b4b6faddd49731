"""The isolation walk: every URL pattern of the project, resolved to a real
object of one municipality, requested by users of other organisations.

`build_victims(municipality)` makes one record of every organisation-owned
model; `object_routes()` lists each URL pattern with the model its `pk` names.
A new capability adds its models to VICTIM_BUILDERS (or the walk fails and
says which pattern it cannot resolve)."""

import datetime
import importlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

from . import factories

D = datetime.date

VictimBuilder = Callable[[dict], object]
# model label → builder(victims so far) → instance owned by victims["municipality"]
VICTIM_BUILDERS: dict[str, VictimBuilder] = {}


def victim(label: str):
    def decorator(builder: VictimBuilder) -> VictimBuilder:
        VICTIM_BUILDERS[label] = builder
        return builder

    return decorator


@victim("registry.Person")
def _person(v):
    return factories.PersonFactory(
        municipality=v["municipality"],
        given_names="Zoryana",
        family_name="Victimenko",
        bsn="111222333",
    )


@victim("registry.Household")
def _household(v):
    return factories.HouseholdFactory(municipality=v["municipality"], name="Victimenko")


@victim("registry.HouseholdMembership")
def _membership(v):
    return factories.MembershipFactory(
        household=v["registry.Household"], person=v["registry.Person"]
    )


@victim("registry.Location")
def _location(v):
    return factories.LocationFactory(municipality=v["municipality"], opened_on=D(2023, 1, 1))


@victim("registry.CapacityPeriod")
def _capacity(v):
    return factories.CapacityPeriodFactory(
        location=v["registry.Location"], start_date=D(2023, 1, 1), places=20
    )


@victim("registry.Host")
def _host(v):
    return factories.HostFactory(municipality=v["municipality"])


@victim("registry.Placement")
def _placement(v):
    return factories.PlacementFactory(
        person=v["registry.Person"], location=v["registry.Location"], start_date=D(2024, 1, 1)
    )


@victim("registry.IncomePeriod")
def _income(v):
    return factories.IncomeFactory(person=v["registry.Person"])


@victim("registry.Provision")
def _provision(v):
    from openopvang.registry.models import Provision

    return Provision.objects.create(person=v["registry.Person"], month=D(2024, 3, 1), kind="other")


@victim("accounts.ApiToken")
def _token(v):
    from openopvang.accounts.models import ApiToken

    return ApiToken.issue(v["owner"], "victim token")[0]


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


def build_victims(municipality, owner) -> dict:
    load_app_victims()
    victims: dict = {"municipality": municipality, "owner": owner}
    for label, builder in VICTIM_BUILDERS.items():
        victims[label] = builder(victims)
    return victims


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
