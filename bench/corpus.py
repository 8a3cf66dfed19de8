"""The benchmark corpus: N reports across districts and schools, written through the real models.

Each report is encrypted by the real field code (``bulk_create`` seals every value with the
active key, bound to its row), tokenised by the real blind index, and indexed by the real
database search backend. What the generator skips, on purpose: the receipt's scrypt hash
(tens of ms each; a unique placeholder that matches no receipt is stored instead), the
per-report audit event and outbox rows (the intake benchmark measures that path over HTTP).

Beside the product tables it fills ``bench_plain_narrative`` (case id + plaintext narrative,
with a GIN full-text index on PostgreSQL): the plaintext baseline of the search benchmark.
It lives only in the benchmark database, which the runner creates and drops.

A finished corpus is recorded in ``bench_meta``; asking again for the same size and seed
reuses it.
"""

from __future__ import annotations

import random
import secrets
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone

from bench.vocabulary import NarrativeWriter
from cases.choices import Channel, GradeBand, LocationType, ReporterRelation, TransferInterest
from cases.models import (
    BiasBasis,
    Case,
    CaseNumberSequence,
    CaseStatus,
    District,
    IncidentType,
    Report,
    School,
)
from privacy.blind_index import blind_tokens
from search.backends.database import _SOURCES, DatabaseBackend

DISTRICT_PREFIX = "bench-"
Progress = Callable[[str], None]

BASIS_WEIGHTS = {
    "race": 28,
    "national_origin": 12,
    "sex": 15,
    "sexual_orientation": 8,
    "gender_identity": 6,
    "disability": 11,
    "religion": 7,
    "english_learner": 5,
    "color": 4,
    "other": 4,
}
TYPE_WEIGHTS = {
    "harassment": 35,
    "bullying": 25,
    "exclusion": 10,
    "slur_graffiti": 10,
    "discipline_disparity": 6,
    "denial_of_service": 5,
    "retaliation": 4,
    "other": 5,
}
# Reports per month of the school year: quiet in summer, a dip in December.
MONTH_WEIGHTS = {7: 2, 8: 5, 9: 12, 10: 13, 11: 11, 12: 8, 1: 10, 2: 11, 3: 11, 4: 10, 5: 10, 6: 4}
YEARS_OF_HISTORY = 3
SPANISH_SHARE = 0.22


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


def _months(today: date) -> tuple[list[date], list[float]]:
    months, weights = [], []
    first = date(today.year - YEARS_OF_HISTORY, today.month, 1)
    cursor = first
    while cursor <= today:
        age_years = (today - cursor).days / 365
        months.append(cursor)
        weights.append(MONTH_WEIGHTS[cursor.month] * (1.15**-age_years))  # reporting grows
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months, weights


def _weighted(rng: random.Random, weights: dict[str, int], available: set[str], k: int):
    codes = [c for c in weights if c in available]
    chosen: list[str] = []
    while len(chosen) < k:
        code = rng.choices(codes, weights=[weights[c] for c in codes])[0]
        if code not in chosen:
            chosen.append(code)
    return chosen


def _status_for(rng: random.Random, age_days: int) -> str:
    if age_days < 7:
        return rng.choice([CaseStatus.NEW, CaseStatus.NEW, CaseStatus.TRIAGE])
    if age_days < 60:
        return rng.choice([CaseStatus.TRIAGE, CaseStatus.INVESTIGATING, CaseStatus.INVESTIGATING])
    return rng.choices(
        [CaseStatus.CLOSED, CaseStatus.FINDING_ISSUED, CaseStatus.WITHDRAWN, CaseStatus.REOPENED],
        weights=[80, 10, 6, 4],
    )[0]


# --------------------------------------------------------------------------- generation


class _Batch:
    def __init__(self):
        self.cases: list[Case] = []
        self.reports: list[Report] = []
        self.case_bases: list = []
        self.case_types: list = []
        self.report_bases: list = []
        self.report_types: list = []
        self.plain: list[tuple[str, str]] = []

    @transaction.atomic
    def write(self) -> None:
        Case.objects.bulk_create(self.cases)
        Case.bias_bases.through.objects.bulk_create(self.case_bases)
        Case.incident_types.through.objects.bulk_create(self.case_types)
        Report.objects.bulk_create(self.reports)  # encrypts through the fields' pre_save
        Report.bias_bases.through.objects.bulk_create(self.report_bases)
        Report.incident_types.through.objects.bulk_create(self.report_types)
        # The rows the database search backend indexes for a case (`_SOURCES` maps document
        # fields to sources); a generated case has one report and no messages yet.
        tokens = [
            (report.case_id, token, _SOURCES[field])
            for report in self.reports
            for field, values in (
                ("narrative_tokens", report.text_tokens),
                ("people_tokens", report.people_tokens),
            )
            for token in values
        ]
        if connection.vendor == "postgresql":
            # COPY: the search backend's own rows (`_token_rows`), ~10x faster than INSERTs.
            _copy("search_casesearchtoken", ("case_id", "token", "source"), tokens)
            _copy("bench_plain_narrative", ("case_id", "body"), self.plain)
        else:
            DatabaseBackend().index_cases(case.pk for case in self.cases)
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO bench_plain_narrative (case_id, body) VALUES (%s, %s)",
                    self.plain,
                )


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
    write_reports(
        schools_weighted=schools_weighted,
        size=size,
        rng=rng,
        batch_size=batch_size,
        progress=progress,
    )
    _index_plain_table()
    write_meta(size=size, seed=seed)
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
    writer = NarrativeWriter(rng)
    schools = [school for school, _ in schools_weighted]
    school_cum = []
    total = 0.0
    for _, weight in schools_weighted:
        total += weight
        school_cum.append(total)
    bases = {b.code: b for b in BiasBasis.objects.all()}
    types = {t.code: t for t in IncidentType.objects.all()}
    now = timezone.now()
    today = timezone.localdate(now)
    months, month_weights = _months(today)
    zone = timezone.get_current_timezone()
    sequences: dict[tuple[int, int], int] = defaultdict(int)
    for row in CaseNumberSequence.objects.filter(district__in={s.district_id for s in schools}):
        sequences[(row.district_id, row.year)] = row.last
    district_codes = {s.district_id: s.district.code for s in schools}
    location_types = [c for c, _ in LocationType.choices]
    relations = [c for c, _ in ReporterRelation.choices]
    grade_bands = [c for c, _ in GradeBand.choices]

    batch = _Batch()
    for index in range(size):
        school = rng.choices(schools, cum_weights=school_cum)[0]
        month = rng.choices(months, weights=month_weights)[0]
        day = month + timedelta(days=rng.randrange(28))
        opened = datetime(
            day.year, day.month, day.day, rng.randrange(7, 22), rng.randrange(60), tzinfo=zone
        )
        if opened > now:
            opened = now - timedelta(minutes=rng.randrange(1, 600))
        age = (now - opened).days
        status = _status_for(rng, age)
        language = "es" if rng.random() < SPANISH_SHARE else "en"
        narrative = writer.narrative(language)
        people = writer.person() + (", " + writer.person() if rng.random() < 0.3 else "")
        people = people if rng.random() < 0.6 else ""
        basis_codes = _weighted(
            rng, BASIS_WEIGHTS, set(bases), rng.choices([1, 2, 3], [75, 22, 3])[0]
        )
        type_codes = _weighted(rng, TYPE_WEIGHTS, set(types), rng.choices([1, 2], [80, 20])[0])
        year = opened.year
        sequences[(school.district_id, year)] += 1
        grade = rng.choice(grade_bands)
        location = rng.choice(location_types)
        transfer = rng.choices([c for c, _ in TransferInterest.choices], weights=[90, 7, 3])[0]
        incident_date = (opened - timedelta(days=rng.randrange(0, 14))).date()
        closed = status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)
        case = Case(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            number=f"{district_codes[school.district_id]}-{year}-"
            f"{sequences[(school.district_id, year)]:05d}",
            district_id=school.district_id,
            school=school,
            status=status,
            channel=Channel.WEB if rng.random() < 0.85 else Channel.PHONE,
            opened_on=opened.date(),
            sequence=sequences[(school.district_id, year)],
            acknowledged_at=opened + timedelta(hours=rng.randrange(2, 96)) if age > 4 else None,
            acknowledge_due=(opened + timedelta(days=3)).date(),
            investigation_due=(opened + timedelta(days=60)).date(),
            closed_at=opened + timedelta(days=rng.randrange(10, 80)) if closed else None,
            incident_date=incident_date,
            location_type=location,
            grade_band=grade,
            transfer_interest=transfer,
        )
        contact = None
        if rng.random() < 0.3:
            contact = {"email": f"parent{index}@example.org", "phone": "", "consent": True}
        report = Report(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            case=case,
            receipt_hash=f"bench${secrets.token_hex(16)}",  # not a real receipt: never matches
            submitted_on=opened.date(),
            sequence=sequences[(school.district_id, year)],
            channel=case.channel,
            language=language,
            school=school,
            location_type=location,
            incident_date=incident_date,
            reporter_relation=rng.choice(relations),
            grade_band=grade,
            transfer_interest=transfer,
            narrative=narrative,
            people_involved=people,
            contact=contact,
            text_tokens=sorted(blind_tokens(f"{narrative}\n{people}")),
            people_tokens=sorted(blind_tokens(people)),
        )
        batch.cases.append(case)
        batch.reports.append(report)
        for code in basis_codes:
            batch.case_bases.append(Case.bias_bases.through(case=case, biasbasis=bases[code]))
            batch.report_bases.append(
                Report.bias_bases.through(report=report, biasbasis=bases[code])
            )
        for code in type_codes:
            batch.case_types.append(
                Case.incident_types.through(case=case, incidenttype=types[code])
            )
            batch.report_types.append(
                Report.incident_types.through(report=report, incidenttype=types[code])
            )
        batch.plain.append((_db_uuid(case.pk), narrative))
        if len(batch.cases) >= batch_size or index == size - 1:
            batch.write()
            batch = _Batch()
            done = index + 1
            elapsed = time.perf_counter() - started
            rate = done / elapsed
            progress(
                f"  generated {done:>9,}/{size:,} reports  {rate:,.0f}/s  "
                f"eta {(size - done) / rate:,.0f}s"
            )

    for (district_id, year), last in sequences.items():
        CaseNumberSequence.objects.update_or_create(
            district_id=district_id, year=year, defaults={"last": last}
        )


def _db_uuid(value: uuid.UUID) -> str:
    return str(value) if connection.vendor == "postgresql" else value.hex


def ensure_corpus(*, size: int, seed: int = 10, progress: Progress = print) -> CorpusInfo:
    """Reuse the corpus when the database already holds this size and seed; else generate."""
    meta = read_meta()
    if meta.get("size") == str(size) and meta.get("seed") == str(seed) and corpus_size() == size:
        progress(f"  corpus of {size:,} reports (seed {seed}) already present: reused")
        return CorpusInfo(size, seed, [d.pk for d in corpus_districts()], False, 0.0)
    if corpus_size():
        raise RuntimeError(
            "The database holds another corpus; the runner starts from a fresh database."
        )
    return generate_corpus(size=size, seed=seed, progress=progress)
