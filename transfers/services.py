"""Transfer requests: creation, moves between steps, messages, records and summary sharing.

Each step is owned by one district; only that district's officers may move it (withdrawal by
either). Every write is audited with identifiers only and tells the other district.

A move and a shared summary replace what was there, so they name the `expected_version` of
the request their form was built from and are refused (StaleVersion) when someone else saved
it since. Messages, record requests and "record sent" only ever add, and refuse a duplicate
themselves, so they take no version; withdrawing a summary erases it on purpose and refuses a
summary already withdrawn.
"""

from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from cases.evidence_rules import prepare_evidence
from cases.models import Case, District, School
from cases.roles import HANDLE_DISTRICT_TRANSFERS, Role
from cases.selectors.cases import check_can_handle_case
from cases.selectors.organisation import districts_with_permission
from cases.services.audit import record_audit_event
from cases.services.memberships import _role_group
from cases.services.versions import claim_version
from transfers.models import (
    IncidentSummaryShare,
    RecordsChecklistItem,
    TransferMessage,
    TransferNumberSequence,
    TransferRequest,
    TransferStatus,
    TransferStep,
)
from transfers.selectors import transfer_sides
from transfers.side_effects import transfer_step_changed
from transfers.workflow import (
    DENIALS,
    FINAL_STATUSES,
    NEEDS_REASON,
    RECEIVING,
    SENDING,
    check_transfer_transition,
    step_owner,
)

T = TransferStatus


def _owner_district(transfer: TransferRequest, status: str, appealed_from: str) -> District | None:
    side = step_owner(status, appealed_from)
    if side == SENDING:
        return transfer.sending_district
    if side == RECEIVING:
        return transfer.receiving_district
    return None


def _enter_step(transfer: TransferRequest, status: str, actor: AbstractBaseUser | None) -> None:
    """Close the open step row and open one for `status`, with its owner and due date."""
    now = timezone.now()
    TransferStep.objects.filter(transfer=transfer, left_at__isnull=True).update(left_at=now)
    owner = _owner_district(transfer, status, transfer.appealed_from)
    due = None
    if owner is not None and status not in FINAL_STATUSES:
        due = timezone.localdate() + timedelta(days=owner.transfer_step_days)
    transfer.status, transfer.owner_district, transfer.step_due = status, owner, due
    TransferStep.objects.create(
        transfer=transfer,
        status=status,
        owner_district=owner,
        entered_at=now,
        due=due,
        actor=actor,
    )


def _grant_transfer_officers(transfer: TransferRequest) -> None:
    """Both districts' transfer-officer groups may view this request, and nothing else:
    no permission on the linked cases follows from it."""
    for district in {transfer.sending_district, transfer.receiving_district}:
        group = _role_group(role=Role.TRANSFER_OFFICER, district=district, school=None)
        assign_perm("transfers.view_transferrequest", group, transfer)


def next_transfer_number(*, year: int) -> str:
    """The next human number of `year`, e.g. TR-2026-00012. Must run inside the transaction
    that saves the request: the counter row stays locked until it commits, so a concurrent
    request waits and draws the next number (a first insert of the year that races another
    is retried by get_or_create and then waits on the lock too)."""
    sequence, _created = TransferNumberSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"TR-{year}-{sequence.last:05d}"


def _check_schools(
    sending_district: District,
    sending_school: School | None,
    receiving_district: District,
    receiving_school: School | None,
) -> None:
    if sending_school is not None and sending_school.district_id != sending_district.pk:
        raise ValidationError(_("The sending school belongs to another district."))
    if receiving_school is not None and receiving_school.district_id != receiving_district.pk:
        raise ValidationError(_("The receiving school belongs to another district."))


def _create(
    *,
    actor,
    sending_district,
    sending_school,
    receiving_district,
    receiving_school,
    student_reference: str,
    reason_category: str,
    linked_cases: list[Case],
    source: str,
) -> TransferRequest:
    if not student_reference.strip():
        raise ValidationError(_("Enter a student reference."))
    _check_schools(sending_district, sending_school, receiving_district, receiving_school)
    transfer = TransferRequest(
        number=next_transfer_number(year=timezone.localdate().year),
        sending_district=sending_district,
        sending_school=sending_school,
        receiving_district=receiving_district,
        receiving_school=receiving_school,
        student_reference=student_reference.strip(),
        reason_category=reason_category,
        created_by=actor,
    )
    transfer.save()
    _enter_step(transfer, T.SUBMITTED, actor)
    transfer.save(update_fields=["status", "owner_district", "step_due"])
    transfer.linked_cases.set(linked_cases)
    _grant_transfer_officers(transfer)
    for district in {sending_district, receiving_district}:
        record_audit_event(
            action="transfer.created",
            actor=actor,
            target=transfer,
            district=district,
            detail={"source": source, "cases": len(linked_cases)},
        )
    transfer_step_changed(transfer=transfer, notify_district=receiving_district)
    return transfer


@transaction.atomic
def start_transfer_from_case(
    *,
    case: Case,
    actor: AbstractBaseUser,
    receiving_district: District,
    receiving_school: School | None,
    student_reference: str,
    reason_category: str,
) -> TransferRequest:
    """An officer of the case opens a request for a family that asked for a transfer."""
    check_can_handle_case(user=actor, case=case)
    return _create(
        actor=actor,
        sending_district=case.district,
        sending_school=case.school,
        receiving_district=receiving_district,
        receiving_school=receiving_school,
        student_reference=student_reference,
        reason_category=reason_category,
        linked_cases=[case],
        source="case",
    )


@transaction.atomic
def enter_transfer(
    *,
    actor: AbstractBaseUser,
    sending_district: District,
    sending_school: School | None,
    receiving_district: District,
    receiving_school: School | None,
    student_reference: str,
    reason_category: str,
) -> TransferRequest:
    """A transfer officer of either district enters a request received directly."""
    allowed = districts_with_permission(user=actor, codename=HANDLE_DISTRICT_TRANSFERS)
    if not allowed.filter(pk__in=[sending_district.pk, receiving_district.pk]).exists():
        raise PermissionDenied(_("You handle transfers of neither district."))
    return _create(
        actor=actor,
        sending_district=sending_district,
        sending_school=sending_school,
        receiving_district=receiving_district,
        receiving_school=receiving_school,
        student_reference=student_reference,
        reason_category=reason_category,
        linked_cases=[],
        source="direct",
    )


def _require_side(*, actor, transfer: TransferRequest, side: str | None) -> frozenset[str]:
    sides = transfer_sides(user=actor, transfer=transfer)
    if side is not None and side not in sides:
        district = transfer.sending_district if side == SENDING else transfer.receiving_district
        raise PermissionDenied(
            _("This step belongs to %(district)s: only its officers can act on it.")
            % {"district": district.name}
        )
    return sides


def _other_district(transfer: TransferRequest, sides: frozenset[str]) -> District:
    return transfer.receiving_district if SENDING in sides else transfer.sending_district


@transaction.atomic
def change_transfer_status(
    *,
    transfer: TransferRequest,
    to_status: str,
    actor: AbstractBaseUser,
    expected_version: int,
    reason: str = "",
) -> TransferRequest:
    """Move the request; denials and appeals need a reason, kept encrypted."""
    transfer = claim_version(
        model=TransferRequest, pk=transfer.pk, expected_version=expected_version
    )
    from_status = transfer.status
    check_transfer_transition(from_status, to_status, transfer.appealed_from)
    owner = None if to_status == T.WITHDRAWN else step_owner(from_status, transfer.appealed_from)
    sides = _require_side(actor=actor, transfer=transfer, side=owner)
    if not sides:
        raise PermissionDenied(_("You cannot act on this transfer request."))
    reason = reason.strip()
    if to_status in NEEDS_REASON and not reason:
        raise ValidationError(_("Give the reason for this decision."))
    if to_status == T.APPEALED:
        transfer.appealed_from, transfer.appeal_reason = from_status, reason
    elif to_status == T.DENIED_BY_SENDING or (to_status == T.RELEASED and reason):
        transfer.sending_decision_reason = reason
    elif to_status == T.DENIED_BY_RECEIVING or (to_status == T.ACCEPTED and reason):
        transfer.receiving_decision_reason = reason
    _enter_step(transfer, to_status, actor)
    transfer.save()
    for district in {transfer.sending_district, transfer.receiving_district}:
        record_audit_event(
            action="transfer.status_changed",
            actor=actor,
            target=transfer,
            district=district,
            detail={"from": from_status, "to": to_status},
        )
    transfer_step_changed(transfer=transfer, notify_district=_other_district(transfer, sides))
    return transfer


@transaction.atomic
def send_transfer_message(
    *,
    transfer: TransferRequest,
    actor: AbstractBaseUser,
    body: str,
    attachment: UploadedFile | None = None,
) -> TransferMessage:
    sides = _require_side(actor=actor, transfer=transfer, side=None)
    if not sides:
        raise PermissionDenied(_("You cannot act on this transfer request."))
    if not body.strip():
        raise ValidationError(_("A message cannot be empty."))
    district = transfer.sending_district if SENDING in sides else transfer.receiving_district
    message = TransferMessage(transfer=transfer, author=actor, author_district=district, body=body)
    if attachment is not None:
        # The evidence pipeline: checked, stripped of EXIF/GPS and document metadata.
        data, message.attachment_meta = prepare_evidence(attachment)
        message.attachment.save("upload", ContentFile(data), save=False)
    message.save()
    for audit_district in {transfer.sending_district, transfer.receiving_district}:
        record_audit_event(
            action="transfer.message_sent",
            actor=actor,
            target=transfer,
            district=audit_district,
            detail={"message": str(message.pk), "attachment": attachment is not None},
        )
    return message


@transaction.atomic
def request_record(
    *, transfer: TransferRequest, kind: str, actor: AbstractBaseUser
) -> RecordsChecklistItem:
    """The receiving district lists a record it needs."""
    _require_side(actor=actor, transfer=transfer, side=RECEIVING)
    if transfer.status in FINAL_STATUSES or transfer.status in DENIALS:
        raise ValidationError(_("Records cannot be requested at this stage."))
    if transfer.records.filter(kind=kind).exists():
        raise ValidationError(_("That record is already on the checklist."))
    item = RecordsChecklistItem.objects.create(transfer=transfer, kind=kind, requested_by=actor)
    record_audit_event(
        action="transfer.record_requested",
        actor=actor,
        target=transfer,
        district=transfer.receiving_district,
        detail={"kind": kind},
    )
    return item


@transaction.atomic
def mark_record_sent(
    *, item: RecordsChecklistItem, actor: AbstractBaseUser
) -> RecordsChecklistItem:
    """The sending district records that it sent a requested record."""
    transfer = item.transfer
    _require_side(actor=actor, transfer=transfer, side=SENDING)
    if item.sent_at is not None:
        raise ValidationError(_("That record is already marked as sent."))
    item.sent_at, item.sent_by = timezone.now(), actor
    item.save(update_fields=["sent_at", "sent_by"])
    record_audit_event(
        action="transfer.record_sent",
        actor=actor,
        target=transfer,
        district=transfer.sending_district,
        detail={"kind": item.kind},
    )
    return item


@transaction.atomic
def share_incident_summary(
    *,
    transfer: TransferRequest,
    summary: str,
    consent_recorded: bool,
    actor: AbstractBaseUser,
    expected_version: int,
) -> IncidentSummaryShare:
    """Only the sending district shares, only after recording the family's consent.
    A new share replaces the previous one."""
    _require_side(actor=actor, transfer=transfer, side=SENDING)
    transfer = claim_version(
        model=TransferRequest, pk=transfer.pk, expected_version=expected_version
    )
    if not consent_recorded:
        raise ValidationError(
            _("Record the family's consent before sharing a summary with the other district.")
        )
    if not summary.strip():
        raise ValidationError(_("Write the summary to share."))
    for previous in transfer.summary_shares.filter(withdrawn_at__isnull=True):
        _withdraw(previous, actor)
    share = IncidentSummaryShare.objects.create(
        transfer=transfer, summary=summary.strip(), consent_recorded_by=actor
    )
    for district in {transfer.sending_district, transfer.receiving_district}:
        record_audit_event(
            action="transfer.summary_shared",
            actor=actor,
            target=transfer,
            district=district,
            detail={"share": str(share.pk), "consent": True},
        )
    return share


def _withdraw(share: IncidentSummaryShare, actor: AbstractBaseUser) -> None:
    # The text is erased, not only hidden: consent withdrawn means no copy remains.
    share.summary = ""
    share.withdrawn_at, share.withdrawn_by = timezone.now(), actor
    share.save(update_fields=["summary", "withdrawn_at", "withdrawn_by"])


@transaction.atomic
def withdraw_summary_share(
    *, share: IncidentSummaryShare, actor: AbstractBaseUser
) -> IncidentSummaryShare:
    """The family withdrew consent: the receiving district loses the summary at once."""
    transfer = share.transfer
    _require_side(actor=actor, transfer=transfer, side=SENDING)
    if share.withdrawn_at is not None:
        raise ValidationError(_("This summary was already withdrawn."))
    _withdraw(share, actor)
    for district in {transfer.sending_district, transfer.receiving_district}:
        record_audit_event(
            action="transfer.summary_withdrawn",
            actor=actor,
            target=transfer,
            district=district,
            detail={"share": str(share.pk)},
        )
    return share
