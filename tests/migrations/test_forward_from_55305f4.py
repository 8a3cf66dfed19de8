"""A database made at 55305f4, the last commit before `cases` was split into `transfers`,
`jobs`, `trends` and `accounts`, migrates forward, and what that code wrote reads back.

Both code versions run as subprocesses on a database of this test's own (a temporary SQLite
file, or a fresh PostgreSQL database when DATABASE_URL is a PostgreSQL URL), never the
pytest-django test database:

1. `git archive 55305f4` is extracted to a temporary folder (which has no `.env`);
2. there, `manage.py migrate`, then seed_at_55305f4.py writes a report, a transfer request with
   a message, and so audit events and outbox rows, through that commit's own services;
3. here, `manage.py migrate`, then read_back_after_split.py reads them through today's code.

Both runs get the same fixed keys, so a ciphertext that no longer decrypts (a moved model
whose AAD binding changed) fails the test, as does a permission that did not follow its model
to the new app.
"""

import json
import os
import secrets
import shutil
import subprocess  # git, tar and manage.py with fixed arguments
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from privacy.keyring import generate_env_lines

pytestmark = pytest.mark.migration

BEFORE_SPLIT = "55305f4"
ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SEED = HERE / "seed_at_55305f4.py"
READ_BACK = HERE / "read_back_after_split.py"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql"}
STEP_TIMEOUT = 600
# Runs a script as `python script args` would, without the editable install's import finder:
# that finder maps every package of *today's* checkout, so a module the old checkout lacks
# (an app's wagtail_hooks.py added since) would be imported from today's code instead.
ONLY_THIS_CHECKOUT = (
    "import runpy, sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path "
    "if not getattr(f, '__module__', '').startswith('__editable__')]; "
    "sys.argv = sys.argv[1:]; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)
# Variables the settings read that must come from this test, not from the caller's shell
# (or, in the repository root, from a developer's `.env`: it never overrides a set variable).
NEUTRAL = {
    "DJANGO_SETTINGS_MODULE": "config.settings.test",
    "DJANGO_DEBUG": "false",
    "CELERY_TASK_ALWAYS_EAGER": "true",
    "CELERY_BROKER_URL": "memory://",
    "ELASTICSEARCH_URL": "",
    "SEARCH_BACKEND": "database",
}


def _old_tree(into: Path) -> Path:
    """The files of commit BEFORE_SPLIT, extracted under `into`."""
    git, tar = shutil.which("git"), shutil.which("tar")
    if git is None or tar is None:
        pytest.fail("This test needs git and tar to extract commit 55305f4.", pytrace=False)
    found = subprocess.run(  # noqa: S603
        [git, "cat-file", "-e", f"{BEFORE_SPLIT}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.fail(
            f"Commit {BEFORE_SPLIT} (today's main before the app split) is not in this clone, "
            "so there is nothing to migrate forward from. A shallow clone lacks it: fetch the "
            "history with `git fetch --unshallow` (or, in CI, check out with fetch-depth: 0).",
            pytrace=False,
        )
    tree = into / f"at-{BEFORE_SPLIT}"
    tree.mkdir()
    archive = subprocess.Popen(  # noqa: S603
        [git, "archive", BEFORE_SPLIT], cwd=ROOT, stdout=subprocess.PIPE
    )
    extract = subprocess.run(  # noqa: S603
        [tar, "-x", "-C", str(tree)], stdin=archive.stdout, capture_output=True, check=False
    )
    archive.stdout.close()
    if archive.wait() != 0 or extract.returncode != 0:
        pytest.fail(f"git archive {BEFORE_SPLIT} | tar -x failed: {extract.stderr!r}")
    return tree


@contextmanager
def _scratch_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL for an empty database that only this test uses, dropped afterwards."""
    configured = urlsplit(os.environ.get("DATABASE_URL", ""))
    if configured.scheme not in POSTGRES_SCHEMES:
        yield f"sqlite:///{tmp_path / 'forward.sqlite3'}"
        return
    name = f"equity_migrate_{secrets.token_hex(6)}"
    maintenance = urlunsplit(configured._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(configured._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _environment(database_url: str) -> dict[str, str]:
    """The caller's environment without settings of its own, plus one fixed set of keys."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRIVACY_", "DJANGO_", "DATABASE_", "CELERY_", "ELASTICSEARCH_"))
        and key not in {"SEARCH_BACKEND", "PYTHONPATH", "MEDIA_ROOT"}
    }
    for line in generate_env_lines().splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    env.update(NEUTRAL)
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    env["DATABASE_URL"] = database_url
    return env


def _tail(text: str | bytes | None, limit: int = 8000) -> str:
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    text = text or ""
    return text if len(text) <= limit else "[...]\n" + text[-limit:]


def _run(step: str, args: list[str], *, cwd: Path, env: dict, timings: dict) -> str:
    """Run one step; on failure the test fails with its output (never the environment)."""
    started = time.monotonic()
    try:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", ONLY_THIS_CHECKOUT, *args],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(
            f"{step}: no result after {STEP_TIMEOUT} s\n--- stderr\n{_tail(exc.stderr)}",
            pytrace=False,
        )
    timings[step] = round(time.monotonic() - started, 1)
    if result.returncode != 0:
        pytest.fail(
            f"{step} failed (exit {result.returncode}) in {cwd}\n"
            f"--- stdout\n{_tail(result.stdout)}\n--- stderr\n{_tail(result.stderr)}",
            pytrace=False,
        )
    return result.stdout


def _tagged_json(step: str, tag: str, stdout: str) -> dict:
    for line in stdout.splitlines():
        if line.startswith(f"{tag} "):
            return json.loads(line[len(tag) + 1 :])
    pytest.fail(f"{step} printed no {tag} line:\n{_tail(stdout)}", pytrace=False)


def test_a_database_from_before_the_split_migrates_forward_and_reads_back(tmp_path):
    timings: dict[str, float] = {}
    old = _old_tree(tmp_path)
    shutil.copy(SEED, old / SEED.name)
    with _scratch_database(tmp_path) as database_url:
        env = _environment(database_url)
        migrate = ["manage.py", "migrate", "--noinput"]
        _run(f"migrate at {BEFORE_SPLIT}", migrate, cwd=old, env=env, timings=timings)
        out = _run(f"seed at {BEFORE_SPLIT}", [SEED.name], cwd=old, env=env, timings=timings)
        seeded = _tagged_json("seed", "SEEDED", out)
        _run("migrate today", migrate, cwd=ROOT, env=env, timings=timings)
        out = _run(
            "read back today",
            [str(READ_BACK), json.dumps(seeded)],
            cwd=ROOT,
            env={**env, "PYTHONPATH": str(ROOT)},
            timings=timings,
        )
        read = _tagged_json("read back", "READ", out)
    print("step times (s):", timings)

    # The seed really ran the old code, not today's (the editable install maps `cases` here).
    assert Path(seeded["cases_module"]).is_relative_to(old)

    # The report's encrypted fields, its receipt and its blind-index tokens still work.
    assert read["narrative"] == seeded["narrative"]
    assert read["contact"] == seeded["contact"]
    assert read["report_via_receipt"] == seeded["report"]
    assert read["case_visible_to_equity"]
    assert read["queue_search_locker"] == [seeded["case"]]

    # The transfer moved app: its rows, its ciphertexts (bound to `cases.`), its M2M table and
    # the object permissions granted on it all followed.
    assert read["transfer_visible_to_receiving"], "the receiving officer lost the transfer"
    assert read["transfer_visible_to_sending"], "the sending officer lost the transfer"
    assert read["student_reference"] == seeded["student_reference"]
    # The request written before numbers existed got the first number of its year.
    assert read["transfer_number"] == f"TR-{read['transfer_year']}-00001"
    assert read["receiving_sides"] == ["receiving"]
    assert read["linked_cases"] == [seeded["case"]]
    assert read["message_body"] == seeded["message_body"]
    assert read["message_author"] == seeded["receiving_transfers"]
    assert read["content_types"] == seeded["content_types"], "content types were not renamed"
    assert read["content_types_left_behind"] == []
    assert read["view_transfer_permissions"] == [seeded["view_transfer_permission"]]

    # The audit trail kept its actor (one event per district), and the outbox and the trend
    # cells written by the old code read through their new apps.
    actors = [actor for actor, _target_type in read["transfer_created_events"]]
    assert actors == [seeded["equity"], seeded["equity"]]
    assert read["outbox"] == seeded["outbox"]
    assert read["outbox"]
    assert read["topics_without_handler"] == [], "rows still pending at upgrade would fail"
    assert read["trend_cells"] == seeded["trend_cells"] > 0

    assert read["models_match_migrations"], read["makemigrations_output"]
