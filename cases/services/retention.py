"""Retention: closed cases are kept for their district's period, then purged to a tombstone.

A purge deletes the reports, evidence files, reporter messages, notes and the case itself, and
keeps only a `PurgedCase` row (ids and dates) plus the audit trail, which never held content.
A case under legal hold is never purged: the selection skips it and `purge_case` re-checks it
under a row lock, and deleting a held case any other way is refused (`refuse_deleting_held_case`).
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    Case,
    CaseNote,
    District,
    EvidenceFile,
    IdentityDisclosure,
    PurgedCase,
    Report,
    ReporterMessage,
)
from cases.services.audit import record_audit_event
from cases.topics import CASE_PURGED
from cases.workflow import FINAL_STATUSES
from jobs.outbox import publish

logger = logging.getLogger(__name__)


class LegalHoldError(PermissionDenied):
    """The case is under legal hold; the message is shown to staff as is."""


class NotDueForPurge(ValidationError):
    """The case is open, or still inside its district's retention period."""


def years_before(moment: datetime, years: int) -> datetime:
    """`moment` moved back by whole calendar years (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def cases_due_for_purge(
    *, now: datetime, districts: Iterable[District] | None = None
) -> QuerySet[Case]:
    """Final cases (closed, withdrawn, referred out) past their district's retention period,
    never one under legal hold."""
    return cases_past_retention(now=now, districts=districts).filter(legal_hold=False)


def cases_past_retention(
    *, now: datetime, districts: Iterable[District] | None = None
) -> QuerySet[Case]:
    """Final cases past retention, held or not (reports show how many a hold keeps).

    A district whose retention is 0 years is skipped rather than purged at once: 0 is far more
    likely a mistake than a policy.
    """
    if districts is None:
        districts = District.objects.only("pk", "retention_years")
    due = Q()
    for district in districts:
        if district.retention_years > 0:
            cutoff = years_before(now, district.retention_years)
            due |= Q(district_id=district.pk, closed_at__lte=cutoff)
    if not due:
        return Case.objects.none()
    return (
        Case.objects.filter(due, status__in=FINAL_STATUSES)
        .select_related("district")
        .order_by("closed_at", "pk")
    )


def purge_counts(*, case: Case) -> dict[str, int]:
    """What a purge of `case` deletes, by kind (numbers only, safe for output and audit)."""
    return {
        "reports": Report.objects.filter(case=case).count(),
        "evidence_files": EvidenceFile.objects.filter(report__case=case).count(),
        "messages": ReporterMessage.objects.filter(report__case=case).count(),
        "notes": CaseNote.objects.filter(case=case).count(),
    }


@transaction.atomic
def purge_case(
    *, case: Case, actor: AbstractBaseUser | None = None, now: datetime | None = None
) -> PurgedCase:
    """Delete everything about `case` but a tombstone; refuses a held or not-yet-due case."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().select_related("district").get(pk=case.pk)
    if case.legal_hold:
        raise LegalHoldError(
            _("Case %(number)s is under legal hold: it cannot be purged.") % {"number": case.number}
        )
    still_kept = not (
        cases_due_for_purge(now=now, districts=[case.district]).filter(pk=case.pk).exists()
    )
    if still_kept:
        raise NotDueForPurge(
            _("Case %(number)s is not due for purge: it is open or inside its retention period.")
            % {"number": case.number}
        )

    counts = purge_counts(case=case)
    file_names = list(EvidenceFile.objects.filter(report__case=case).values_list("file", flat=True))
    tombstone = PurgedCase.objects.create(
        case_id=case.pk,
        number=case.number,
        district=case.district,
        opened_on=case.opened_on,
        closed_at=case.closed_at,
        purged_at=now,
    )
    record_audit_event(
        action="case.purged", actor=actor, target=case, district=case.district, detail=counts
    )
    ReporterMessage.objects.filter(report__case=case).delete()
    EvidenceFile.objects.filter(report__case=case).delete()
    IdentityDisclosure.objects.filter(report__case=case).delete()  # and its reveal requests
    Report.objects.filter(case=case).delete()
    CaseNote.objects.filter(case=case).delete()
    case_id, district_id = case.pk, case.district_id
    case.delete()

    # Search and trends drop what they derived from the case, through the outbox.
    publish(event=CASE_PURGED, payload={"case": str(case_id), "district": district_id})
    transaction.on_commit(lambda: _delete_evidence_files(file_names))
    return tombstone


def _delete_evidence_files(names: list[str]) -> None:
    """After commit, so a rolled-back purge never loses a file. Files are ciphertext anyway."""
    storage = EvidenceFile._meta.get_field("file").storage
    failed = 0
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            failed += 1
    if failed:
        logger.warning("Retention purge left %d encrypted evidence file(s) on disk.", failed)


def refuse_deleting_held_case(sender, instance: Case, **kwargs) -> None:
    """pre_delete receiver: no code path (admin, shell, cascade) deletes a held case."""
    if instance.legal_hold:
        raise LegalHoldError(
            _("Case %(number)s is under legal hold: it cannot be deleted.")
            % {"number": instance.number}
        )
