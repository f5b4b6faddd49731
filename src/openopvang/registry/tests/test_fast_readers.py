"""The fast scenario readers agree with the full one, for any registry.

Declarations read a BooO-only snapshot (`booo_only=True`) and the person page
reads one household (`persons=[...]`); both must give the figures the full
snapshot of the municipality gives, or a page and a payment run would
disagree."""

import datetime

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openopvang.core.testing import factories
from openopvang.registry.models import Provision, ProvisionKind
from openopvang.registry.snapshots import build_scenario, build_scenarios
from openopvang.rules.engine.evaluate import evaluate

START, END = datetime.date(2025, 1, 1), datetime.date(2025, 6, 30)
DAYS = (END - START).days


@st.composite
def stays(draw):
    """(start offset, length or None for open) within the half year."""
    offset = draw(st.integers(0, DAYS))
    length = draw(st.one_of(st.none(), st.integers(0, DAYS - offset)))
    return offset, length


person_spec = st.fixed_dictionaries(
    {
        "age": st.sampled_from([3, 12, 17, 18, 40, 70]),
        "stay": stays(),
        "with_host": st.booleans(),
        "household": st.integers(0, 2),
        "income": st.one_of(st.none(), st.sampled_from(["150.00", "900.00", "2400.00"])),
        "provision": st.booleans(),
    }
)


def _registry(municipality, specs):
    location = factories.LocationFactory(municipality=municipality, opened_on=START)
    factories.CapacityPeriodFactory(location=location, start_date=START, places=50)
    host = factories.HostFactory(municipality=municipality, active_from=START)
    households = [
        factories.HouseholdFactory(municipality=municipality, name=f"H{n}") for n in range(3)
    ]
    for spec in specs:
        person = factories.PersonFactory(
            municipality=municipality,
            birth_date=datetime.date(2025 - spec["age"], 3, 15),
        )
        offset, length = spec["stay"]
        start = START + datetime.timedelta(days=offset)
        end = None if length is None else start + datetime.timedelta(days=length)
        factories.PlacementFactory(
            person=person,
            municipality=municipality,
            location=None if spec["with_host"] else location,
            host=host if spec["with_host"] else None,
            start_date=start,
            end_date=end,
        )
        factories.MembershipFactory(
            person=person, household=households[spec["household"]], start_date=start
        )
        if spec["income"]:
            factories.IncomeFactory(
                person=person, monthly_amount=spec["income"], start_date=start, end_date=end
            )
        if spec["provision"] and spec["with_host"]:
            Provision.objects.create(
                person=person, month=start.replace(day=1), kind=ProvisionKind.LEEFGELD
            )
    return households


def _by_household(result) -> dict:
    return {
        row["household"]: [(m["month"], m["amount"]) for m in row["months"]]
        for row in result["leefgeld"]["households"]
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(person_spec, min_size=1, max_size=5))
def test_fast_readers_agree_with_the_full_snapshot(municipality, specs):
    with transaction.atomic():
        households = _registry(municipality, specs)
        full = build_scenario(municipality, START, END)

        booo_full = evaluate(full, sections=("booo",))["booo"]
        booo_fast = evaluate(
            build_scenario(municipality, START, END, booo_only=True), sections=("booo",)
        )["booo"]
        assert booo_fast["total"] == booo_full["total"]
        assert booo_fast["by_component"] == booo_full["by_component"]

        everyone = _by_household(evaluate(full, sections=("leefgeld",)))
        for household in households:
            members = list(household.memberships.values_list("person_id", flat=True))
            if not members:
                continue
            alone = build_scenarios(
                [municipality.pk], START, END, {municipality.pk: {}}, persons=members
            )[municipality.pk]
            own = _by_household(evaluate(alone, sections=("leefgeld",)))
            key = f"H{household.pk}"
            assert own.get(key) == everyone.get(key)
        transaction.set_rollback(True)
