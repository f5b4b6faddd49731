"""Hostile input gets a clear answer, never a 500 (issue 16 §3): each request
of the probe's corpus answers 400 or 404, with a problem+json body on the API
and the platform's own error page on the web."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from openopvang.accounts.models import Role
from openopvang.core.testing import factories

PROBLEM = "application/problem+json"


def _client_for(user):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _api_for(user):
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(user)
    return api


def _assert_problem(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["status"] == status


@pytest.fixture
def anonymous():
    from django.test import Client

    return Client(raise_request_exception=False)


@pytest.fixture
def finance_web(finance_officer):
    return _client_for(finance_officer)


@pytest.fixture
def finance_api(finance_officer):
    return _api_for(finance_officer)


def test_nul_byte_in_a_public_path_is_not_found(anonymous, db):
    response = anonymous.get("/public/%00/services/")
    assert response.status_code in (400, 404)
    assert b"<html" in response.content.lower()


def test_nul_byte_in_any_value_of_a_repeated_parameter_is_a_bad_request(anonymous, db):
    # The middleware checks every value, not only the last one of a key.
    response = anonymous.get("/public/help/?q=%00&q=fine")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "username", ["coord\x00inator", "x" * 300], ids=["nul-byte", "300-characters"]
)
def test_a_hostile_user_name_at_login_is_a_wrong_login(anonymous, coordinator, username):
    response = anonymous.post(
        reverse("accounts:login"), {"username": username, "password": "whatever"}
    )
    assert response.status_code in (200, 400)
    assert b"<form" in response.content or response.status_code == 400


def test_a_nul_byte_in_a_query_string_is_a_bad_request(finance_web):
    response = finance_web.get(reverse("allowances:collection") + "?month=2025-03%00")
    assert response.status_code in (400, 404)


@pytest.mark.parametrize("year", ["99999", "0", "-1", "2025.5", "9" * 40])
def test_an_implausible_year_on_the_declaration_api_is_a_problem(finance_api, year):
    _assert_problem(finance_api.get("/api/v1/declarations/compute/", {"year": year}))


@pytest.mark.parametrize("year", ["99999", "9" * 40])
def test_an_implausible_year_filter_on_the_declaration_api_is_a_problem(finance_api, year):
    for path in ("/api/v1/declarations/", "/api/v1/cost-lines/", "/api/v1/advance-requests/"):
        response = finance_api.get(path, {"year": year})
        assert response.status_code in (200, 400), (path, response.content[:300])
        if response.status_code == 400:
            _assert_problem(response)
        else:
            assert response.json()["count"] == 0 if "count" in response.json() else True


@pytest.mark.parametrize("month", ["9999-12", "0000-01", "1-01", "2025-13"])
def test_an_implausible_month_on_the_eigen_bijdrage_page_is_a_clear_answer(finance_web, month):
    for name in ("allowances:collection",):
        response = finance_web.get(reverse(name), {"month": month})
        assert response.status_code in (400, 404), (name, response.status_code)


@pytest.mark.parametrize("month", ["9999-12", "0000-01"])
def test_an_implausible_month_on_the_eigen_bijdrage_exports_is_a_clear_answer(finance_web, month):
    for name in [n for n in _collection_export_names()]:
        response = finance_web.get(reverse(name), {"month": month})
        assert response.status_code in (400, 404), (name, response.status_code)


def _collection_export_names():
    from django.urls import get_resolver

    resolver = get_resolver()
    names = []
    for name in resolver.reverse_dict:
        if isinstance(name, str) and name.startswith("collection_export"):
            names.append("allowances:" + name)
    allowances = get_resolver().namespace_dict["allowances"][1]
    for name in allowances.reverse_dict:
        if isinstance(name, str) and name.startswith("collection") and name != "collection":
            if "pk" not in str(allowances.reverse_dict[name]):
                names.append("allowances:" + name)
    return sorted(set(names))


@pytest.mark.parametrize("month", ["9999-12", "0000-01"])
def test_an_implausible_month_on_the_eigen_bijdrage_api_is_a_problem(finance_api, month):
    for path in ("/api/v1/eigen-bijdrage/", "/api/v1/eigen-bijdrage-reductions/"):
        _assert_problem(finance_api.get(path, {"month": month}))


@pytest.mark.parametrize("date_to", ["9999-12-31", "0001-01-01"])
def test_an_audit_date_far_away_is_a_form_error(db, municipality, date_to):
    admin = factories.UserFactory(
        username="admin", organisation=municipality, role=Role.ADMINISTRATOR
    )
    client = _client_for(admin)
    response = client.get(reverse("audit:list"), {"date_to": date_to})
    assert response.status_code == 200
    assert b"Choose a date from 1900 to 2099" in response.content
    export = client.get(reverse("audit:export"), {"date_to": date_to})
    assert export.status_code in (200, 400)


def _nested(depth):
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [200, 5000, 100_000])
def test_deeply_nested_json_is_a_problem(finance_api, depth):
    response = finance_api.generic(
        "POST", "/api/v1/eigen-bijdrage-reductions/", _nested(depth), "application/json"
    )
    _assert_problem(response)
    assert response.json()["code"] == "parse_error"


def test_deeply_nested_json_inside_an_object_is_a_problem(finance_api):
    body = '{"household": ' + _nested(3000) + "}"
    response = finance_api.generic(
        "PATCH", "/api/v1/eigen-bijdrage-reductions/1/", body, "application/json"
    )
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith(PROBLEM)


def test_normal_json_still_parses(finance_api):
    response = finance_api.generic(
        "POST",
        "/api/v1/eigen-bijdrage-reductions/",
        json.dumps({"month": "2025-03"}),
        "application/json",
    )
    _assert_problem(response)
    assert response.json()["code"] == "invalid"


def test_deleting_a_user_in_the_admin_works(db, coordinator):
    root = factories.UserFactory(username="root", organisation=None, role="")
    root.is_staff = root.is_superuser = True
    root.save()
    client = _client_for(root)
    url = reverse("admin:accounts_user_delete", args=[coordinator.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 302


def test_healthz_answers_over_plain_http_when_https_redirect_is_on(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz").content == b"ok"
    assert client.get("/accounts/login/").status_code == 301


def test_a_csv_field_made_from_an_object_is_guarded_too():
    from openopvang.downloads import csv_line

    class Named:
        def __str__(self):
            return '=HYPERLINK("http://x","y")'

    assert csv_line([Named(), 5, None]) == '"\'=HYPERLINK(""http://x"",""y"")",5,\r\n'


# -- the 400 page (issue 16 §3): the platform's own page, in Dutch; problem+json on the API


def test_a_bad_request_shows_the_platforms_own_page_in_dutch(anonymous, db):
    from openopvang.core.testing.html import page_text

    response = anonymous.get("/public/help/?q=%00", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    text = page_text(response)
    assert "Dit verzoek kan niet worden verwerkt" in text
    assert "Er is niets opgeslagen." in text
    assert "Bad Request (400)" not in text


def test_a_bad_form_post_of_a_logged_in_user_shows_the_page(finance_web):
    response = finance_web.post(reverse("allowances:run_create"), {"month": "2025-03\x00"})
    assert response.status_code == 400
    assert b"This request cannot be handled" in response.content


def test_too_many_fields_is_a_bad_request_with_the_page(anonymous, db, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = anonymous.post(reverse("accounts:login"), {f"f{i}": "x" for i in range(20)})
    assert response.status_code == 400
    assert b"This request cannot be handled" in response.content


def test_a_bad_request_on_the_api_is_a_problem(finance_api):
    response = finance_api.get("/api/v1/persons/", {"q": "a\x00b"}, HTTP_ACCEPT_LANGUAGE="nl")
    _assert_problem(response)
    assert response.json()["code"] == "bad_request"
    assert response.json()["detail"] == "Het verzoek kan niet worden gelezen."


@pytest.mark.parametrize("path", ["/api/v1/%00/", "/api/v1/no-such-resource/"])
def test_an_unknown_api_address_is_a_problem(finance_api, path):
    response = finance_api.get(path)
    _assert_problem(response, status=404)
    assert response.json()["code"] == "not_found"


# -- /healthz with the production settings (OPENOPVANG_HTTPS on, a real host name)


@pytest.fixture
def production_like(settings, monkeypatch):
    """The security settings base.py computes for production: HTTPS on, the
    redirect, the proxy header, the host names of the site only."""
    import runpy
    from pathlib import Path

    import openopvang.conf.base as base

    monkeypatch.setenv("OPENOPVANG_HTTPS", "true")
    monkeypatch.setenv("OPENOPVANG_DEBUG", "false")
    monkeypatch.setenv("OPENOPVANG_ALLOWED_HOSTS", "opvang.example.nl")
    values = runpy.run_path(str(Path(base.__file__)))
    for name in (
        "ALLOWED_HOSTS",
        "MIDDLEWARE",
        "SECURE_SSL_REDIRECT",
        "SECURE_REDIRECT_EXEMPT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    ):
        setattr(settings, name, values[name])
    assert settings.SECURE_SSL_REDIRECT and settings.ALLOWED_HOSTS == ["opvang.example.nl"]
    return settings


@pytest.mark.parametrize("host", ["opvang.example.nl", "10.1.2.3:8000", "127.0.0.1:8000"])
def test_healthz_answers_a_load_balancer_over_plain_http(anonymous, production_like, host):
    response = anonymous.get("/healthz", HTTP_HOST=host)
    assert (response.status_code, response.content) == (200, b"ok")
    assert anonymous.head("/healthz", HTTP_HOST=host).status_code == 200


def test_every_other_page_still_redirects_and_checks_the_host(anonymous, production_like, db):
    response = anonymous.get("/accounts/login/", HTTP_HOST="opvang.example.nl")
    assert response.status_code == 301
    assert response["Location"] == "https://opvang.example.nl/accounts/login/"
    behind_proxy = anonymous.get(
        "/accounts/login/", HTTP_HOST="opvang.example.nl", HTTP_X_FORWARDED_PROTO="https"
    )
    assert behind_proxy.status_code == 200
    assert "Strict-Transport-Security" in behind_proxy
    other_host = anonymous.get(
        "/accounts/login/", HTTP_HOST="10.1.2.3:8000", HTTP_X_FORWARDED_PROTO="https"
    )
    assert other_host.status_code == 400
    assert b"This request cannot be handled" in other_host.content
    assert anonymous.get("/healthz/x", HTTP_HOST="10.1.2.3:8000").status_code == 400
