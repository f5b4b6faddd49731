"""The one plugin registry the extension points share."""

import pytest

from openopvang.core.scoping import partner_rules
from openopvang.declarations.cost_sources import cost_sources
from openopvang.plugins import Registry
from openopvang.rules.engine.evaluate import SECTIONS


def test_plugins_run_by_order_then_name_and_a_name_is_replaced():
    registry: Registry = Registry("example")
    registry.add("late", "L", order=200)
    registry.add("b", "B1")
    registry.add("a", "A")
    registry.add("b", "B2")  # replaces B1
    assert registry.plugins() == ["A", "B2", "L"]
    assert list(registry) == ["a", "b", "late"]
    registry.remove("a")
    assert "a" not in registry and len(registry) == 2


def test_a_many_registry_collects_plugins_under_one_name():
    registry: Registry = Registry("rule", many=True)
    registry.add("registry.Person", "first")
    registry.add("registry.Person", "second")
    assert registry.all("registry.Person") == ["first", "second"]
    assert registry.all("registry.Household") == []


def test_an_unknown_name_says_what_is_known():
    registry: Registry = Registry("engine section")
    registry.add("booo", object())
    with pytest.raises(KeyError, match="no engine section named 'x'; known: booo"):
        registry.get("x")


def test_the_platforms_extension_points_are_registered(db):
    assert list(SECTIONS) == ["leefgeld", "eigen_bijdrage", "income_band", "booo"]  # run order
    assert "support.invoices" in cost_sources
    assert partner_rules.all("registry.Person")  # NGOs see persons they deliver to
