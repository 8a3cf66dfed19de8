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

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from bench.vocabulary import CampaignCopies, NarrativeWriter
from cases.models import District, Report, School
from cases.synthetic import SyntheticBatch, synthetic_batches
from search.backends.database import _SOURCES, DatabaseBackend

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


def _write(batch: SyntheticBatch) -> None:
    """The batch's cases and reports, their search rows, and the plaintext baseline."""
    with transaction.atomic():
        batch.write()
        # The rows the database search backend indexes for a case (`_SOURCES` maps document
        # fields to sources); a generated case has one report and no messages yet.
        tokens = [
            (report.case_id, token, _SOURCES[field], *_token_keys(report.case))
            for report in batch.reports
            for field, values in (
                ("narrative_tokens", report.text_tokens),
                ("people_tokens", report.people_tokens),
            )
            for token in values
        ]
        plain = [(_db_uuid(case_id), body) for case_id, body in batch.narratives]
        if connection.vendor == "postgresql":
            # COPY: the search backend's own rows (`_token_rows`), ~10x faster than INSERTs.
            _copy("search_casesearchtoken", ("case_id", "token", "source", *TOKEN_KEYS), tokens)
            _copy("bench_plain_narrative", ("case_id", "body"), plain)
        else:
            DatabaseBackend().index_cases(case.pk for case in batch.cases)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO bench_plain_narrative (case_id, body) VALUES (%s, %s)", plain
                )


# The case's columns copied onto its token rows (`search.models.CaseSearchToken`).
TOKEN_KEYS = ("district_id", "school_id", "life_safety", "priority", "opened_on", "sequence")


def _token_keys(case) -> tuple:
    return tuple(getattr(case, key) for key in TOKEN_KEYS)


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def generate_corpus(
    *, size: int, seed: int = 10, batch_size: int = 2000, progress: Progress = print
) -> CorpusInfo:
    """Write `size` reports (one case each) in batches; returns how long it took."""
    started = time.perf_counter()
    ensure_bench_tables()
    rng = random.Random(seed)  # nosec B311  # reproducible synthetic data, not secrets
    schools_weighted = _organisation(rng, size)
    campaign_sizes = _campaign_sizes(rng, size)
    write_reports(
        schools_weighted=schools_weighted,
        size=size - sum(campaign_sizes),
        rng=rng,
        batch_size=batch_size,
        progress=progress,
    )
    plant_campaigns(schools_weighted=schools_weighted, sizes=campaign_sizes, rng=rng)
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
    batch_size: int = 2000,
    progress: Progress = print,
) -> None:
    """`size` reports spread over these schools (by weight), written batch by batch."""
    started = time.perf_counter()
    done = 0
    for batch in synthetic_batches(
        schools_weighted=schools_weighted,
        size=size,
        rng=rng,
        writer=NarrativeWriter(rng),
        years=YEARS_OF_HISTORY,
        batch_size=batch_size,
    ):
        _write(batch)
        done += len(batch)
        elapsed = time.perf_counter() - started
        rate = done / elapsed
        progress(
            f"  generated {done:>9,}/{size:,} reports  {rate:,.0f}/s  "
            f"eta {(size - done) / rate:,.0f}s"
        )


def _campaign_sizes(rng: random.Random, size: int) -> list[int]:
    """One campaign per 1,000 reports (at least two, none in a corpus under 50), of 3 to 12
    copies: about 0.75% of the corpus."""
    if size < 50:
        return []
    return [rng.randint(3, 12) for _ in range(max(2, size // 1000))]


def plant_campaigns(
    *, schools_weighted: list[tuple[School, float]], sizes: list[int], rng: random.Random
) -> None:
    """Each campaign's copies at the schools of one district, written like every report, and
    their case ids with the campaign's number in ``bench_campaign_truth``."""
    writer = NarrativeWriter(rng)
    by_district: dict[int, list[tuple[School, float]]] = {}
    for school, weight in schools_weighted:
        by_district.setdefault(school.district_id, []).append((school, weight))
    districts = sorted(by_district)
    for number, count in enumerate(sizes, start=1):
        schools = by_district[rng.choice(districts)]
        language = "es" if rng.random() < 0.22 else "en"
        copies = CampaignCopies(rng, writer, language)
        for batch in synthetic_batches(
            schools_weighted=schools,
            size=count,
            rng=rng,
            writer=copies,
            years=YEARS_OF_HISTORY,
            batch_size=count,
        ):
            _write(batch)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO bench_campaign_truth (case_id, campaign) VALUES (%s, %s)",
                    [(str(case.pk), number) for case in batch.cases],
                )


def campaign_truth() -> dict[str, int]:
    """{case id: planted campaign number} of every planted copy."""
    ensure_bench_tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT case_id, campaign FROM bench_campaign_truth")
        return dict(cursor.fetchall())


def _db_uuid(value: uuid.UUID) -> str:
    return str(value) if connection.vendor == "postgresql" else value.hex


def ensure_corpus(*, size: int, seed: int = 10, progress: Progress = print) -> CorpusInfo:
    """Reuse the corpus when the database already holds this size and seed; else generate."""
    meta = read_meta()
    if (
        meta.get("size") == str(size)
        and meta.get("seed") == str(seed)
        and meta.get("campaigns") == CAMPAIGNS_VERSION
        and corpus_size() == size
    ):
        progress(f"  corpus of {size:,} reports (seed {seed}) already present: reused")
        return CorpusInfo(size, seed, [d.pk for d in corpus_districts()], False, 0.0)
    if corpus_size():
        raise RuntimeError(
            "The database holds another corpus; the runner starts from a fresh database."
        )
    return generate_corpus(size=size, seed=seed, progress=progress)
