"""Every message the code marks for translation has a Dutch translation.

The messages are extracted as `makemessages -l nl` would, from a copy of the
source tree in a temporary directory (the committed catalogues are never
touched), and compared with the committed .po files: a msgid that is missing,
fuzzy or has an empty msgstr fails the test, listed by catalogue."""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # src/openopvang
# The apps with their own catalogue, then the project catalogue for the rest.
CATALOGUES = {
    "support": PACKAGE / "support" / "locale" / "nl" / "LC_MESSAGES" / "django.po",
    "": PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po",
}
HOW_TO_FIX = (
    "Add the Dutch translation to the .po named above (msgid in English, msgstr in "
    "Dutch, no '#, fuzzy' flag); `openopvang makemessages -l nl` adds the missing msgids."
)

EXTRACT = textwrap.dedent(
    """
    import os, sys
    import django
    from django.conf import settings
    settings.configure(USE_I18N=True, LOCALE_PATHS=[], INSTALLED_APPS=[])
    django.setup()
    from django.core.management import call_command
    os.chdir(sys.argv[1])
    call_command("makemessages", locale=["nl"], extensions=["html", "txt", "py"],
                 ignore_patterns=["tests/*", "*/tests/*", "migrations/*", "static/*",
                                  "conf/app_template/*"],
                 no_obsolete=True, verbosity=0)
    """
)


def extracted(tmp_path):
    """msgids per catalogue key, extracted from a copy of the package."""
    copy = tmp_path / "openopvang"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("*.po", "*.mo", "__pycache__", "tests", "migrations"),
    )
    for key in CATALOGUES:
        (copy / key / "locale").mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", EXTRACT, str(copy)], check=True)
    return {
        key: polib.pofile(str(copy / key / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
        for key in CATALOGUES
    }


def entry_key(entry):
    return (entry.msgctxt, entry.msgid)


@pytest.mark.skipif(
    shutil.which("xgettext") is None and not os.environ.get("CI"),
    reason="needs GNU gettext (xgettext); CI installs it and never skips this",
)
def test_every_message_has_a_dutch_translation(tmp_path):
    problems = []
    for key, found in extracted(tmp_path).items():
        committed = {entry_key(e): e for e in polib.pofile(str(CATALOGUES[key]))}
        name = CATALOGUES[key].relative_to(PACKAGE.parent)
        for entry in found:
            translated = committed.get(entry_key(entry))
            if translated is None:
                problems.append(f"{name}: missing {entry.msgid!r}")
            elif translated.fuzzy:
                problems.append(f"{name}: fuzzy {entry.msgid!r}")
            elif not (translated.msgstr or any(translated.msgstr_plural.values())):
                problems.append(f"{name}: empty {entry.msgid!r}")
    assert not problems, (
        f"{len(problems)} message(s) without a Dutch translation:\n"
        + "\n".join(problems)
        + "\n"
        + HOW_TO_FIX
    )
