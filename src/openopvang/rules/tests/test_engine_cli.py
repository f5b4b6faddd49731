"""The CLI and the documented examples (so the docs cannot rot)."""

import io
import json
from pathlib import Path

import pytest

from openopvang.rules.engine.evaluate import SECTIONS, evaluate, main

EXAMPLE_DIR = Path(__file__).resolve().parents[4] / "docs" / "examples"
EXAMPLES = sorted(EXAMPLE_DIR.glob("*.json"))
RATE_SWITCH = EXAMPLE_DIR / "booo-2022-rate-switch.json"


def lookup(result, dotted):
    value = result
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_evaluates_to_its_documented_figures(path):
    document = json.loads(path.read_text(encoding="utf-8"))
    result = evaluate(document, explain=True)
    expected = document["meta"]["expected"]
    assert expected, "every example documents the figures it should produce"
    for dotted, value in expected.items():
        assert lookup(result, dotted) == value, dotted


def test_examples_exist():
    assert len(EXAMPLES) >= 3


def test_cli_prints_json(capsys):
    assert main([str(RATE_SWITCH), "--explain"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "explanation" in out["booo"] and out["booo"]["total"]


def test_cli_reads_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(RATE_SWITCH.read_text()))
    assert main(["-"]) == 0
    assert json.loads(capsys.readouterr().out)["municipality"]


def test_cli_invalid_scenario_exits_2_naming_the_field(tmp_path, capsys):
    document = json.loads(RATE_SWITCH.read_text())
    document["period"]["from"] = "2022-13-01"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert "period.from: not a date '2022-13-01'" in captured.err and captured.out == ""


def test_cli_missing_parameter_exits_2_naming_parameter_and_date(tmp_path, capsys):
    document = json.loads(RATE_SWITCH.read_text())
    document["period"] = {"from": "2025-12-01", "to": "2026-02-28"}
    path = tmp_path / "2026.json"
    path.write_text(json.dumps(document))
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "'booo.goo.normbedrag_per_place_day' on 2026-01-01" in err


def test_cli_parameter_of_another_unit_exits_2_naming_the_parameter(tmp_path, capsys):
    """A parameters document in which the GOO rate became a date: the run stops
    with a message naming the parameter instead of a traceback."""
    from openopvang.rules.engine.parameters import ParameterSet

    parameters = ParameterSet.load_default().to_document()
    rate = parameters["booo.goo.normbedrag_per_place_day"]
    rate["unit"] = "date"
    rate["values"] = [{**rate["values"][0], "value": "2022-03-01", "end": None}]
    path = tmp_path / "parameters.json"
    path.write_text(json.dumps(parameters))
    assert main([str(RATE_SWITCH), "--parameters", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: Parameter 'booo.goo.normbedrag_per_place_day' holds date 2022-03-01, "
        "not an amount\n"
    )


@pytest.mark.parametrize("content", [None, "{not json"])
def test_cli_unreadable_input_exits_2(tmp_path, capsys, content):
    path = tmp_path / "x.json"
    if content is not None:
        path.write_text(content)
    assert main([str(path)]) == 2
    assert "error:" in capsys.readouterr().err


def test_cli_usage_error_exits_2(capsys):
    assert main([]) == 2


def test_sections_registry_has_booo():
    assert "booo" in SECTIONS
