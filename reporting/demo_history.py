"""The demo's history: two years of cases in every demo district, and transfer requests at
every step, so the queue, the transfers screen and the trends page look like a district's.

The cases come from the one synthetic-case generator (`cases.synthetic`, also behind the
benchmark corpus), in bulk: a few hundred reports through the services would take minutes of
scrypt. They are what intake would have stored (encrypted narratives, blind-index tokens, the
district's case numbers and deadlines), except for three things, on purpose:

- their receipt hashes are hashes of random bytes nobody keeps, so no receipt opens them (the
  demo prints receipts only for the three sample reports of `reporting.demo`);
- no audit event is written for them: the history is not anyone's action;
- no outbox job either, so the seed rebuilds the search index and the trend cells itself.

The transfer requests go through the transfer services, as officers would have moved them,
so each step is audited and notified like any other.

Deterministic (a random generator seeded per district) and idempotent: a district that has
its history is left alone.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from cases.models import Case, District, Report, School
from cases.synthetic import SYNTHETIC_RECEIPT_PREFIX, synthetic_batches
from transfers.models import (
    RecordKind,
    TransferReason,
    TransferRequest,
    TransferStatus,
    TransferStep,
)
from transfers.services import (
    change_transfer_status,
    mark_record_sent,
    request_record,
    start_transfer_from_case,
)
from transfers.workflow import SENDING, step_owner

HISTORY_YEARS = 2
T = TransferStatus

# Short and plainly fictional: every narrative says it is demo data.
_NARRATIVES = {
    "en": [
        "Demo report: students in the {place} kept calling my {child} names about {basis}.",
        "Demo report: someone wrote a slur about {basis} on a desk in the {place}.",
        "Demo report: my {child} is left out of group work in the {place} because of {basis}.",
        "Demo report: an older student pushed my {child} in the {place} and mocked {basis}.",
        "Demo report: a group chat shares jokes about {basis} aimed at my {child}.",
    ],
    "es": [
        "Informe de demostración: en el {place} se burlan de mi {child} por {basis}.",
        "Informe de demostración: escribieron un insulto sobre {basis} en el {place}.",
        "Informe de demostración: excluyen a mi {child} en el {place} por {basis}.",
    ],
}
_SLOTS = {
    "en": {
        "place": ["hallway", "cafeteria", "bus", "gym", "library", "classroom", "playground"],
        "child": ["son", "daughter", "child", "friend"],
        "basis": ["their accent", "their religion", "their skin color", "a disability"],
    },
    "es": {
        "place": ["pasillo", "comedor", "autobús", "gimnasio", "patio"],
        "child": ["hijo", "hija", "amigo"],
        "basis": ["su acento", "su religión", "su color de piel", "una discapacidad"],
    },
}
_PEOPLE = ["Demo Student A", "Demo Student B", "Demo Student C", "a demo teacher"]


class DemoNarratives:
    """Writes the history's narratives from the templates above."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def narrative(self, language: str) -> str:
        slots = {name: self.rng.choice(words) for name, words in _SLOTS[language].items()}
        return self.rng.choice(_NARRATIVES[language]).format(**slots)

    def person(self) -> str:
        return self.rng.choice(_PEOPLE)


# Where each demo transfer request ends: one per status, so every step of the transfers
# screen has a request in it. The moves are the workflow's, in order.
_BEFORE_RECORDS = [T.SENDING_REVIEW, T.RELEASED, T.RECEIVING_REVIEW, T.ACCEPTED]
TRANSFER_PATHS: list[list[str]] = [
    [],
    [T.SENDING_REVIEW],
    [T.SENDING_REVIEW, T.RELEASED],
    [T.SENDING_REVIEW, T.DENIED_BY_SENDING],
    [T.SENDING_REVIEW, T.DENIED_BY_SENDING, T.APPEALED],
    [T.SENDING_REVIEW, T.RELEASED, T.RECEIVING_REVIEW],
    _BEFORE_RECORDS,
    [T.SENDING_REVIEW, T.RELEASED, T.RECEIVING_REVIEW, T.DENIED_BY_RECEIVING],
    [*_BEFORE_RECORDS, T.RECORDS_REQUESTED],
    [*_BEFORE_RECORDS, T.RECORDS_REQUESTED, T.RECORDS_SENT],
    [*_BEFORE_RECORDS, T.RECORDS_REQUESTED, T.RECORDS_SENT, T.ENROLLED],
    [T.SENDING_REVIEW, T.WITHDRAWN],
]
# Sending district, receiving district, and who works each side.
TRANSFER_ROUTES = [
    ("northvale", "riverbend", "officer.northvale"),
    ("riverbend", "northvale", "officer.riverbend"),
]
TRANSFER_OFFICERS = {"northvale": "transfer.northvale", "riverbend": "transfer.riverbend"}
_REASONS = {
    T.DENIED_BY_SENDING: "Demo: the family has not confirmed the new address yet.",
    T.DENIED_BY_RECEIVING: "Demo: the requested grade has no seat this term.",
    T.APPEALED: "Demo: the family sent proof of the new address.",
}


@dataclass(frozen=True)
class HistorySeeded:
    cases: int
    transfers: int


def has_history(*, district: District) -> bool:
    return Report.objects.filter(
        school__district=district, receipt_hash__startswith=SYNTHETIC_RECEIPT_PREFIX
    ).exists()


def seed_history(*, districts: list[District], reports_per_school: int) -> HistorySeeded:
    """Give each district without a history `reports_per_school` cases per school (about 60
    make a few hundred per district: district-wide bars, while a school's month stays below
    the suppression threshold), then the demo transfer requests, then rebuild what the outbox
    would have fed. Returns what was added (nothing on a second run)."""
    cases = 0
    for district in districts:
        if reports_per_school > 0 and not has_history(district=district):
            cases += _seed_district_history(
                district=district, reports_per_school=reports_per_school
            )
    transfers = seed_history_transfers()
    if cases or transfers:
        # The jobs that intake's outbox would have run for each case, once for all of them.
        call_command("reindex", stdout=io.StringIO())
        call_command("rebuild_trend_counts", stdout=io.StringIO())
    return HistorySeeded(cases=cases, transfers=transfers)


@transaction.atomic
def _seed_district_history(*, district: District, reports_per_school: int) -> int:
    # Reproducible fictional data, not a secret.
    rng = random.Random(f"demo-history-{district.slug}")  # noqa: S311  # nosec B311
    schools = list(School.objects.filter(district=district).order_by("slug"))
    if not schools:
        return 0
    # Bigger and smaller schools: a high school reports more than an elementary school.
    weighted = [(school, rng.uniform(0.5, 1.5)) for school in schools]
    written = 0
    for batch in synthetic_batches(
        schools_weighted=weighted,
        size=reports_per_school * len(schools),
        rng=rng,
        writer=DemoNarratives(rng),
        years=HISTORY_YEARS,
    ):
        batch.write()
        written += len(batch)
    return written


@transaction.atomic
def seed_history_transfers() -> int:
    """One transfer request per step on each demo route, from history cases whose family asked
    for a transfer; skipped when a route's requests exist. Returns how many were created."""
    users = {user.username: user for user in get_user_model().objects.all()}
    created = 0
    for sending_slug, receiving_slug, case_officer in TRANSFER_ROUTES:
        sending = District.objects.filter(slug=sending_slug).first()
        receiving = District.objects.filter(slug=receiving_slug).first()
        officers = {
            sending_slug: users.get(TRANSFER_OFFICERS[sending_slug]),
            receiving_slug: users.get(TRANSFER_OFFICERS[receiving_slug]),
        }
        if sending is None or receiving is None or users.get(case_officer) is None:
            continue
        if None in officers.values():
            continue
        candidates = list(
            Case.objects.filter(
                district=sending,
                transfer_interest__in=["requesting", "considering"],
                reports__receipt_hash__startswith=SYNTHETIC_RECEIPT_PREFIX,
            ).order_by("number")[: len(TRANSFER_PATHS)]
        )
        if TransferRequest.objects.filter(linked_cases__in=candidates).exists():
            continue
        receiving_school = School.objects.filter(district=receiving).order_by("slug").first()
        rng = random.Random(f"demo-transfers-{sending_slug}")  # noqa: S311  # nosec B311
        for number, (case, path) in enumerate(zip(candidates, TRANSFER_PATHS, strict=False), 1):
            transfer = start_transfer_from_case(
                case=case,
                actor=users[case_officer],
                receiving_district=receiving,
                receiving_school=receiving_school,
                student_reference=f"DEMO-{sending.code}-{number:03d}",
                reason_category=TransferReason.DISCRIMINATION,
            )
            for to_status in path:
                transfer = _move(
                    transfer=transfer,
                    to_status=to_status,
                    sending_officer=officers[sending_slug],
                    receiving_officer=officers[receiving_slug],
                )
            _spread_over_past_weeks(transfer=transfer, rng=rng)
            created += 1
    return created


def _spread_over_past_weeks(*, transfer: TransferRequest, rng: random.Random) -> None:
    """Date the request's steps as if officers had moved it over the past weeks (the services
    stamp every step "now"), so time in each step means something on the trends page and a
    request resting too long in a step is overdue, as some are in a real district. Due dates
    follow the services' rule: the day a step began plus the owner's transfer-step days."""
    steps = list(transfer.steps.select_related("owner_district"))
    durations = [timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 8)) for _ in steps]
    durations[-1] = timedelta(days=rng.randint(1, 21))  # the step it rests in, up to now
    entered = timezone.now() - sum(durations, timedelta())
    for step, stay in zip(steps, durations, strict=True):
        step.entered_at = entered
        entered += stay
        step.left_at = entered if step is not steps[-1] else None
        if step.due is not None:
            days = step.owner_district.transfer_step_days
            step.due = timezone.localdate(step.entered_at) + timedelta(days=days)
    TransferStep.objects.bulk_update(steps, ["entered_at", "left_at", "due"])
    began = {step.status: step.entered_at for step in steps}
    if T.RECORDS_REQUESTED in began:
        transfer.records.update(requested_at=began[T.RECORDS_REQUESTED])
    if T.RECORDS_SENT in began:
        transfer.records.update(sent_at=began[T.RECORDS_SENT])
    TransferRequest.objects.filter(pk=transfer.pk).update(
        created_at=steps[0].entered_at, step_due=steps[-1].due
    )


def _move(*, transfer: TransferRequest, to_status: str, sending_officer, receiving_officer):
    """Move as the officer of the district that owns the step, with what the step needs."""
    side = step_owner(transfer.status, transfer.appealed_from)
    actor = sending_officer if side == SENDING else receiving_officer
    if to_status == T.WITHDRAWN:
        actor = sending_officer
    if to_status == T.RECORDS_REQUESTED:
        for kind in (RecordKind.ENROLLMENT, RecordKind.TRANSCRIPT):
            request_record(transfer=transfer, kind=kind, actor=receiving_officer)
    if to_status == T.RECORDS_SENT:
        for item in transfer.records.all():
            mark_record_sent(item=item, actor=sending_officer)
    return change_transfer_status(
        transfer=transfer,
        to_status=to_status,
        actor=actor,
        expected_version=transfer.version,
        reason=_REASONS.get(to_status, ""),
    )
