"""Are the translation catalogs up to date with the source? Run by `make check-catalogs`.

It copies the source tree into a temporary folder, runs `manage.py makemessages` there once,
and compares the msgids it extracts with the committed catalog of every language of
settings.LANGUAGES except the source language: locale/<locale>/LC_MESSAGES/django.po
(LOCALE_PATHS), the one catalog of a language for the portal, the public pages (cms/), the API
and the staff back office alike. Line numbers, `#:` comments and the order of entries do not
matter. Test and benchmark code is not extracted.

Which msgids a language needs (issue 19):
- a language of the staff back office (settings.WAGTAILADMIN_PERMITTED_LANGUAGES: Spanish):
  every msgid, reporter-facing and staff-side alike, since staff who choose Spanish in
  Wagtail must not get a mixed interface (issue 16);
- every other language the site ships (Arabic, Vietnamese...): the reporter surface, the msgids
  used in at least one file of REPORTER_SURFACE below (what a reporter or a family sees: the
  public pages' templates, the report steps, errors, receipt, status page, the public API's
  messages). Staff-side msgids may be absent there.

What fails (exit status 1):
- a msgid a language needs that its catalog lacks, or has without a translation (empty,
  fuzzy, or a plural with an empty form). Add the entry by hand (never run makemessages on
  the real tree: it rewrites the hand-kept catalog); `--verbose` also prints the source files
  of each msgid;
- a catalog anywhere else than locale/ (an app's <app>/locale/): one catalog per language, so
  that no translation hides another one by Django's merge order;
- a compiled .mo that does not say what its .po says (the site serves the .mo): compile with
  `DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python manage.py compilemessages -i .venv`
  (touch the .po first: compilemessages skips a .po older than its .mo).

What only warns: obsolete entries, in the catalog but no longer in the source (harmless at
run time; delete them when you see them).
"""

import argparse
import ast
import gettext
import os
import re
import shutil
import subprocess  # manage.py makemessages, with fixed arguments
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

from config.settings_module import require_settings_module
from privacy.keyring import generate_env_lines

ROOT = Path(__file__).resolve().parents[1]

# Not copied for makemessages: generated or local files. Every name starting with a dot
# (.git, .venv, .env, .ci) is left out too.
NOT_COPIED = {"__pycache__", "staticfiles", "media", "test-artifacts", "build", "db.sqlite3"}
NOT_EXTRACTED = ("tests", "bench")

Key = tuple[str | None, str]  # (msgctxt, msgid)

# The reporter surface: source paths (prefixes) whose strings a reporter or a family reads, in
# every language the site ships. The one list of it: a string used in one of these files must
# be translated in every catalog. A new public template or module outside these folders joins
# the surface by a line here.
REPORTER_SURFACE = (
    "reporting/",
    "cms/templates/",
    "cms/templatetags/",
    "templates/base.html",
    "templates/errors/portal_",
    "config/",
    "api/public.py",
    "api/errors.py",
    "api/schemas.py",
    "cases/life_safety.py",
    "cases/evidence_rules.py",
    "cases/uploads.py",
    "cases/models/case.py",
    "cases/evidence_metadata.py",
    "transfers/status_text.py",
    "cases/languages.py",
    "cases/choices.py",
    "cases/selectors/reporter.py",
    # Sheets staff print or hand over in the reporter's language (staff-entered intake).
    "staff_intake/templates/staff_intake/receipt.html",
    "staff_intake/templates/staff_intake/paper_form.html",
    # The default appeal and OCR text of an outcome notice, in the reporter's language.
    "outcomes/selectors.py",
)
# ...except these, which staff or operators read (management commands, demo data, settings).
NOT_REPORTER_SURFACE = ("reporting/management/", "reporting/demo", "config/settings/")


def is_reporter_surface(reference: str) -> bool:
    """Whether a `#:` reference (a path, with or without its line number) is read by reporters."""
    path = reference.rsplit(":", 1)[0] if ":" in reference else reference
    return path.startswith(REPORTER_SURFACE) and not path.startswith(NOT_REPORTER_SURFACE)


def reporter_surface(source: dict["Key", list[str]]) -> dict["Key", list[str]]:
    """The msgids of `source` used in at least one file of the reporter surface."""
    return {
        key: references
        for key, references in source.items()
        if any(is_reporter_surface(reference) for reference in references)
    }


def staff_languages() -> set[str]:
    """The back office's languages: they need every msgid, staff-side included."""
    return {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}


_FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid or "")

    @property
    def compiled(self) -> bool:
        """Whether msgfmt writes it into the .mo: not fuzzy and a first form."""
        return "fuzzy" not in self.flags and bool(self.msgstr.get(0))

    @property
    def translated(self) -> bool:
        return (
            "fuzzy" not in self.flags
            and bool(self.msgstr)
            and all(text for text in self.msgstr.values())
        )


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, the header left out. Obsolete ones (#~) are marked."""
    entries: list[Entry] = []
    entry = Entry()
    last_field: str | None = None

    def finish() -> None:
        nonlocal entry, last_field
        if entry.msgid:  # the header has msgid ""
            entries.append(entry)
        entry, last_field = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("|"):  # previous msgid of an obsolete fuzzy entry
                continue
        if not line:
            if not obsolete:
                finish()
            continue
        if line.startswith("#"):
            if entry.msgstr:
                finish()
            if line.startswith("#:"):
                entry.references += line[2:].split()
            elif line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        match = _FIELD.match(line)
        if match:
            name, text = match.group(1), ast.literal_eval(match.group(2))
            if name in ("msgctxt", "msgid") and entry.msgstr:
                finish()  # entries need not be separated by a blank line
            elif name == "msgctxt" and entry.msgid is not None:
                finish()
            entry.obsolete = entry.obsolete or obsolete
            if name == "msgctxt":
                entry.msgctxt = text
            elif name == "msgid":
                entry.msgid = text
            elif name == "msgid_plural":
                entry.msgid_plural = text
            else:
                entry.msgstr[int(name[7:-1]) if "[" in name else 0] = text
            last_field = name
        elif line.startswith('"') and last_field:
            text = ast.literal_eval(line)
            if last_field == "msgctxt":
                entry.msgctxt = (entry.msgctxt or "") + text
            elif last_field == "msgid":
                entry.msgid = (entry.msgid or "") + text
            elif last_field == "msgid_plural":
                entry.msgid_plural = (entry.msgid_plural or "") + text
            else:
                index = int(last_field[7:-1]) if "[" in last_field else 0
                entry.msgstr[index] += text
        else:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def catalogs(tree: Path, language: str) -> list[Path]:
    """The django.po files of one language under a tree, in LOCALE_PATHS and in the apps."""
    found = []
    for path in sorted(tree.rglob(f"locale/{language}/LC_MESSAGES/django.po")):
        parts = path.relative_to(tree).parts
        if not any(part.startswith(".") for part in parts) and parts[0] not in NOT_EXTRACTED:
            found.append(path)
    return found


def _display(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def stray_catalogs(tree: Path, language: str) -> list[Path]:
    """The catalogs of a language outside locale/ (LOCALE_PATHS): an app's own locale/ folder."""
    return [
        path for path in catalogs(tree, language) if path.relative_to(tree).parts[0] != "locale"
    ]


def mo_disagreements(po_path: Path) -> list[str]:
    """What the compiled .mo beside a .po says differently from it (empty when they agree)."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return [f"{_display(mo_path)} is missing"]
    with mo_path.open("rb") as handle:
        compiled = dict(gettext.GNUTranslations(handle)._catalog)
    compiled.pop("", None)  # the header
    expected: dict[object, str] = {}
    for entry in parse_po(po_path):
        if entry.obsolete or not entry.compiled:
            continue
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is None:
            expected[msgid] = entry.msgstr[0]
        else:
            expected.update({(msgid, index): text for index, text in entry.msgstr.items()})
    differing = sorted(
        (
            str(key)
            for key in expected.keys() | compiled.keys()
            if expected.get(key) != compiled.get(key)
        ),
    )
    return [f"{_display(mo_path)} differs from its .po on {key}" for key in differing]


def extract(language: str, workdir: Path) -> dict[Key, list[str]]:
    """The locale folder name of `language` (a Django code: "zh-hans" -> "zh_Hans")."""
    return _extract(to_locale(language), workdir)


def _extract(language: str, workdir: Path) -> dict[Key, list[str]]:
    """msgid -> the files that use it, as makemessages finds them in a copy of the tree."""
    copy = workdir / "tree"

    def ignored(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if name.startswith(".") or name in NOT_COPIED}

    shutil.copytree(ROOT, copy, ignore=ignored)
    for compiled in [*copy.rglob("*.po"), *copy.rglob("*.mo")]:
        compiled.unlink()  # extract from scratch: nothing merged from the committed catalogs
    command = [sys.executable, "manage.py", "makemessages", "--locale", language]
    command += ["--add-location", "file", "--no-wrap", "--verbosity", "0"]
    for folder in NOT_EXTRACTED:
        command += ["--ignore", folder]
    result = subprocess.run(  # noqa: S603
        command, cwd=copy, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"makemessages failed:\n{result.stdout}{result.stderr}")
    found: dict[Key, list[str]] = defaultdict(list)
    for path in catalogs(copy, language):
        for entry in parse_po(path):
            found[entry.key] += entry.references
    return found


@dataclass
class Comparison:
    """What a language's committed catalogs lack, or keep needlessly, against the source."""

    missing: dict[Key, list[str]]
    untranslated: dict[Key, list[str]]
    obsolete: dict[Key, list[str]]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.untranslated


def compare(
    *,
    source: dict[Key, list[str]],
    catalog_paths: list[Path],
    known: dict[Key, list[str]] | None = None,
) -> Comparison:
    """Every msgid of `source` (what the language needs) needs a translation; an entry of the
    catalog that is not in `known` (the whole source; `source` by default) is obsolete."""
    known = source if known is None else known
    committed: dict[Key, bool] = {}
    where: dict[Key, list[str]] = defaultdict(list)
    for path in catalog_paths:
        for entry in parse_po(path):
            if not entry.obsolete:
                committed[entry.key] = committed.get(entry.key, False) or entry.translated
                where[entry.key].append(_display(path))
    return Comparison(
        missing={key: refs for key, refs in source.items() if key not in committed},
        untranslated={key: refs for key, refs in source.items() if committed.get(key) is False},
        obsolete={key: where[key] for key in committed if key not in known},
    )


def _show(key: Key, references: list[str], verbose: bool) -> str:
    context = f" (context {key[0]!r})" if key[0] is not None else ""
    files = f"  [{', '.join(sorted(set(references)))}]" if verbose else ""
    return f"  {key[1]!r}{context}{files}"


def check_language(language: str, source: dict[Key, list[str]], verbose: bool) -> bool:
    """Check the catalog of `language` (a Django code) against the extracted `source`."""
    folder = to_locale(language)
    paths = catalogs(ROOT, folder)
    needed = source if language in staff_languages() else reporter_surface(source)
    result = compare(source=needed, catalog_paths=paths, known=source)
    ok = result.ok
    what = "every" if needed is source else "reporter-surface"
    print(f"[{language}] {len(needed)} {what} msgids needed, {len(paths)} catalog(s)")
    if not paths:
        ok = False
        print(f"FAIL: locale/{folder}/LC_MESSAGES/django.po is missing")
    for problems, what in (
        (result.missing, "missing from"),
        (result.untranslated, "untranslated in"),
    ):
        if problems:
            print(f"FAIL: {len(problems)} msgids {what} the {language} catalog:")
            for key in sorted(problems, key=str):
                print(_show(key, problems[key], verbose))
    for path in stray_catalogs(ROOT, folder):
        ok = False
        print(f"FAIL: {_display(path)}: move its entries to locale/{folder}/LC_MESSAGES/django.po")
    if result.obsolete:
        print(f"warning: {len(result.obsolete)} obsolete msgids in the {language} catalog:")
        for key in sorted(result.obsolete, key=str):
            print(_show(key, result.obsolete[key], verbose=True))
    for path in paths:
        for problem in mo_disagreements(path):
            ok = False
            print(f"FAIL: {problem}")
    return ok


def use_throwaway_keys() -> None:
    """Fresh keys for this check and its makemessages, which read no data: no key warnings."""
    for line in generate_env_lines().splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            os.environ.setdefault(name.strip(), value.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--verbose", action="store_true", help="name the source files of each msgid listed"
    )
    args = parser.parse_args()
    require_settings_module()
    use_throwaway_keys()
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    ok = True
    with tempfile.TemporaryDirectory(prefix="check-catalogs-") as folder:
        # The msgids and where they are used do not depend on the language: extract once.
        source = extract(languages[0], Path(folder))
    for language in languages:
        ok = check_language(language, source, args.verbose) and ok
    if not ok:
        print(
            "To fix: add each msgid above, translated, to locale/<language>/LC_MESSAGES/django.po "
            "by hand, and compile the .mo files (see this script's docstring)."
        )
        sys.exit(1)
    print("Catalogs are up to date: every language has every string it needs translated.")


if __name__ == "__main__":
    main()
