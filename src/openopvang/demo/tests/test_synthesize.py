"""`openopvang synthesize` at small scale: the same seed gives the same rows,
the rows keep the registry's rules, and it refuses to mix with existing data."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from stdnum.nl import bsn

from openopvang.core.testing import factories
from openopvang.demo import synthetic
from openopvang.registry.models import Location, Person, Placement
from openopvang.registry.services import check_placement


def synthesize(*args, seed=7):
    call_command(
        "synthesize",
        "--seed",
        str(seed),
        "--persons",
        "250",
        "--municipalities",
        "3",
        "--skip-migrate",
        *args,
        stdout=io.StringIO(),
    )


def test_same_seed_gives_identical_rows_and_another_seed_does_not(db):
    synthesize()
    first = synthetic.rows_for_comparison()
    assert len(first["registry.Person"]) >= 250
    assert len({row[1] for row in first["registry.Person"]}) == 3  # municipalities

    synthesize("--force")
    assert synthetic.rows_for_comparison() == first

    synthesize("--force", seed=8)
    assert synthetic.rows_for_comparison()["registry.Person"] != first["registry.Person"]


def test_synthetic_rows_keep_the_placement_rules(db):
    synthesize()
    placements = list(Placement.objects.select_related("person", "location", "host"))
    assert len(placements) > len(Person.objects.all())  # moves happen
    assert any(p.host_id for p in placements) and any(p.location_id for p in placements)
    for placement in placements:
        try:
            placement.full_clean()
            check_placement(placement)
        except ValidationError as error:  # pragma: no cover - shows which rule broke
            pytest.fail(f"placement {placement.pk}: {error.messages}")
    assert Location.objects.count() >= 3
    assert all(
        bsn.is_valid(value)
        for value in Person.objects.exclude(bsn="").values_list("bsn", flat=True)
    )


def test_refuses_when_the_registry_holds_data(db):
    factories.PersonFactory()
    with pytest.raises(CommandError, match="--force"):
        synthesize()


def test_allocate_keeps_the_total_and_the_minimum():
    counts = synthetic.allocate(100, [50.0, 30.0, 1.0, 0.5])
    assert sum(counts) == 100 and min(counts) >= 1 and counts[0] > counts[1] > counts[2]
