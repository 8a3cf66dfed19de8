"""Recording a report received by phone, paper, e-mail or in person, and its one-time receipt.

The report goes through the portal's own intake (cases.services.intake): the same
encryption, receipt hashing, audit and outbox side effects (the jittered new-report notice
included). Only the channel, the day it was received and the officer differ.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases.choices import Channel
from cases.models import Case, District
from cases.services.intake import ReportSubmission, open_case_from_report
from staff_intake.models import ReceiptHandover

# Every channel but the portal's own: a report typed in by staff is never "online form".
STAFF_CHANNELS = [choice for choice in Channel if choice != Channel.WEB]
# The earliest day a report can have been received when the district has no start date.
EARLIEST_RECEIVED_ON = date(2000, 1, 1)


def handover_lifetime() -> timedelta:
    """How long an unopened receipt waits for its page (the officer is redirected at once)."""
    return timedelta(seconds=getattr(settings, "STAFF_INTAKE_RECEIPT_HANDOFF_SECONDS", 10 * 60))


@dataclass(frozen=True)
class StaffIntakeResult:
    case: Case
    # None when the reporter declined a receipt.
    handover: ReceiptHandover | None


def check_received_on(
    *, district: District, received_on: date, incident_date: date | None = None
) -> None:
    """ValidationError, in words, for a day the report cannot have been received."""
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError(_("The day received cannot be in the future."), code="future")
    start = district.established_on or EARLIEST_RECEIVED_ON
    if received_on < start:
        raise ValidationError(
            _("%(district)s takes reports since %(day)s. Enter that day or a later one.")
            % {"district": district.name, "day": date_format(start, "DATE_FORMAT")},
            code="before_district",
        )
    if incident_date is not None and incident_date > received_on:
        raise ValidationError(
            _("The report cannot be received before the day of the incident (%(day)s).")
            % {"day": date_format(incident_date, "DATE_FORMAT")},
            code="before_incident",
        )


def record_staff_report(
    *,
    officer: AbstractBaseUser,
    submission: ReportSubmission,
    channel: str,
    received_on: date,
    receipt_declined: bool = False,
) -> StaffIntakeResult:
    """Store the report as the portal would, marked with its channel and the officer.

    The officer must handle cases of the report's school (PermissionDenied otherwise, from
    the intake). Raises ValidationError for a web channel or an impossible received day;
    nothing is stored then. Unless the reporter declined it, the receipt waits, encrypted,
    for `take_receipt`.
    """
    if channel not in STAFF_CHANNELS:
        raise ValidationError(_("Choose how the report was received."), code="channel")
    check_received_on(
        district=submission.school.district,
        received_on=received_on,
        incident_date=submission.incident_date,
    )
    now = timezone.now()
    with transaction.atomic():
        ReceiptHandover.objects.filter(expires_at__lte=now).delete()
        result = open_case_from_report(
            submission=replace(submission, channel=channel),
            entered_by=officer,
            received_on=received_on,
            receipt_declined=receipt_declined,
        )
        handover = None
        if not receipt_declined:
            handover = ReceiptHandover.objects.create(
                officer=officer,
                case=result.case,
                language=submission.language,
                received_on=received_on,
                life_safety=result.report.life_safety,
                receipt=result.receipt,
                expires_at=now + handover_lifetime(),
            )
    return StaffIntakeResult(case=result.case, handover=handover)


def find_handover(*, officer: AbstractBaseUser, handover_id) -> ReceiptHandover | None:
    """The officer's own hand-over, shown or not; None for anyone else's or an unknown id."""
    return (
        ReceiptHandover.objects.filter(pk=handover_id, officer=officer)
        .select_related("case")
        .first()
    )


@transaction.atomic
def take_receipt(*, handover: ReceiptHandover) -> str:
    """The receipt, once: the first caller gets it, every later one (or after expiry) ""."""
    receipt = handover.receipt
    taken = ReceiptHandover.objects.filter(
        pk=handover.pk, shown=False, expires_at__gt=timezone.now()
    ).update(shown=True)
    if not taken or not receipt:
        return ""
    handover.shown = True
    handover.receipt = ""
    handover.save(update_fields=["receipt"])
    return receipt
