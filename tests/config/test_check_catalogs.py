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


@pytest.mark.parametrize(
    ("references", "facing"),
    [
        (["reporting/views/status.py"], True),
        (["templates/500.html"], True),
        (["cms/blocks.py"], True),
        (["api/public.py"], True),
        (["cases/selectors/reporter.py:40"], True),
        (["cases/admin/filters.py", "reporting/forms/steps.py"], True),
        (["cases/admin/queue.py"], False),
        (["search/trends.py"], False),
    ],
)
def test_reporter_facing_strings_are_those_of_the_public_apps_and_the_listed_files(
    references, facing
):
    assert check_catalogs.is_reporter_facing(references) is facing


def test_every_listed_reporter_facing_file_exists():
    """Moving one of them to another app must update REPORTER_FACING_FILES."""
    assert [
        name for name in check_catalogs.REPORTER_FACING_FILES if not (ROOT / name).exists()
    ] == []


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
