"""Money in the demo, so a finance officer finds something to look at: the
leefgeld payment runs of the last quarter of last year approved (four eyes:
`finance` prepares, `finance2` approves) and last year's BooO declaration
submitted.

Registered with `demo_loader` when DemoConfig.ready imports this module, after
the registry loaders it builds on. Everything goes through the services of
`allowances` and `declarations`, so the demo is what users could have done
(and it is audited)."""

from __future__ import annotations

from openopvang.accounts.models import User
from openopvang.allowances import services as allowances
from openopvang.allowances.models import PaymentRun
from openopvang.declarations import services as declarations
from openopvang.declarations.models import Declaration

from .data import DEMO_MUNICIPALITIES, demo_loader, run_months


def wipe_money(municipalities) -> None:
    PaymentRun.objects.filter(municipality__in=municipalities).delete()
    Declaration.objects.filter(municipality__in=municipalities).delete()


@demo_loader("money", wipe=wipe_money)
def load_money(context) -> None:
    months = run_months(context.today)
    year = months[-1].year
    for code, municipality in context.municipalities.items():
        prefix = DEMO_MUNICIPALITIES[code][0]
        finance = User.objects.get(username=f"{prefix}.finance")
        second = User.objects.get(username=f"{prefix}.finance2")
        for month in months:
            run = allowances.create_run(finance, month)
            allowances.prepare_run(finance, run)
            allowances.approve_run(second, run)
        # After the runs: the POO normbedrag counts the months with leefgeld paid.
        declarations.submit(finance, municipality, year)
    context.write(
        f"  money: {len(months)} approved payment runs and the {year} declaration per municipality"
    )
