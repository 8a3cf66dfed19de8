"""The nightly retention run: purge where the district turned purge on, only count elsewhere."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from cases.models import District
from cases.services.retention import (
    LegalHoldError,
    NotDueForPurge,
    cases_due_for_purge,
    purge_case,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionRun:
    purged: int
    would_purge: int  # due, in districts that keep purge off (dry run)
    skipped: int  # refused at purge time: a hold placed or the case reopened meanwhile


def run_scheduled_retention(*, now: datetime | None = None) -> RetentionRun:
    """One transaction per case (inside `purge_case`), so one refusal never undoes the others."""
    now = now or timezone.now()
    districts = list(District.objects.only("pk", "slug", "retention_years", "purge_enabled"))
    purged = would_purge = skipped = 0
    for case in cases_due_for_purge(now=now, districts=districts):
        if not case.district.purge_enabled:
            would_purge += 1
            continue
        try:
            purge_case(case=case, now=now)
        except (LegalHoldError, NotDueForPurge):
            skipped += 1
        else:
            purged += 1
    logger.info(
        "retention run: %s purged, %s due in districts with purge off, %s skipped",
        purged,
        would_purge,
        skipped,
    )
    return RetentionRun(purged=purged, would_purge=would_purge, skipped=skipped)
