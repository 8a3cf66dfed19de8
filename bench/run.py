"""Run the benchmarks: `python -m bench.run --size 100000` (what `make bench` does).

Creates the PostgreSQL database `equity_bench_<size>` if needed (and recreates it if it holds
a different corpus), migrates it, generates or reuses the corpus, runs every benchmark, prints
each table and writes them all, with the machine's description, to
`bench/.state/results-<size>.md` for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCHMARKS = ("intake", "search", "trends", "queue", "rotation", "campaigns")
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def _size_label(size: int) -> str:
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}m"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def _prepare_database(url: str, *, recreate: bool) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.startswith("equity_bench"):
        raise SystemExit(f"Refusing to manage database {name!r}: bench databases are equity_bench*")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and recreate:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def machine_description() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        pg_version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{os.cpu_count()} cores, {cpu}",
        "memory": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": f"{pg_version} (local, default config, shared_buffers {shared_buffers})",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="reports in the corpus")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument(
        "--only", default=",".join(BENCHMARKS), help=f"comma-separated subset of {BENCHMARKS}"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per measured query")
    parser.add_argument("--intake-seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8, help="concurrent HTTP connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows when piped to a file
    selected = [name for name in args.only.split(",") if name]
    unknown = set(selected) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmarks: {', '.join(sorted(unknown))}")

    label = _size_label(args.size)
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/equity_bench_{label}"
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    _prepare_database(url, recreate=False)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from bench import corpus

    meta = corpus.read_meta()
    stale = (
        meta.get("size") != str(args.size)
        or meta.get("seed") != str(args.seed)
        or meta.get("campaigns") != corpus.CAMPAIGNS_VERSION
    )
    if stale and corpus.corpus_size():
        print("The bench database holds another corpus: recreating it.")
        from django.db import connections

        connections.close_all()
        _prepare_database(url, recreate=True)
        call_command("migrate", verbosity=0, interactive=False)

    return _run(args, selected, label)


def _run(args, selected: list[str], label: str) -> int:
    from django.conf import settings

    from bench import benchmarks, corpus
    from bench.goals import goal_rows, goals_table
    from bench.measure import print_table
    from bench.settings import ACTIVE_KEY_FILE, STATE_DIR

    sections: list[str] = []
    machine = machine_description()
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in machine.items()))
    print(f"Corpus: {args.size:,} reports, seed {args.seed}")
    try:
        info = corpus.ensure_corpus(size=args.size, seed=args.seed)
    except corpus.KeyMismatch as refusal:
        print(f"Refusing to run: {refusal}", file=sys.stderr)
        return 2
    if info.generated:
        print(f"  generated in {info.seconds:,.0f} s ({args.size / info.seconds:,.0f} reports/s)")
    sections.append(
        f"Corpus: {args.size:,} reports in {len(info.district_ids)} districts"
        + (f", generated in {info.seconds:,.0f} s" if info.generated else ", reused")
    )
    districts = corpus.corpus_districts()
    repeat = args.repeat

    summaries: dict[str, dict] = {}  # what the goals table reads

    def record(title, results, summary):
        sections.append(print_table(title, results, extra=summary))

    if "intake" in selected:
        from bench.intake import intake_benchmark

        started = time.perf_counter()
        results, summary = intake_benchmark(
            state_dir=STATE_DIR,
            seconds=args.intake_seconds,
            connections=args.connections,
            workers=args.workers,
        )
        _empty_broker_queue(settings.CELERY_BROKER_URL)
        summaries["intake"] = summary
        record(
            f"INTAKE over HTTP ({args.connections} connections, gunicorn x{args.workers}, "
            f"corpus {args.size:,}) [{time.perf_counter() - started:.0f} s]",
            results,
            summary,
        )

    if "search" in selected:
        largest = max(districts, key=lambda d: d.cases.count())
        scopes = [
            (
                "search district",
                f"district officer, {largest.cases.count():,} cases",
                benchmarks.bench_user(username="bench.search.district", districts=[largest]),
            ),
            (
                "search all",
                f"every district, {args.size:,} cases",
                benchmarks.bench_user(username="bench.search.all", districts=districts),
            ),
        ]
        for key, scope, user in scopes:
            results, summary = benchmarks.search_benchmark(user=user, scope=scope, repeat=repeat)
            summaries[key] = summary
            record(
                f"SEARCH, queue first page + count, {scope} (corpus {args.size:,})",
                results,
                summary,
            )

    if "trends" in selected:
        results, summary = benchmarks.trend_benchmark(
            district_ids=[d.pk for d in districts], repeat=max(5, repeat // 2)
        )
        summaries["trends"] = summary
        record(f"TRENDS (corpus {args.size:,})", results, summary)

    if "queue" in selected:
        from tests.staff import login_staff

        results, summary = benchmarks.queue_benchmark(
            sizes=(10, 100, 1000), repeat=max(5, repeat // 2), seed=args.seed, login=login_staff
        )
        summaries["queue"] = summary
        record(f"CASE LIST (corpus {args.size:,})", results, summary)

    if "rotation" in selected:
        active = settings.PRIVACY_ACTIVE_KEY_ID
        target = "b2" if active == "b1" else "b1"
        results, summary = benchmarks.rotation_benchmark(target_key_id=target)
        ACTIVE_KEY_FILE.write_text(target + "\n")  # the corpus is now on the other key
        record(f"KEY ROTATION (corpus {args.size:,})", results, summary)

    if "campaigns" in selected:
        results, summary = benchmarks.campaign_benchmark(repeat=repeat)
        record(f"CAMPAIGN GROUPING (corpus {args.size:,})", results, summary)

    rows = goal_rows(
        summaries=summaries,
        generation_seconds=info.seconds if info.generated else None,
        size=args.size,
    )
    table = goals_table(rows, size=args.size)
    print(table + "\n")
    output = STATE_DIR / f"results-{label}.md"
    machine_lines = "\n".join(f"- {key}: {value}" for key, value in machine.items())
    output.write_text(
        f"Machine:\n{machine_lines}\n\n"
        + "\n\n".join(f"```\n{s}\n```" for s in sections)
        + f"\n\n{table}\n"
    )
    print(f"Results written to {output}")
    return 0


def _empty_broker_queue(broker_url: str) -> None:
    """Drop the jobs the intake run published: no worker consumes the bench broker database."""
    try:
        import redis

        redis.Redis.from_url(broker_url).delete("celery")
    except Exception as exc:  # a leftover queue is harmless
        print(f"  (could not empty the bench broker queue: {type(exc).__name__})")


if __name__ == "__main__":
    sys.exit(main())
