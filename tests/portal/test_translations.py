"""The Swedish catalogue stays whole: every string the code and templates mark for translation is
in locale/sv, translated (not left empty or as a fuzzy guess), and compiled into the .mo the
portal reads. makemessages runs on a temporary copy of the tree, so the checkout is untouched."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale/sv/LC_MESSAGES/django.po")
# What `make messages` leaves out, and what holds no translatable strings.
NOT_SCANNED = {".venv", "var", "tests", ".git", "static", "node_modules", "__pycache__"}


def gettext_tools() -> None:
    need(
        all(shutil.which(tool) for tool in ("msgattrib", "msgunfmt", "msgfmt", "msgmerge")),
        "needs GNU gettext (apt-get install gettext)",
    )


def run_gettext(tool: str, *arguments: str) -> str:
    """What one of GNU gettext's tools prints for our own files."""
    executable = shutil.which(tool) or tool
    return subprocess.run(  # noqa: S603 - gettext's own tools on files of this tree
        [executable, *arguments], capture_output=True, text=True, check=True
    ).stdout


def msgids(catalogue_text: str) -> list[str]:
    """The message ids of a .po text, header ("") included, obsolete (#~) entries left out."""
    found: list[str] = []
    parts: list[str] | None = None
    for line in [*catalogue_text.splitlines(), ""]:
        if line.startswith("msgid "):
            parts = [line.removeprefix("msgid ")]
        elif parts is not None and line.startswith('"'):
            parts.append(line)
        elif parts is not None:
            found.append("".join(ast.literal_eval(part) for part in parts))
            parts = None
    return found


def entries(catalogue: Path, selection: str) -> list[str]:
    """The non-obsolete message ids msgattrib selects (--untranslated, --only-fuzzy), header left out."""
    output = run_gettext("msgattrib", selection, "--no-obsolete", str(catalogue))
    return [msgid for msgid in msgids(output) if msgid]


def regenerate(copy: Path, extra_templates: dict[str, str] | None = None) -> Path:
    """The Swedish catalogue as `make messages` would leave it after scanning a copy of today's
    tree (with `extra_templates` added to it)."""
    gettext_tools()
    shutil.copytree(ROOT, copy, dirs_exist_ok=True, ignore=lambda _dir, names: NOT_SCANNED & set(names))
    for name, text in (extra_templates or {}).items():
        (copy / "templates" / name).write_text(text, encoding="utf-8")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "karlshamn_portal.settings",
        "DJANGO_DEBUG": "1",
        "PORTAL_VAR_DIR": str(copy / "var"),
    }
    subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--ignore=.venv", "--ignore=var"],
        cwd=copy,
        env=environment,
        capture_output=True,
        check=True,
    )
    return copy / CATALOGUE


def missing(catalogue: Path) -> list[str]:
    return entries(catalogue, "--untranslated") + entries(catalogue, "--only-fuzzy")


def test_every_translatable_string_is_in_the_swedish_catalogue_and_translated(tmp_path):
    untranslated = missing(regenerate(tmp_path))
    assert not untranslated, (
        "Run `make messages` and translate these in locale/sv/LC_MESSAGES/django.po:\n"
        + "\n".join(untranslated)
    )


def test_the_catalogue_holds_no_fuzzy_or_empty_translation():
    gettext_tools()
    catalogue = ROOT / CATALOGUE
    assert entries(catalogue, "--untranslated") == []
    assert entries(catalogue, "--only-fuzzy") == []


def test_the_compiled_catalogue_is_the_committed_one(tmp_path):
    """The portal reads the .mo: a translation added to the .po but not compiled never shows."""
    gettext_tools()
    catalogue = ROOT / CATALOGUE
    compiled = tmp_path / "django.mo"
    run_gettext("msgfmt", "--check-format", "-o", str(compiled), str(catalogue))
    committed = run_gettext("msgunfmt", str(catalogue.with_suffix(".mo")))
    assert committed == run_gettext("msgunfmt", str(compiled)), "run `make messages` to compile the .mo"


def test_the_check_finds_a_string_nobody_translated(tmp_path):
    """The check itself: a sentence added to a template, and one close to a translated one (which
    makemessages carries over as a fuzzy guess), both show up as missing."""
    probe = '{% load i18n %}{% translate "A brand new sentence" %}{% translate "Open the cases" %}'
    found = missing(regenerate(tmp_path, {"translation_probe.html": probe}))
    assert set(found) == {"A brand new sentence", "Open the cases"}
