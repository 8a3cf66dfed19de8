"""The anonymous thread between an officer and the reporter of one report."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, MessageDirection, Report, ReporterMessage
from cases.models.audit import ActorKind
from cases.selectors.cases import check_can_handle_case
from cases.services.audit import record_audit_event
from cases.services.side_effects import case_changed, reporter_update
from privacy.blind_index import blind_tokens
from privacy.receipts import contains_receipt

MAX_MESSAGE_LENGTH = 10_000


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message before sending."), code="empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            _("A message can be at most %(max)s characters.") % {"max": MAX_MESSAGE_LENGTH},
            code="too_long",
        )
    return body


def _lock_thread(*, report: Report) -> None:
    """Hold the report's row so that two messages cannot draw the same place in the thread."""
    Report.objects.select_for_update().filter(pk=report.pk).values_list("pk").first()


@transaction.atomic
def send_message_to_reporter(
    *, report: Report, body: str, author: AbstractBaseUser
) -> ReporterMessage:
    """An officer who may handle the report's case writes to its reporter."""
    check_can_handle_case(user=author, case=report.case)
    _lock_thread(report=report)
    message = ReporterMessage.objects.create(
        report=report,
        direction=MessageDirection.TO_REPORTER,
        author=author,
        body=_clean_body(body),
    )
    record_audit_event(
        action="message.sent_to_reporter",
        actor=author,
        target=report.case,
        district=report.case.district,
        detail={"message": str(message.pk)},
    )
    case_changed(case=report.case)
    if report.contact is not None:
        reporter_update(report=report)
    return message


@transaction.atomic
def record_reporter_message(*, report: Report, body: str) -> ReporterMessage:
    """A reply or added information from the reporter, who is known only by the receipt."""
    body = _clean_body(body)
    if contains_receipt(body, report.receipt_hash, tag=report.receipt_tag):
        raise ValidationError(
            _(
                "Your message contains your receipt code. Remove it: staff never need it, "
                "and anyone who sees it could read your report."
            ),
            code="contains_receipt",
        )
    _lock_thread(report=report)
    message = ReporterMessage.objects.create(
        report=report,
        direction=MessageDirection.FROM_REPORTER,
        body=body,
        text_tokens=sorted(blind_tokens(body)),
    )
    record_audit_event(
        action="message.received_from_reporter",
        actor_kind=ActorKind.REPORTER,
        target=report.case,
        district=report.case.district,
        detail={"message": str(message.pk)},
    )
    case_changed(case=report.case)
    return message


@transaction.atomic
def mark_replies_read(*, case: Case, reader: AbstractBaseUser) -> int:
    """An officer who may handle `case` has seen its reporters' replies."""
    check_can_handle_case(user=reader, case=case)
    return ReporterMessage.objects.filter(
        report__case=case, direction=MessageDirection.FROM_REPORTER, read_on__isnull=True
    ).update(read_on=timezone.localdate())


def mark_messages_read(*, report: Report, direction: str) -> int:
    """Mark the messages of one direction as read by their recipient (the day only: when a
    reporter read a message is when they looked)."""
    return ReporterMessage.objects.filter(
        report=report, direction=direction, read_on__isnull=True
    ).update(read_on=timezone.localdate())
