"""A new capability app starts from the skeleton in conf/app_template, with
every room of ADR 0001, and the generated code is valid Python that names the
new app."""

import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from openopvang.cli import APP_TEMPLATE

ROOMS = [
    "apps.py",
    "models.py",
    "permissions.py",
    "services.py",
    "selectors.py",
    "admin.py",
    "urls.py",
    "views/__init__.py",
    "views/records.py",
    "api/routes.py",
    "api/serializers.py",
    "api/viewsets.py",
    "api/filters.py",
    "migrations/__init__.py",
    "templates/casework/record_list.html",
    "templates/casework/record_form.html",
    "tests/factories.py",
    "tests/isolation.py",
    "tests/test_permissions.py",
]


def test_startapp_from_the_skeleton_gives_every_room(tmp_path):
    target = tmp_path / "casework"
    target.mkdir()
    call_command("startapp", "casework", str(target), template=str(APP_TEMPLATE), verbosity=0)
    made = {str(path.relative_to(target)) for path in target.rglob("*") if path.is_file()}
    assert set(ROOMS) <= made
    for path in target.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        compile(source, str(path), "exec")
        assert "{{" not in source, path
    assert 'name = "openopvang.casework"' in (target / "apps.py").read_text()
    assert "class CaseworkConfig" in (target / "apps.py").read_text()
    assert '@victim("casework.Record")' in (target / "tests/isolation.py").read_text()
    # The names it imports exist, and it passes the house lint as written.
    lint = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--line-length",
            "100",
            "--select",
            "E,F,W,I,B,UP",
            "--config",
            "lint.isort.known-first-party=['openopvang']",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert lint.returncode == 0, lint.stdout
    for module in ["core.permissions", "core.models", "core.mixins", "audit.admin"]:
        __import__(f"openopvang.{module}")


def test_the_skeleton_ships_with_the_package():
    assert Path(APP_TEMPLATE, "models.py-tpl").is_file()
