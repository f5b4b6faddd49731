"""A submitted declaration can be reproduced without the platform: its
scenario and the parameter values in force when it was computed (an
administrator's value included) go to `openopvang rules evaluate`, which
gives the same figures."""

import datetime
import json
import subprocess
import sys
from decimal import Decimal

from openopvang.declarations import services
from openopvang.parameters.models import ParameterOverride

GOO_RATE = "booo.goo.normbedrag_per_place_day"


def test_submitted_declaration_is_reproduced_by_the_cli(
    finance_officer, finance_api, municipality, hall, tmp_path
):
    ParameterOverride.objects.create(
        name=GOO_RATE,
        start=datetime.date(2024, 1, 1),
        value="50.00",
        publication="Stcrt. 2024, test",
        article="art. 3",
        confidence="confirmed",
        note="an administrator's value",
    )
    declaration = services.submit(finance_officer, municipality, 2024)
    # 20 places × 366 days × € 50.00 (the override, not the file's rate).
    assert declaration.total == Decimal("366000.00")

    stored = finance_api.get(f"/api/v1/declarations/{declaration.pk}/").json()
    document = tmp_path / "declaration.json"
    document.write_text(
        json.dumps(
            {
                "scenario": stored["scenario"],
                "parameters": stored["parameters"],
                "sections": ["booo"],
            }
        ),
        encoding="utf-8",
    )
    finished = subprocess.run(
        [sys.executable, "-m", "openopvang.cli", "rules", "evaluate", str(document)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout)
    assert result["booo"]["total"] == "366000.00" == str(declaration.total)
    assert result["booo"]["by_component"]["goo"] == "366000.00"

    # Without the stored parameters the file's rate gives another total: the
    # document, not today's files, carries the figures.
    without = subprocess.run(
        [sys.executable, "-m", "openopvang.cli", "rules", "evaluate", "-"],
        input=json.dumps(stored["scenario"]),
        capture_output=True,
        text=True,
        check=False,
    )
    assert without.returncode == 0, without.stderr
    assert json.loads(without.stdout)["booo"]["total"] != "366000.00"
