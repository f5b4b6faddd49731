"""Evaluate a scenario document into a result document, and the CLI
``openopvang rules evaluate SCENARIO.json [--parameters PARAMETERS.json]
[--section NAME] [--explain]`` (see ``main``).

``evaluate(scenario_dict, explain=False, params=None) -> dict`` runs every
registered section in order and returns::

    {"municipality": "GM0344", "period": {"from": ..., "to": ...},
     "booo": {"goo": {"place_days": 0, "amount": "0.00"},
              "poo": {"person_months": 0, "amount": "0.00"},
              "total": "0.00", "by_component": {...}, "by_month": {...},
              "not_by_month": "0.00", "lines": [...],
              "explanation": {...}}}          # only with explain=True

Extension point: a section is a function ``(context) -> dict`` registered with
``@register_section("name", order=...)``; sections run by ascending ``order``
(booo is 100) and can leave values for later sections in ``context.values``
(e.g. a leefgeld section with order 50 sets ``context.values["poo_leefgeld_paid"]``,
which the booo section declares under art. 2 lid 1 sub b).

CLI exit codes: 0 ok; 2 invalid input (unreadable file, invalid JSON, invalid
scenario naming the field, invalid parameters naming the parameter) or a
missing parameter (naming parameter and date).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openopvang.plugins import Registry

from .booo import calculate_booo
from .eigen_bijdrage import eigen_bijdrage_section
from .errors import MissingParameter, ParameterFileError, RulesError, ScenarioError
from .income_band import income_band_section
from .leefgeld import leefgeld_section
from .parameters import ParameterSet
from .scenario import Scenario, parse_scenario


@dataclass
class Context:
    scenario: Scenario
    params: ParameterSet
    explain: bool = False
    # Values sections hand to later sections (Python objects, not output); a
    # section also leaves its own result object under its name (e.g.
    # ``values["leefgeld"]`` is the LeefgeldResult).
    values: dict[str, Any] = field(default_factory=dict)
    # Inputs from the caller that are not part of the scenario document, by
    # section: ``{"eigen_bijdrage": {"reductions": [Reduction, ...]}}``.
    inputs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # False: the caller wants the result objects only (a payment run of a
    # country): sections may skip building their output dict.
    output: bool = True


Section = Callable[[Context], dict[str, Any]]


SECTIONS: Registry[Section] = Registry("engine section")


def register_section(name: str, order: int = 100) -> Callable[[Section], Section]:
    return SECTIONS.register(name, order=order)


register_section("leefgeld", order=50)(leefgeld_section)
register_section("eigen_bijdrage", order=60)(eigen_bijdrage_section)
register_section("income_band", order=70)(income_band_section)


@register_section("booo", order=100)
def booo_section(context: Context) -> dict[str, Any]:
    result = calculate_booo(
        context.scenario,
        context.params,
        poo_leefgeld_paid=context.values.get("poo_leefgeld_paid"),
    )
    context.values["booo"] = result
    return result.to_dict(explain=context.explain) if context.output else {}


def evaluate(
    scenario: dict[str, Any] | Scenario,
    explain: bool = False,
    params: ParameterSet | None = None,
    sections: tuple[str, ...] | None = None,
    *,
    inputs: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Raises ScenarioError for invalid input and MissingParameter when a rate
    is not known for a day that needs it. `sections` limits the run to the
    named sections (a declaration needs only "booo"); None runs all. `inputs`
    hands a section what the scenario document does not hold (see Context)."""
    return _run(scenario, explain, params, sections, inputs, output=True)[0]


def evaluate_results(
    scenario: dict[str, Any] | Scenario,
    params: ParameterSet | None = None,
    sections: tuple[str, ...] | None = None,
    *,
    inputs: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The same evaluation as :func:`evaluate`, returning the sections' result
    objects instead of the document: ``{"leefgeld": LeefgeldResult,
    "eigen_bijdrage": EigenBijdrageResult, "booo": BooOResult}`` (the named
    sections only). Payment runs, the person page and the eigen bijdrage list
    use this; their figures are those of the document."""
    return _run(scenario, False, params, sections, inputs, output=False)[1]


def _run(scenario, explain, params, sections, inputs, *, output: bool):
    if sections is not None:
        unknown = sorted(set(sections) - set(SECTIONS))
        if unknown:
            raise ValueError(f"unknown section(s): {', '.join(unknown)}")
    parsed = scenario if isinstance(scenario, Scenario) else parse_scenario(scenario)
    context = Context(
        parsed,
        params or ParameterSet.load_default(),
        explain,
        inputs=dict(inputs or {}),
        output=output,
    )
    out: dict[str, Any] = {
        "municipality": parsed.municipality,
        "period": {"from": parsed.period.start.isoformat(), "to": parsed.period.last.isoformat()},
    }
    results: dict[str, Any] = {}
    for entry in SECTIONS.entries():
        name = entry.name
        if sections is None or name in sections:
            section_out = entry.plugin(context)
            if output:
                out[name] = section_out
            results[name] = context.values.get(name)
    return out, results


def main(argv: list[str] | None = None) -> int:
    """``openopvang rules evaluate SCENARIO.json [--parameters PARAMETERS.json]
    [--section NAME ...] [--explain]``; "-" reads stdin.

    SCENARIO.json is a scenario document, or one document holding everything
    a stored computation needs to be reproduced::

        {"scenario": {...}, "parameters": {...}, "sections": ["booo"]}

    Parameters (from ``--parameters`` or the document's ``"parameters"``) are
    a ``ParameterSet.to_document()`` mapping, the ``describe()`` list a stored
    declaration holds, or either wrapped as ``{"parameters": ...}``; they
    replace the YAML files entirely. Without them the YAML files are used."""
    parser = argparse.ArgumentParser(
        prog="openopvang rules evaluate",
        description="Evaluate a rules scenario (JSON) without a database.",
    )
    parser.add_argument(
        "scenario",
        help='scenario file (JSON), or {"scenario", "parameters", "sections"}; - for stdin',
    )
    parser.add_argument("--explain", action="store_true", help="add the explanation tree")
    parser.add_argument(
        "--parameters",
        metavar="PARAMETERS.json",
        help="parameter values to use instead of the YAML files (e.g. as stored with a "
        "declaration, administrators' values included)",
    )
    parser.add_argument(
        "--section",
        action="append",
        dest="sections",
        metavar="NAME",
        help=f"run only this section (repeatable; one of {', '.join(sorted(SECTIONS))})",
    )
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse already printed the usage
        return int(exc.code or 0)

    try:
        document, parameters, sections = _read_json(args.scenario), None, None
        if isinstance(document, dict) and isinstance(document.get("scenario"), dict):
            parameters = document.get("parameters")
            sections = document.get("sections")
            document = document["scenario"]
        if args.parameters:
            parameters = _read_json(args.parameters)
    except _Unreadable as exc:
        return _fail(str(exc))
    if args.sections:
        sections = args.sections
    if sections is not None and not (
        isinstance(sections, list) and all(isinstance(name, str) for name in sections)
    ):
        return _fail("sections: expected a list of section names")

    try:
        params = _parameter_set(parameters) if parameters is not None else None
        result = evaluate(
            document,
            explain=args.explain,
            params=params,
            sections=tuple(sections) if sections is not None else None,
        )
    except ScenarioError as exc:
        return _fail(f"invalid scenario: {exc}")
    except ParameterFileError as exc:
        return _fail(f"invalid parameters: {exc}")
    except MissingParameter as exc:
        return _fail(f"{exc} (an administrator can add the official value)")
    except RulesError as exc:
        return _fail(str(exc))
    except ValueError as exc:  # an unknown section
        return _fail(str(exc))
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


class _Unreadable(Exception):
    pass


def _read_json(name: str) -> Any:
    """The JSON document in file `name` ("-": stdin)."""
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            with open(name, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise _Unreadable(f"cannot read {name}: {exc.strerror}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unreadable(f"{name}: not valid JSON: {exc}") from None


def _parameter_set(document: Any) -> ParameterSet:
    if isinstance(document, dict) and "parameters" in document and "unit" not in document:
        document = document["parameters"]
    return ParameterSet.from_document(document)


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
