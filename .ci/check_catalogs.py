"""Are the translation catalogs up to date with the source? Run by `make check-catalogs`.

It copies the source tree into a temporary folder, runs `manage.py makemessages` there for
every language of settings.LANGUAGES except the source language, and compares the msgids it
extracts with the committed catalogs: locale/ (LOCALE_PATHS) and each app's <app>/locale/.
Django merges all of them at run time, so a msgid counts as present when any catalog of the
language has it, whichever catalog makemessages would have put it in. Line numbers, `#:`
comments and the order of entries do not matter. Test and benchmark code is not extracted.

What fails (exit status 1):
- a reporter-facing msgid that no committed catalog has, or has without a translation (empty
  or fuzzy). Reporter-facing means used in reporting/, cms/, api/ or templates/, or in one of
  the files of REPORTER_FACING_FILES below: the modules of the staff apps whose text reaches
  reporters (the status page's plain-language texts, the report form's choices, upload
  errors). A listed file that no longer exists fails too, so that moving one of those modules
  to another app means updating the list;
- a compiled .mo that does not say what its .po says (the site serves the .mo): compile with
  `DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python manage.py compilemessages -i .venv`.

What only warns: staff-side msgids (the back office: cases/, accounts/, jobs/, search/,
transfers/, trends/) without a translation, which are known to be untranslated until issue 16
translates them (`--verbose` lists them), and obsolete entries, in a catalog but no longer in
the source.
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

from config.settings_module import require_settings_module
from privacy.keyring import generate_env_lines

ROOT = Path(__file__).resolve().parents[1]

REPORTER_FACING_APPS = ("reporting/", "cms/", "api/", "templates/")
REPORTER_FACING_FILES = (
    "cases/choices.py",
    "cases/evidence_rules.py",
    "cases/models/taxonomy.py",
    "cases/selectors/reporter.py",
    "cases/services/identity.py",
    "cases/services/messages.py",
    "cases/services/reporter_evidence.py",
    "transfers/status_text.py",
)
# Not copied for makemessages: generated or local files. Every name starting with a dot
# (.git, .venv, .env, .ci) is left out too.
NOT_COPIED = {"__pycache__", "staticfiles", "media", "test-artifacts", "build", "db.sqlite3"}
NOT_EXTRACTED = ("tests", "bench")

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


def is_reporter_facing(references: list[str]) -> bool:
    files = [
        reference.rsplit(":", 1)[0] if ":" in reference else reference for reference in references
    ]
    return any(
        name.startswith(REPORTER_FACING_APPS) or name in REPORTER_FACING_FILES for name in files
    )


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


def extract(language: str, workdir: Path) -> dict[tuple[str | None, str], list[str]]:
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
    found: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for path in catalogs(copy, language):
        for entry in parse_po(path):
            found[entry.key] += entry.references
    return found


def _show(key: tuple[str | None, str], references: list[str]) -> str:
    context = f" (context {key[0]!r})" if key[0] is not None else ""
    files = ", ".join(sorted(set(references)))
    return f"  {key[1]!r}{context}  [{files}]"


def check_language(language: str, workdir: Path, verbose: bool) -> bool:
    source = extract(language, workdir)
    committed: dict[tuple[str | None, str], bool] = {}
    where: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for path in catalogs(ROOT, language):
        for entry in parse_po(path):
            if not entry.obsolete:
                committed[entry.key] = committed.get(entry.key, False) or entry.translated
                where[entry.key].append(_display(path))
    missing = {key: refs for key, refs in source.items() if key not in committed}
    untranslated = {key: refs for key, refs in source.items() if committed.get(key) is False}
    obsolete = sorted(key for key in committed if key not in source)

    ok = True
    print(f"[{language}] {len(source)} msgids in the source, {len(committed)} in the catalogs")
    for problems, what in ((missing, "missing from"), (untranslated, "untranslated in")):
        facing = {key: refs for key, refs in problems.items() if is_reporter_facing(refs)}
        staff = {key: refs for key, refs in problems.items() if key not in facing}
        if facing:
            ok = False
            print(f"FAIL: {len(facing)} reporter-facing msgids {what} the {language} catalogs:")
            for key in sorted(facing, key=str):
                print(_show(key, facing[key]))
        if staff:
            print(
                f"warning: {len(staff)} staff-side msgids {what} the {language} catalogs "
                f"(to translate in issue 16){':' if verbose else '; --verbose lists them'}"
            )
            if verbose:
                for key in sorted(staff, key=str):
                    print(_show(key, staff[key]))
    if obsolete:
        print(f"warning: {len(obsolete)} obsolete msgids in the {language} catalogs:")
        for key in obsolete:
            print(_show(key, where[key]))
    for path in catalogs(ROOT, language):
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
    parser.add_argument("--verbose", action="store_true", help="list staff-side msgids too")
    args = parser.parse_args()
    require_settings_module()
    use_throwaway_keys()
    gone = [name for name in REPORTER_FACING_FILES if not (ROOT / name).exists()]
    if gone:
        sys.exit(f"REPORTER_FACING_FILES in {Path(__file__).name} names missing files: {gone}")
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    ok = True
    with tempfile.TemporaryDirectory(prefix="check-catalogs-") as folder:
        for language in languages:
            workdir = Path(folder) / language
            workdir.mkdir()
            ok = check_language(language, workdir, args.verbose) and ok
    if not ok:
        print(
            "To fix: add each reporter-facing msgid above, translated, to the catalog of its app "
            "(templates/: cms/locale), and compile the .mo files (see this script's docstring)."
        )
        sys.exit(1)
    print("Catalogs are up to date for the reporter-facing strings.")


if __name__ == "__main__":
    main()
