"""The pieces of .ci/check_catalogs.py (`make check-catalogs` runs the whole check on the tree)."""

import importlib.util
import shutil
import subprocess  # msgfmt with fixed arguments
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_catalogs", ROOT / ".ci" / "check_catalogs.py")
check_catalogs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_catalogs)

PO = r"""# A header comment.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: reporting/forms/steps.py:10 cases/admin/filters.py:3
msgid "School"
msgstr "Escuela"

#: cases/admin/queue.py
#, python-format
msgid ""
"More than %(cap)s cases "
"match."
msgstr ""

#: cms/models.py
#, fuzzy
msgid "home page"
msgstr "página"

msgctxt "case status"
msgid "Closed"
msgstr "Cerrado"
msgid "Open"
msgstr "Abierto"

#: reporting/views/status.py
#, python-format
msgid "%(count)s file added."
msgid_plural "%(count)s files added."
msgstr[0] "%(count)s archivo agregado."
msgstr[1] ""

#~ msgid "Merge %(number)s into this case"
#~ msgstr ""
"""


@pytest.fixture
def po_file(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(PO, encoding="utf-8")
    return path


def test_parse_po_reads_every_kind_of_entry(po_file):
    entries = {entry.key: entry for entry in check_catalogs.parse_po(po_file)}

    assert set(entries) == {
        (None, "School"),
        (None, "More than %(cap)s cases match."),
        (None, "home page"),
        ("case status", "Closed"),
        (None, "Open"),
        (None, "%(count)s file added."),
        (None, "Merge %(number)s into this case"),
    }
    assert entries[None, "School"].references == [
        "reporting/forms/steps.py:10",
        "cases/admin/filters.py:3",
    ]
    assert entries[None, "Merge %(number)s into this case"].obsolete
    assert entries[None, "%(count)s file added."].msgid_plural == "%(count)s files added."
    translated = {key for key, entry in entries.items() if entry.translated}
    # Empty, fuzzy and a plural with one empty form are not translations.
    assert translated == {(None, "School"), ("case status", "Closed"), (None, "Open")}


def test_staff_side_strings_fail_like_reporter_facing_ones_when_untranslated(po_file):
    """Staff who choose Spanish get no mixed interface: a back-office string needs Spanish too."""
    source = {
        (None, "School"): ["reporting/forms/steps.py"],
        (None, "More than %(cap)s cases match."): ["cases/templates/cases/admin/queue.html"],
        (None, "%(count)s file added."): ["reporting/views/status.py"],
        (None, "Transfer requests"): ["transfers/views.py"],
        ("case status", "Closed"): ["cases/models/case.py"],
    }

    result = check_catalogs.compare(source=source, catalog_paths=[po_file])

    assert not result.ok
    assert set(result.untranslated) == {
        (None, "More than %(cap)s cases match."),
        (None, "%(count)s file added."),
    }
    assert set(result.missing) == {(None, "Transfer requests")}
    # In the catalog, no longer in the source: only a warning.
    assert set(result.obsolete) == {(None, "home page"), (None, "Open")}


def test_a_catalog_with_every_string_translated_passes(po_file):
    source = {(None, "School"): ["reporting/forms/steps.py"], (None, "Open"): ["cases/x.py"]}

    assert check_catalogs.compare(source=source, catalog_paths=[po_file]).ok


def test_an_app_catalog_beside_the_root_one_is_reported(tmp_path):
    """One catalog per language under locale/, so no translation hides another by merge order."""
    for folder in ("locale", "cms/locale", "tests/locale"):
        path = tmp_path / folder / "es" / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True)
        path.write_text(PO, encoding="utf-8")

    assert check_catalogs.stray_catalogs(tmp_path, "es") == [
        tmp_path / "cms" / "locale" / "es" / "LC_MESSAGES" / "django.po"
    ]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
def test_a_mo_that_no_longer_says_what_its_po_says_is_found(po_file):
    subprocess.run(  # noqa: S603
        ["msgfmt", "-o", str(po_file.with_suffix(".mo")), str(po_file)],  # noqa: S607
        check=True,
    )
    assert check_catalogs.mo_disagreements(po_file) == []

    po_file.write_text(PO.replace('msgstr "Abierto"', 'msgstr "Abierta"'), encoding="utf-8")
    assert check_catalogs.mo_disagreements(po_file) == [
        f"{po_file.with_suffix('.mo')} differs from its .po on Open"
    ]

    po_file.with_suffix(".mo").unlink()
    assert check_catalogs.mo_disagreements(po_file) == [f"{po_file.with_suffix('.mo')} is missing"]
