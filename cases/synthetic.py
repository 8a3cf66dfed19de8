"""Realistic synthetic cases, written in bulk: the one generator behind the benchmark corpus
(`bench/corpus.py`) and the demo's history (`reporting/demo_history.py`).

A synthetic report is what intake would have stored for it, written through the real models:
every value encrypted by the real field code (``bulk_create`` seals it with the active key,
bound to its row), tokenised by the real blind index, numbered from the district's case-number
row, with the district's own deadlines. What it skips, on purpose, because no one is shown it:
the receipt's scrypt hash (tens of ms each). Its ``receipt_hash`` is a hash of random bytes
that no one ever knew, under a prefix that no receipt hash has (``r1$``): no receipt, guessed
or real, can ever open a synthetic report. No audit event or outbox job is written either; the
caller rebuilds what they would have fed (search index, trend cells).

The spread is a school district's: reports per month follow the school year (quiet in
summer, a dip in December) and grow a little each year; bases and incident types follow
national complaint shares; a case's status follows its age (recent ones open, most older ones
closed, a few reopened or still waiting on a finding), so a few deadlines have passed.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cases.choices import Channel, GradeBand, LocationType, ReporterRelation, TransferInterest
from cases.deadlines import add_school_days, investigation_due
from cases.models import (
    BiasBasis,
    Case,
    CaseNumberSequence,
    CaseStatus,
    District,
    DistrictClosure,
    IncidentType,
    Report,
    School,
)
from privacy.blind_index import blind_tokens

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
SPANISH_SHARE = 0.22
#: The prefix of a synthetic report's receipt hash; real ones start with ``r1$``.
SYNTHETIC_RECEIPT_PREFIX = "synthetic$"


class NarrativeSource(Protocol):
    """Writes a report's fictional narrative and the people it names."""

    def narrative(self, language: str) -> str: ...

    def person(self) -> str: ...


@dataclass
class SyntheticBatch:
    """Cases and reports not yet written; `narratives` keeps (case id, plaintext) for callers
    that need the text (the benchmark's plaintext baseline), never stored by this module.

    The many-to-many rows are (case or report id, basis or type id) pairs: building a model
    instance per pair cost more than the reports themselves."""

    cases: list[Case] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    case_bases: list[tuple] = field(default_factory=list)
    case_types: list[tuple] = field(default_factory=list)
    report_bases: list[tuple] = field(default_factory=list)
    report_types: list[tuple] = field(default_factory=list)
    narratives: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    case_numbers: dict[tuple[int, int], int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.cases)

    @transaction.atomic
    def write(self) -> None:
        Case.objects.bulk_create(self.cases)
        self._write_pairs(Case)
        Report.objects.bulk_create(self.reports)  # encrypts through the fields' pre_save
        self._write_pairs(Report)
        self.save_case_numbers()

    def _write_pairs(self, model) -> None:
        for relation, pairs in M2M_RELATIONS.items():
            through = relation.through
            owner, target = (f.attname for f in through._meta.local_concrete_fields[1:3])
            if owner == f"{model._meta.model_name}_id":
                through.objects.bulk_create(
                    through(**{owner: a, target: b}) for a, b in getattr(self, pairs)
                )

    def save_case_numbers(self) -> None:
        """The districts' case-number rows move past every number used, as intake's would."""
        for (district_id, year), last in self.case_numbers.items():
            CaseNumberSequence.objects.update_or_create(
                district_id=district_id, year=year, defaults={"last": last}
            )


#: Each many-to-many relation and the batch attribute holding its pairs, in writing order.
M2M_RELATIONS = {
    Case.bias_bases: "case_bases",
    Case.incident_types: "case_types",
    Report.bias_bases: "report_bases",
    Report.incident_types: "report_types",
}


def unusable_receipt_hash() -> str:
    """A receipt hash that matches no receipt: the hash of random bytes nobody keeps."""
    return SYNTHETIC_RECEIPT_PREFIX + hashlib.sha256(secrets.token_bytes(32)).hexdigest()


def history_months(*, today: date, years: int) -> tuple[list[date], list[float]]:
    """The first day of each month of the last `years` years, and how likely a report is in
    each: the school-year rhythm, growing about 15% a year."""
    months, weights = [], []
    cursor = date(today.year - years, today.month, 1)
    while cursor <= today:
        age_years = (today - cursor).days / 365
        months.append(cursor)
        weights.append(MONTH_WEIGHTS[cursor.month] * (1.15**-age_years))  # reporting grows
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return months, weights


def _weighted(rng: random.Random, weights: dict[str, int], available: set[str], k: int):
    codes = [c for c in weights if c in available]
    chosen: list[str] = []
    while len(chosen) < min(k, len(codes)):
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


@dataclass
class SyntheticContext:
    """What a batch is drawn from, read from the database once: no query while building, so
    batches can be built in other processes."""

    schools: list[School]
    school_cum: list[float]
    districts: dict[int, District]
    closures: dict[int, set]
    bases: dict[str, int]
    types: dict[str, int]
    months: list[date]
    month_weights: list[float]
    now: datetime


def synthetic_context(
    *, schools_weighted: list[tuple[School, float]], years: int
) -> SyntheticContext:
    schools = [school for school, _ in schools_weighted]
    school_cum = []
    total = 0.0
    for _, weight in schools_weighted:
        total += weight
        school_cum.append(total)
    now = timezone.now()
    months, month_weights = history_months(today=timezone.localdate(now), years=years)
    district_ids = {s.district_id for s in schools}
    closures = defaultdict(set)
    for district_id, day in DistrictClosure.objects.filter(district__in=district_ids).values_list(
        "district_id", "date"
    ):
        closures[district_id].add(day)
    return SyntheticContext(
        schools=schools,
        school_cum=school_cum,
        districts={d.pk: d for d in District.objects.filter(pk__in=district_ids)},
        closures=dict(closures),
        bases=dict(BiasBasis.objects.values_list("code", "pk")),
        types=dict(IncidentType.objects.values_list("code", "pk")),
        months=months,
        month_weights=month_weights,
        now=now,
    )


class CaseNumbering:
    """Continues each district's yearly case numbers and its arrival order from the rows
    already written (intake numbers them day after day)."""

    def __init__(self, districts: dict[int, District]):
        self.codes = {pk: d.code for pk, d in districts.items()}
        self.sequences: dict[tuple[int, int], int] = defaultdict(int)
        for row in CaseNumberSequence.objects.filter(district__in=list(districts)):
            self.sequences[(row.district_id, row.year)] = row.last
        # One counter per district for cases and reports alike: the later of their last arrivals.
        self.arrivals: dict[int, int] = defaultdict(int)
        for model, district in ((Case, "district_id"), (Report, "school__district_id")):
            last = model.objects.filter(**{f"{district}__in": list(districts)}).values(district)
            for row in last.annotate(last=Max("sequence")).order_by():
                self.arrivals[row[district]] = max(self.arrivals[row[district]], row["last"] or 0)

    def next(self, district_id: int, opened_on: date) -> tuple[int, str, tuple[int, int], int]:
        """(arrival sequence, case number, (district, year), last number of that year)."""
        key = (district_id, opened_on.year)
        self.sequences[key] += 1
        self.arrivals[district_id] += 1
        number = f"{self.codes[district_id]}-{key[1]}-{self.sequences[key]:05d}"
        return self.arrivals[district_id], number, key, self.sequences[key]

    def number(self, batch: SyntheticBatch) -> None:
        """Number the batch's cases in the order they were opened."""
        for i in sorted(range(len(batch)), key=lambda i: batch.cases[i].opened_on):
            case, report = batch.cases[i], batch.reports[i]
            sequence, case.number, key, last = self.next(case.district_id, case.opened_on)
            case.sequence = report.sequence = sequence
            batch.case_numbers[key] = last


def synthetic_batches(
    *,
    schools_weighted: list[tuple[School, float]],
    size: int,
    rng: random.Random,
    writer: NarrativeSource,
    years: int,
    batch_size: int = 2000,
) -> Iterator[SyntheticBatch]:
    """`size` reports (one case each) over the last `years` years, spread over these schools
    by weight, in batches of `batch_size`; the caller writes each batch (`batch.write()`)
    before asking for the next, since numbering continues from the rows written."""
    context = synthetic_context(schools_weighted=schools_weighted, years=years)
    numbering = CaseNumbering(context.districts)
    for start in range(0, size, batch_size):
        batch = build_batch(
            context, rng=rng, writer=writer, size=min(batch_size, size - start), first=start
        )
        numbering.number(batch)
        yield batch


def build_batch(
    context: SyntheticContext,
    *,
    rng: random.Random,
    writer: NarrativeSource,
    size: int,
    first: int = 0,
    tokens=blind_tokens,
) -> SyntheticBatch:
    """`size` unnumbered reports (one case each) drawn with `rng`; no database query.
    `tokens` is the blind index (``privacy.blind_index.blind_tokens`` or a memoised call of
    it); `first` numbers the invented contact addresses."""
    now = context.now
    zone = timezone.get_current_timezone()
    location_types = [c for c, _ in LocationType.choices]
    relations = [c for c, _ in ReporterRelation.choices]
    grade_bands = [c for c, _ in GradeBand.choices]
    transfers = [c for c, _ in TransferInterest.choices]
    basis_codes_available, type_codes_available = set(context.bases), set(context.types)
    batch = SyntheticBatch()
    for index in range(first, first + size):
        school = rng.choices(context.schools, cum_weights=context.school_cum)[0]
        district = context.districts[school.district_id]
        month = rng.choices(context.months, weights=context.month_weights)[0]
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
            rng, BASIS_WEIGHTS, basis_codes_available, rng.choices([1, 2, 3], [75, 22, 3])[0]
        )
        type_codes = _weighted(
            rng, TYPE_WEIGHTS, type_codes_available, rng.choices([1, 2], [80, 20])[0]
        )
        grade = rng.choice(grade_bands)
        location = rng.choice(location_types)
        transfer = rng.choices(transfers, weights=[90, 7, 3])[0]
        incident_date = (opened - timedelta(days=rng.randrange(0, 14))).date()
        closed = status in (CaseStatus.CLOSED, CaseStatus.WITHDRAWN)
        opened_on = opened.date()
        case = Case(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            number="",  # numbered in date order when the batch is complete
            district_id=district.pk,
            school=school,
            status=status,
            channel=Channel.WEB if rng.random() < 0.85 else Channel.PHONE,
            opened_on=opened_on,
            acknowledged_at=opened + timedelta(hours=rng.randrange(2, 96)) if age > 4 else None,
            acknowledge_due=add_school_days(
                opened_on, district.acknowledge_school_days, context.closures.get(district.pk, ())
            ),
            investigation_due=investigation_due(district=district, opened_on=opened_on),
            closed_at=min(now, opened + timedelta(days=rng.randrange(10, 80))) if closed else None,
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
            receipt_hash=unusable_receipt_hash(),
            submitted_on=opened_on,
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
            text_tokens=sorted(tokens(f"{narrative}\n{people}")),
            people_tokens=sorted(tokens(people)),
        )
        batch.cases.append(case)
        batch.reports.append(report)
        for code in basis_codes:
            batch.case_bases.append((case.pk, context.bases[code]))
            batch.report_bases.append((report.pk, context.bases[code]))
        for code in type_codes:
            batch.case_types.append((case.pk, context.types[code]))
            batch.report_types.append((report.pk, context.types[code]))
        batch.narratives.append((case.pk, narrative))
    return batch
