"""Transfer jobs: the helper services call, and the handler each transfer topic runs.

Payloads hold ids only; handlers load fresh rows and re-check who may see the request, since
a role can be revoked between the move and the email.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.models import District
from jobs.outbox import enqueue_side_effect
from jobs.selectors import already_queued
from transfers import notifications
from transfers.models import TransferRequest
from transfers.selectors import transfer_officers, transfers_for_user
from transfers.topics import TRANSFER_EMAIL, TRANSFER_STEP


def transfer_step_changed(*, transfer: TransferRequest, notify_district: District) -> None:
    """The other district's transfer officers hear that the request moved."""
    enqueue_side_effect(
        topic=TRANSFER_STEP,
        payload={
            "kind": notifications.STEP_CHANGED,
            "transfer": str(transfer.pk),
            "district": notify_district.pk,
        },
    )


def fan_out_transfer_step(payload: dict) -> None:
    for user_id in transfer_officers(district_ids=[payload["district"]]).values_list(
        "pk", flat=True
    ):
        enqueue_side_effect(
            topic=TRANSFER_EMAIL,
            payload={
                "kind": payload["kind"],
                "transfer": payload["transfer"],
                "user": user_id,
                "district": payload["district"],
            },
        )


def send_transfer_email(payload: dict) -> None:
    user = get_user_model().objects.filter(pk=payload["user"], is_active=True).first()
    if user is None:
        return
    transfer = transfers_for_user(user=user).filter(pk=payload["transfer"]).first()
    if transfer is None:  # role revoked or request gone since the job was recorded
        return
    notifications.send_transfer_notice(user=user, transfer=transfer, kind=payload["kind"])


@transaction.atomic
def send_transfer_step_reminders(*, today: date | None = None) -> int:
    """One reminder per overdue step to the owning district's transfer officers; returns count.

    Keyed by request, step due date and recipient, so a repeated beat run emails nobody twice.
    """
    today = today or timezone.localdate()
    queued = 0
    overdue = TransferRequest.objects.filter(step_due__lt=today, owner_district__isnull=False)
    for transfer_id, district_id, due in overdue.values_list("pk", "owner_district", "step_due"):
        for user_id in transfer_officers(district_ids=[district_id]).values_list("pk", flat=True):
            keys = {
                "kind": notifications.STEP_OVERDUE,
                "transfer": str(transfer_id),
                "user": user_id,
                "due": due.isoformat(),
            }
            if already_queued(topic=TRANSFER_EMAIL, **keys):
                continue
            enqueue_side_effect(topic=TRANSFER_EMAIL, payload={**keys, "district": district_id})
            queued += 1
    return queued
