"""/public/parameters/: the parameters for anyone, without a login, so
municipalities and auditors can check which values and sources a figure used."""

from __future__ import annotations

from django.shortcuts import render

from ..public import public_rows, regulations


def public_parameters(request):
    regulation = request.GET.get("regulation", "")
    known = regulations()
    if regulation not in {r["code"] for r in known}:
        regulation = ""
    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "parameters/public_list.html",
        {
            "rows": public_rows(regulation, query),
            "regulations": known,
            "regulation": regulation,
            "query": query,
        },
    )
