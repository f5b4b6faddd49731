"""A stored payment run as one JSON document the engine can evaluate offline:
``openopvang rules evaluate`` reads ``{"scenario": {...}, "parameters": {...}}``.

- ``scenario``: the run's scenario snapshot as computed (PaymentRun.scenario);
- ``parameters``: the parameters in force when it was computed, administrator
  overrides included (PaymentRun.parameters), in ``ParameterSet.to_document()``
  form.

Evaluating the document's ``leefgeld`` section gives the run's engine totals
(PaymentRun.result)."""

from __future__ import annotations

import json

from openopvang.rules.engine.parameters import ParameterSet

from .models import PaymentRun


def run_document(run: PaymentRun) -> dict:
    return {
        "scenario": run.scenario,
        "parameters": ParameterSet.from_document(run.parameters).to_document(),
    }


def run_document_json(run: PaymentRun) -> bytes:
    return json.dumps(run_document(run), ensure_ascii=False, indent=2).encode("utf-8")


def filename(run: PaymentRun) -> str:
    return f"leefgeld-{run.municipality.code}-{run.month_label}-run{run.pk}-scenario.json"
