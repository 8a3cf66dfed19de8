"""The benchmark corpus: N reports across districts and schools, written through the real models.

The reports come from `cases.synthetic` (the demo's history uses the same generator): encrypted
by the real field code, tokenised by the real blind index, with a receipt hash that matches no
receipt and no per-report audit event or outbox row (the intake benchmark measures that path
over HTTP). This module adds the bench's own districts, indexes each batch with the real
database search backend, and keeps the plaintext baseline.

Beside the product tables it fills ``bench_plain_narrative`` (case id + plaintext narrative,
with a GIN full-text index on PostgreSQL): the plaintext baseline of the search benchmark.
It lives only in the benchmark database, which the runner creates and drops.

Planted campaigns (one per 1,000 reports) are part of the N reports: each is one base
narrative sent 3 to 12 times within one district, every copy with 0 to 2 small word edits and
its own people
(`bench.vocabulary.CampaignCopies`). ``bench_campaign_truth`` (case id, campaign number) is
the ground truth the campaign-grouping benchmark scores its groups against.

A finished corpus is recorded in ``bench_meta``; asking again for the same size and seed
reuses it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from itertools import accumulate

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from psycopg.types.json import Jsonb

from bench.vocabulary import CampaignCopies, NarrativeWriter
from cases.models import Case, District, Report, School
from cases.synthetic import (
    M2M_RELATIONS,
    CaseNumbering,
    SyntheticBatch,
    SyntheticContext,
    build_batch,
    synthetic_context,
)
from privacy.blind_index import normalise_words, query_tokens, word_token
from privacy.keyring import blind_index_key
from search.backends.database import _SOURCES, DatabaseBackend
from search.models import CaseSearchToken

DISTRICT_PREFIX = "bench-"
Progress = Callable[[str], None]

YEARS_OF_HISTORY = 3
#: Bumped when the planted campaigns change: a corpus without them is generated again.
CAMPAIGNS_VERSION = "2"


@dataclass(frozen=True)
class CorpusInfo:
    size: int
    seed: int
    district_ids: list[int]
    generated: bool
    seconds: float


# --------------------------------------------------------------------------- bench tables


def ensure_bench_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (name varchar(40) PRIMARY KEY, value text)"
        )
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_plain_narrative ("
                " case_id uuid PRIMARY KEY, body text NOT NULL,"
                " tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)"
            )
        else:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_plain_narrative ("
                " case_id char(32) PRIMARY KEY, body text NOT NULL)"
            )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_campaign_truth ("
            " case_id varchar(36) PRIMARY KEY, campaign integer NOT NULL)"
        )


def _index_plain_table() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS bench_plain_tsv "
                "ON bench_plain_narrative USING gin (tsv)"
            )
            # What autovacuum gives a table in steady state: statistics and a visibility map,
            # without which no index-only scan is possible right after a bulk load.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def read_meta() -> dict[str, str]:
    ensure_bench_tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, value FROM bench_meta")
        return dict(cursor.fetchall())


def write_meta(**values) -> None:
    with connection.cursor() as cursor:
        for name, value in values.items():
            cursor.execute("DELETE FROM bench_meta WHERE name = %s", [name])
            cursor.execute(
                "INSERT INTO bench_meta (name, value) VALUES (%s, %s)", [name, str(value)]
            )


def corpus_districts() -> list[District]:
    return list(District.objects.filter(slug__startswith=DISTRICT_PREFIX).order_by("pk"))


def corpus_size() -> int:
    return Report.objects.filter(school__district__slug__startswith=DISTRICT_PREFIX).count()


# --------------------------------------------------------------------------- organisation


def _organisation(rng: random.Random, size: int) -> list[tuple[School, float]]:
    """Districts of very different sizes, schools weighted by a log-normal enrolment."""
    district_count = max(2, min(60, size // 5000))
    schools: list[tuple[School, float]] = []
    for number in range(1, district_count + 1):
        district = District.objects.create(
            name=f"Bench District {number:03d}",
            slug=f"{DISTRICT_PREFIX}{number:03d}",
            code=f"B{number:03d}",
        )
        school_count = max(3, int(rng.lognormvariate(2.5, 0.6)))
        created = School.objects.bulk_create(
            School(district=district, name=f"Bench School {number:03d}-{i:02d}", slug=f"s{i:02d}")
            for i in range(1, school_count + 1)
        )
        schools.extend((school, rng.lognormvariate(0, 0.8)) for school in created)
    return schools


# --------------------------------------------------------------------------- generation

#: Reports per batch: one transaction and one COPY per table each.
BATCH_SIZE = 5000


# The case's columns copied onto its token rows (`search.models.CaseSearchToken`). The arrival
# sequence, copied too, is drawn by the loader: a case's token lines end with `_SEQUENCE`.
TOKEN_KEYS = ("district_id", "school_id", "life_safety", "priority", "opened_on")
TOKEN_COLUMNS = ("case_id", "token", "source", *TOKEN_KEYS, "sequence")
_SEQUENCE = "\x00"


def token_rows(case: Case, report: Report) -> Iterator[tuple]:
    """The database search backend's rows for a generated case (its one report, no messages
    yet): what `search.backends.database._token_rows` would write, as `TOKEN_COLUMNS` without
    the sequence."""
    case_id = str(case.pk)
    keys = tuple(getattr(case, key) for key in TOKEN_KEYS)
    for field, tokens in (
        ("narrative_tokens", report.text_tokens),
        ("people_tokens", report.people_tokens),
    ):
        source = _SOURCES[field]
        for token in tokens:
            yield (case_id, token, source, *keys)


class MemoisedTokens:
    """`privacy.blind_index` tokens of a text, each word's HMAC computed once per process:
    the vocabulary repeats, so most words were already seen (same tokens, same key)."""

    def __init__(self):
        self.key = blind_index_key()
        self.words: dict[str, str] = {}

    def __call__(self, text: str) -> set[str]:
        words, tokens = self.words, set()
        for word in normalise_words(text):
            token = words.get(word)
            if token is None:
                token = words[word] = word_token(word, key=self.key)
            tokens.add(token)
        return tokens


@dataclass
class _Payload:
    """One batch as COPY text, built where the batch was drawn (maybe another process). The
    case and report lines lack their arrival sequence and case number, which the loader draws
    in order (`CaseNumbering`); `keys` are each case's (district, opened on) for that."""

    keys: list[tuple[int, date]]
    case_lines: list[str]
    report_lines: list[str]
    token_lines: list[str]
    tables: dict[str, str]
    case_ids: list[str]


_NUMBERED = ("sequence", "number")
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in COPY's text format, as the field code prepared it for the database."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, Jsonb):
        return (value.dumps or json.dumps)(value.obj).translate(_ESCAPES)
    if isinstance(value, date):  # and datetime: ISO 8601 with the offset
        return value.isoformat()
    return str(value)


def _copy_fields(model) -> list:
    return [f for f in model._meta.local_concrete_fields if f.attname not in _NUMBERED]


def _model_lines(model, objects: list) -> list[str]:
    """Each row as `bulk_create` would insert it: every field's own `pre_save` (encrypted
    fields seal with the active key, bound to the row) and database preparation."""
    fields = _copy_fields(model)
    db = connections[DEFAULT_DB_ALIAS]
    return [
        "\t".join(_copy_text(f.get_db_prep_save(f.pre_save(obj, True), db)) for f in fields)
        for obj in objects
    ]


def _lines(rows, *, escape: bool = True) -> str:
    """COPY text of `rows`; without `escape` the values are written with `str` (ids, codes
    and numbers only: nothing to escape, nothing null)."""
    if not escape:
        return "".join("\t".join(map(str, row)) + "\n" for row in rows)
    return "".join("\t".join(_copy_text(v) for v in row) + "\n" for row in rows)


def _payload(batch: SyntheticBatch) -> _Payload:
    tables = {
        relation.through._meta.db_table: _lines(getattr(batch, pairs), escape=False)
        for relation, pairs in M2M_RELATIONS.items()
    }
    tables["bench_plain_narrative"] = _lines(batch.narratives)
    return _Payload(
        keys=[(case.district_id, case.opened_on) for case in batch.cases],
        case_lines=_model_lines(Case, batch.cases),
        report_lines=_model_lines(Report, batch.reports),
        token_lines=[
            "".join(
                "\t".join(_copy_text(v) for v in row) + f"\t{_SEQUENCE}\n"
                for row in token_rows(case, report)
            )
            for case, report in zip(batch.cases, batch.reports, strict=True)
        ],
        tables=tables,
        case_ids=[str(case.pk) for case in batch.cases],
    )


def _load(payload: _Payload, numbering: CaseNumbering) -> list[str]:
    """Number the batch's cases in the order they were opened and COPY every table, in one
    transaction; returns the case ids."""
    count = len(payload.keys)
    case_lines, report_lines, last_numbers = [""] * count, [""] * count, {}
    token_lines = [""] * count
    for i in sorted(range(count), key=lambda i: payload.keys[i][1]):
        sequence, number, key, last = numbering.next(*payload.keys[i])
        case_lines[i] = f"{sequence}\t{number}\t{payload.case_lines[i]}\n"
        report_lines[i] = f"{sequence}\t{payload.report_lines[i]}\n"
        token_lines[i] = payload.token_lines[i].replace(_SEQUENCE, str(sequence))
        last_numbers[key] = last
    through = {r.through._meta.db_table: r.through for r in M2M_RELATIONS}
    with transaction.atomic():
        _copy_text_block(Case, "".join(case_lines), numbered=("sequence", "number"))
        _copy_text_block(Report, "".join(report_lines), numbered=("sequence",))
        _copy_block(CaseSearchToken._meta.db_table, TOKEN_COLUMNS, "".join(token_lines))
        for table, text in payload.tables.items():
            if table in through:
                columns = [f.column for f in through[table]._meta.local_concrete_fields[1:3]]
            else:
                columns = ("case_id", "body")
            _copy_block(table, columns, text)
        SyntheticBatch(case_numbers=last_numbers).save_case_numbers()
    return payload.case_ids


def _copy_text_block(model, text: str, *, numbered: tuple[str, ...]) -> None:
    columns = [*numbered, *(f.column for f in _copy_fields(model))]
    _copy_block(model._meta.db_table, columns, text)


def _copy_block(table: str, columns, text: str) -> None:
    if not text:
        return
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        copy.write(text.encode())


def _write_orm(batch: SyntheticBatch, numbering: CaseNumbering) -> list[str]:
    """Other databases (the SQLite test run): the models' own writes and the search backend."""
    numbering.number(batch)
    with transaction.atomic():
        batch.write()
        DatabaseBackend().index_cases(case.pk for case in batch.cases)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO bench_plain_narrative (case_id, body) VALUES (%s, %s)",
                [(_db_uuid(case_id), body) for case_id, body in batch.narratives],
            )
    return [str(case.pk) for case in batch.cases]


class _Writer:
    """Draws batches and writes them, in this process or in worker processes (forked: they
    inherit the context and keys, never use the inherited connection, and send back COPY
    text)."""

    def __init__(self, context: SyntheticContext, numbering: CaseNumbering):
        self.context, self.numbering = context, numbering
        self.tokens = MemoisedTokens()
        self.fast = connection.vendor == "postgresql"

    def build(self, *, rng: random.Random, writer, size: int, first: int) -> SyntheticBatch:
        return build_batch(
            self.context, rng=rng, writer=writer, size=size, first=first, tokens=self.tokens
        )

    def write(self, batch: SyntheticBatch) -> list[str]:
        if self.fast:
            return _load(_payload(batch), self.numbering)
        return _write_orm(batch, self.numbering)


_WORKER: _Writer | None = None  # the writer a forked worker process inherits


def _build_payload(task: tuple[str, int, int]) -> _Payload:
    seed, size, first = task
    rng = random.Random(seed)  # nosec B311  # reproducible synthetic data, not secrets
    return _payload(_WORKER.build(rng=rng, writer=NarrativeWriter(rng), size=size, first=first))


def generate_corpus(
    *,
    size: int,
    seed: int = 10,
    batch_size: int = BATCH_SIZE,
    processes: int | None = None,
    progress: Progress | None = None,
) -> CorpusInfo:
    """Write `size` reports (one case each) in batches; returns how long it took.

    On PostgreSQL the load runs without the loaded tables' secondary indexes and foreign keys
    (rebuilt after, as the migrations define them) and without waiting for each commit's
    flush; `processes` (default: one per core) draw the batches in parallel."""
    progress = progress or _stderr
    started = time.perf_counter()
    ensure_bench_tables()
    rng = random.Random(seed)  # nosec B311  # reproducible synthetic data, not secrets
    schools_weighted = _organisation(rng, size)
    campaign_sizes = _campaign_sizes(rng, size)
    context = synthetic_context(schools_weighted=schools_weighted, years=YEARS_OF_HISTORY)
    writer = _Writer(context, CaseNumbering(context.districts))
    with _bulk_load(progress):
        write_reports(
            schools_weighted=schools_weighted,
            size=size - sum(campaign_sizes),
            rng=rng,
            batch_size=batch_size,
            progress=progress,
            processes=processes,
            writer=writer,
        )
        plant_campaigns(
            schools_weighted=schools_weighted, sizes=campaign_sizes, rng=rng, writer=writer
        )
        progress(f"  planted {len(campaign_sizes)} campaigns of {sum(campaign_sizes)} reports")
    _index_plain_table()
    write_meta(size=size, seed=seed, campaigns=CAMPAIGNS_VERSION)
    district_ids = sorted({s.district_id for s, _ in schools_weighted})
    return CorpusInfo(size, seed, district_ids, True, time.perf_counter() - started)


def write_reports(
    *,
    schools_weighted: list[tuple[School, float]],
    size: int,
    rng: random.Random,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    processes: int | None = 1,
    writer: _Writer | None = None,
) -> None:
    """`size` reports spread over these schools (by weight), written batch by batch. Each
    batch draws from its own generator seeded from `rng`, so the corpus is the same whatever
    the number of processes."""
    global _WORKER
    progress = progress or _stderr
    if writer is None:
        context = synthetic_context(schools_weighted=schools_weighted, years=YEARS_OF_HISTORY)
        writer = _Writer(context, CaseNumbering(context.districts))
    base = rng.getrandbits(64)
    tasks = [
        (f"{base}-{n}", min(batch_size, size - first), first)
        for n, first in enumerate(range(0, size, batch_size))
    ]
    processes = processes if processes is not None else (os.cpu_count() or 1)
    meter = _Meter(size, progress)
    if processes > 1 and writer.fast and len(tasks) > 1:
        _WORKER = writer
        context = multiprocessing.get_context("fork")
        with context.Pool(processes) as pool:
            for payload in pool.imap(_build_payload, tasks):
                _load(payload, writer.numbering)
                meter.add(len(payload.keys))
        _WORKER = None
        return
    for seed, count, first in tasks:
        batch_rng = random.Random(seed)  # nosec B311  # reproducible synthetic data
        batch = writer.build(
            rng=batch_rng, writer=NarrativeWriter(batch_rng), size=count, first=first
        )
        writer.write(batch)
        meter.add(count)


class _Meter:
    """The progress line: done / total, rate, ETA; every batch, at most every 5 seconds."""

    def __init__(self, total: int, progress: Progress):
        self.total, self.progress, self.done = total, progress, 0
        self.started = self.shown = time.perf_counter()

    def add(self, count: int) -> None:
        self.done += count
        now = time.perf_counter()
        if now - self.shown < 5 and self.done < self.total:
            return
        self.shown = now
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate
        eta = f"{left / 60:,.0f} min" if left >= 90 else f"{left:,.0f} s"
        self.progress(f"  {self.done:,} / {self.total:,} reports, {rate:,.0f}/s, ETA {eta}")


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _loaded_tables() -> list[str]:
    return [
        Case._meta.db_table,
        Report._meta.db_table,
        *(relation.through._meta.db_table for relation in M2M_RELATIONS),
        CaseSearchToken._meta.db_table,
        "bench_plain_narrative",
    ]


@contextmanager
def _bulk_load(progress: Progress):
    """PostgreSQL: the loaded tables without their secondary indexes, unique constraints and
    foreign keys while loading, then each rebuilt from its own definition (the migrated
    schema, unchanged after); commits not waiting for the WAL flush (a crash loses the
    corpus, which is regenerated anyway)."""
    if connection.vendor != "postgresql":
        yield
        return
    tables = _loaded_tables()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype"
            " FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s)"
            " AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
            [tables],
        )
        constraints = cursor.fetchall()  # unique ones first, foreign keys after
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
            " WHERE indrelid::regclass::text = ANY(%s) AND NOT indisprimary"
            " AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE contype = 'u')",
            [tables],
        )
        indexes = cursor.fetchall()
        # Inside a transaction (the tests'), a table with pending deferred checks cannot be
        # altered: run them now; the constraints are deferred again after the rebuild.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _definition, _kind in reversed(constraints):
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET synchronous_commit = off")
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            progress(f"  rebuilding {len(indexes)} indexes and {len(constraints)} constraints")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            for table, name, definition, _kind in constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares them
            rebuilt = time.perf_counter() - started
            # What autovacuum gives a table in steady state: statistics and a visibility map.
            for table in tables:
                cursor.execute(
                    f"ANALYZE {table}"
                    if connection.in_atomic_block
                    else f"VACUUM (ANALYZE) {table}"
                )
        progress(
            f"  rebuilt in {rebuilt:,.0f} s, vacuumed and analysed in "
            f"{time.perf_counter() - started - rebuilt:,.0f} s"
        )


def _campaign_sizes(rng: random.Random, size: int) -> list[int]:
    """One campaign per 1,000 reports (at least two, none in a corpus under 50), of 3 to 12
    copies: about 0.75% of the corpus."""
    if size < 50:
        return []
    return [rng.randint(3, 12) for _ in range(max(2, size // 1000))]


def plant_campaigns(
    *,
    schools_weighted: list[tuple[School, float]],
    sizes: list[int],
    rng: random.Random,
    writer: _Writer,
) -> None:
    """Each campaign's copies at the schools of one district, written like every report, and
    their case ids with the campaign's number in ``bench_campaign_truth``."""
    narratives = NarrativeWriter(rng)
    by_district: dict[int, list[tuple[School, float]]] = {}
    for school, weight in schools_weighted:
        by_district.setdefault(school.district_id, []).append((school, weight))
    districts = sorted(by_district)
    context = writer.context
    truth = []
    for number, count in enumerate(sizes, start=1):
        schools = by_district[rng.choice(districts)]
        language = "es" if rng.random() < 0.22 else "en"
        copies = CampaignCopies(rng, narratives, language)
        writer.context = replace(
            context,
            schools=[school for school, _ in schools],
            school_cum=list(accumulate(weight for _, weight in schools)),
        )
        batch = writer.build(rng=rng, writer=copies, size=count, first=0)
        truth += [(case_id, number) for case_id in writer.write(batch)]
    writer.context = context
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO bench_campaign_truth (case_id, campaign) VALUES (%s, %s)", truth
        )


def campaign_truth() -> dict[str, int]:
    """{case id: planted campaign number} of every planted copy."""
    ensure_bench_tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT case_id, campaign FROM bench_campaign_truth")
        return dict(cursor.fetchall())


def _db_uuid(value: uuid.UUID) -> str:
    return str(value) if connection.vendor == "postgresql" else value.hex


class KeyMismatch(RuntimeError):
    pass


def check_blind_index_key() -> None:
    """Refuse a corpus indexed under other keys: every search would quietly find nothing.

    Every corpus has "slur" in its narratives (bench.vocabulary), so its token must be in the
    index under the blind-index key of bench/.state/keys.env."""
    if not CaseSearchToken.objects.filter(token__in=query_tokens("slur")).exists():
        raise KeyMismatch(
            "The bench corpus was indexed with another blind-index key than the one in "
            "bench/.state/keys.env (a new checkout, or the keys were removed), so every "
            "search would find nothing. Put the old keys back, or drop the database "
            f"{connection.settings_dict['NAME']!r} to generate the corpus again."
        )


def ensure_corpus(*, size: int, seed: int = 10, progress: Progress | None = None) -> CorpusInfo:
    """Reuse the corpus when the database already holds this size and seed; else generate."""
    meta = read_meta()
    if (
        meta.get("size") == str(size)
        and meta.get("seed") == str(seed)
        and meta.get("campaigns") == CAMPAIGNS_VERSION
        and corpus_size() == size
    ):
        (progress or _stderr)(f"  corpus of {size:,} reports (seed {seed}) already present: reused")
        check_blind_index_key()
        return CorpusInfo(size, seed, [d.pk for d in corpus_districts()], False, 0.0)
    if corpus_size():
        raise RuntimeError(
            "The database holds another corpus; the runner starts from a fresh database."
        )
    return generate_corpus(size=size, seed=seed, progress=progress)
