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


def test_a_reporter_language_needs_the_reporter_surface_only(po_file):
    """Vietnamese, Arabic...: what a family reads is translated; staff strings may be absent."""
    source = {
        (None, "School"): ["reporting/forms/steps.py", "cases/admin/filters.py"],
        (None, "Transfer requests"): ["transfers/views.py"],
        (None, "%(count)s file added."): ["reporting/views/status.py"],
        (None, "Seeded"): ["reporting/management/commands/seed_demo.py"],
    }

    needed = check_catalogs.reporter_surface(source)
    result = check_catalogs.compare(source=needed, catalog_paths=[po_file], known=source)

    assert set(needed) == {(None, "School"), (None, "%(count)s file added.")}
    assert set(result.untranslated) == {(None, "%(count)s file added.")}
    assert not result.missing  # the staff-side "Transfer requests" may be absent
    assert not result.ok


def test_the_reporter_surface_is_the_public_side_of_the_code():
    surface = check_catalogs.is_reporter_surface
    assert surface("reporting/templates/reporting/steps/_step.html:13")
    assert surface("templates/errors/portal_404.html")
    assert surface("api/public.py")
    assert surface("transfers/status_text.py")
    assert not surface("templates/errors/staff_404.html")
    assert not surface("reporting/management/commands/seed_demo.py")
    assert not surface("config/settings/base.py")
    assert not surface("cases/admin/queue.py")


def test_only_the_back_office_languages_need_staff_strings(settings):
    assert check_catalogs.staff_languages() == {"en", "es"}
    shipped = {code for code, _name in settings.LANGUAGES}
    assert {"ar", "vi", "zh-hans", "zh-hant", "pt-br", "ht"} <= shipped


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_every_shipped_language_translates_everything_a_reporter_reads(tmp_path, settings):
    """The CI gate of issue 19, on the real tree: no untranslated reporter-facing string in any
    language of settings.LANGUAGES, and Spanish complete for the back office too."""
    source = check_catalogs.extract("es", tmp_path)
    failures = {}
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        needed = source if code == "es" else check_catalogs.reporter_surface(source)
        paths = check_catalogs.catalogs(ROOT, check_catalogs.to_locale(code))
        result = check_catalogs.compare(source=needed, catalog_paths=paths, known=source)
        if not paths or not result.ok:
            failures[code] = sorted(result.missing | result.untranslated, key=str)[:5]
    assert failures == {}
