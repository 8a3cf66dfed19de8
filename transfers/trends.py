"""Transfer figures for one district's administrators: outcomes, linked bases, time per step.

A district's transfer requests are those where it is the sending or the receiving district.
Time in a step is read from the step history (`TransferStep`) and attributed to the district
that owned the step. Only identifiers, statuses, basis codes and durations are read: nothing
names a student. These are raw figures: the trend reports (`search.trends`) suppress them
before anything is shown or exported.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.db.models import Count, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from cases.models import Case, District
from cases.roles import VIEW_DISTRICT_TRENDS
from cases.selectors.organisation import districts_with_permission
from transfers.models import TransferRequest, TransferStatus, TransferStep
from transfers.workflow import FINAL_STATUSES

T = TransferStatus
OUTGOING, INCOMING = "outgoing", "incoming"
DIRECTION_LABELS = {OUTGOING: _("Sent by this district"), INCOMING: _("Received by this district")}
SECONDS_PER_DAY = 86400


class TransferOutcome:
    """Where a request stands: its final status, a pending denial or appeal, or in progress."""

    IN_PROGRESS = "in_progress"
    ENROLLED = T.ENROLLED.value
    DENIED_BY_SENDING = T.DENIED_BY_SENDING.value
    DENIED_BY_RECEIVING = T.DENIED_BY_RECEIVING.value
    APPEALED = T.APPEALED.value
    WITHDRAWN = T.WITHDRAWN.value

    LABELS = {
        IN_PROGRESS: _("In progress"),
        ENROLLED: _("Enrolled"),
        DENIED_BY_SENDING: _("Denied by the sending district"),
        DENIED_BY_RECEIVING: _("Denied by the receiving district"),
        APPEALED: _("Under appeal"),
        WITHDRAWN: _("Withdrawn"),
    }


def outcome_of(status: str) -> str:
    return status if status in TransferOutcome.LABELS else TransferOutcome.IN_PROGRESS


# Steps a district works on (final statuses have no owner and no time worth measuring).
TIMED_STEPS: tuple[str, ...] = tuple(s for s in T.values if s not in FINAL_STATUSES)


def district_transfers(
    *,
    district: District,
    created_from: datetime | None = None,
    created_before: datetime | None = None,
) -> QuerySet[TransferRequest]:
    """Requests where `district` sends or receives, optionally created within a period."""
    transfers = TransferRequest.objects.filter(
        Q(sending_district=district) | Q(receiving_district=district)
    )
    if created_from is not None:
        transfers = transfers.filter(created_at__gte=created_from)
    if created_before is not None:
        transfers = transfers.filter(created_at__lt=created_before)
    return transfers


def transfer_outcome_counts(
    *, district: District, transfers: QuerySet[TransferRequest]
) -> dict[tuple[str, str], int]:
    """Requests per (direction, outcome). A request within one district counts as sent."""
    rows = (
        transfers.annotate(
            direction=models.Case(
                When(sending_district=district, then=Value(OUTGOING)), default=Value(INCOMING)
            )
        )
        .values("direction", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: Counter = Counter()
    for row in rows:
        counts[(row["direction"], outcome_of(row["status"]))] += row["n"]
    return dict(counts)


def linked_basis_counts(
    *, district: District, transfers: QuerySet[TransferRequest]
) -> dict[str, int]:
    """Requests per bias basis of their linked cases, reading only this district's own cases
    (a receiving district learns nothing of the sending district's cases). A request linked
    to cases with two bases counts once under each, and once per basis however many cases."""
    links = TransferRequest.linked_cases.through.objects.filter(
        transferrequest__in=transfers.values("pk"), case__district=district
    ).values_list("transferrequest_id", "case_id")
    cases_of: dict = defaultdict(set)
    for transfer_id, case_id in links:
        cases_of[transfer_id].add(case_id)
    case_ids = {case_id for ids in cases_of.values() for case_id in ids}
    bases_of: dict = defaultdict(set)
    for case_id, code in Case.bias_bases.through.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "biasbasis__code"
    ):
        bases_of[case_id].add(code)
    counts: Counter = Counter()
    for ids in cases_of.values():
        for code in set().union(*(bases_of[case_id] for case_id in ids)):
            counts[code] += 1
    return dict(counts)


@dataclass(frozen=True)
class StepTime:
    """Time one district spent in one step, over the completed stays of that step."""

    owner_district_id: int
    status: str
    durations_days: tuple[float, ...]  # one per completed stay, sorted
    open_stays: int  # requests sitting in this step now (not in the durations)

    @property
    def completed_stays(self) -> int:
        return len(self.durations_days)

    @property
    def total_days(self) -> float:
        return round(sum(self.durations_days), 1)

    @property
    def median_days(self) -> float | None:
        if not self.durations_days:
            return None
        return round(statistics.median(self.durations_days), 1)


def transfer_step_times(
    *, district: District, transfers: QuerySet[TransferRequest] | None = None
) -> list[StepTime]:
    """Time spent in each step per owner district, over `district`'s requests (all of them
    by default). A stay counts once it has ended; a step still open is counted apart, since
    its length is not known yet. `district`'s own figures come first, then its partners'."""
    transfers = district_transfers(district=district) if transfers is None else transfers
    steps = (
        TransferStep.objects.filter(
            transfer__in=transfers.values("pk"),
            owner_district__isnull=False,
            status__in=TIMED_STEPS,
        )
        .values_list("owner_district_id", "status", "entered_at", "left_at")
        .order_by()
    )
    durations: dict[tuple[int, str], list[float]] = defaultdict(list)
    open_stays: Counter = Counter()
    for owner, status, entered, left in steps:
        if left is None:
            open_stays[(owner, status)] += 1
        else:
            durations[(owner, status)].append((left - entered).total_seconds() / SECONDS_PER_DAY)
    keys = set(durations) | set(open_stays)
    order = {status: index for index, status in enumerate(TIMED_STEPS)}
    return [
        StepTime(
            owner_district_id=owner,
            status=status,
            durations_days=tuple(sorted(durations.get((owner, status), ()))),
            open_stays=open_stays[(owner, status)],
        )
        for owner, status in sorted(
            keys, key=lambda key: (key[0] != district.pk, key[0], order[key[1]])
        )
    ]


def transfer_timeline_for_administrator(
    *,
    user: AbstractBaseUser,
    district: District,
    created_from: datetime | None = None,
    created_before: datetime | None = None,
) -> list[StepTime]:
    """The step timeline of `district` (requests created in the period, if given), for a
    user who reads its trends; nothing for anyone else."""
    allowed = districts_with_permission(user=user, codename=VIEW_DISTRICT_TRENDS)
    if not allowed.filter(pk=district.pk).exists():
        return []
    transfers = district_transfers(
        district=district, created_from=created_from, created_before=created_before
    )
    return transfer_step_times(district=district, transfers=transfers)
