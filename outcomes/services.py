"""Writes of the outcomes app: the district's texts and check-in days, the notice an officer
sends when closing a case, asking check-ins when they fall due, and the reporter's answer.

Closing goes through the cases workflow service (`change_case_status`), so there is one rule
of allowed moves; a "yes" to a check-in goes through `cases.services.follow_up`. Audit events
hold ids and codes only, never the notice's words or the reporter's answer.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.languages import report_languages
from cases.models import Case, CaseStatus, District, Report
from cases.models.audit import ActorKind
from cases.selectors.cases import check_can_handle_case
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event
from cases.services.follow_up import open_retaliation_follow_up
from cases.services.side_effects import reporter_update, reporters_of_case_updated
from cases.services.versions import claim_version
from cases.services.workflow import change_case_status
from outcomes.models import (
    CheckIn,
    CheckInState,
    NoticeTemplate,
    OutcomeNotice,
    OutcomeSettings,
    parse_check_in_days,
)
from outcomes.selectors import check_in_days, rights_text
from privacy.receipts import contains_receipt

MAX_NOTICE_LENGTH = 10_000
MAX_DETAILS_LENGTH = 5_000


# --------------------------------------------------------------------------- district texts


def check_may_edit_texts(*, actor: AbstractBaseUser, district: District) -> None:
    """Only an administrator of the district (or a superuser) edits its texts and days."""
    if not administered_districts(user=actor).filter(pk=district.pk).exists():
        raise PermissionDenied(_("Only an administrator of this district can change its texts."))


@transaction.atomic
def save_notice_template(
    *, template: NoticeTemplate, actor: AbstractBaseUser, previous_district: District | None = None
) -> NoticeTemplate:
    """Create or change a district text; moving one to another district needs both."""
    if previous_district is not None:
        check_may_edit_texts(actor=actor, district=previous_district)
    check_may_edit_texts(actor=actor, district=template.district)
    created = template.pk is None
    template.save()
    record_audit_event(
        action="outcome.text_added" if created else "outcome.text_changed",
        actor=actor,
        target=template,
        district=template.district,
        detail={"kind": template.kind, "language": template.language},
    )
    return template


@transaction.atomic
def delete_notice_template(*, template: NoticeTemplate, actor: AbstractBaseUser) -> None:
    check_may_edit_texts(actor=actor, district=template.district)
    record_audit_event(
        action="outcome.text_deleted",
        actor=actor,
        target=template,
        district=template.district,
        detail={"kind": template.kind, "language": template.language},
    )
    template.delete()


@transaction.atomic
def save_outcome_settings(
    *, settings: OutcomeSettings, actor: AbstractBaseUser, previous_district: District | None = None
) -> OutcomeSettings:
    if previous_district is not None:
        check_may_edit_texts(actor=actor, district=previous_district)
    check_may_edit_texts(actor=actor, district=settings.district)
    days = parse_check_in_days(settings.check_in_days)
    settings.check_in_days = ", ".join(str(day) for day in days)
    settings.save()
    record_audit_event(
        action="outcome.settings_changed",
        actor=actor,
        target=settings,
        district=settings.district,
        detail={"check_in_days": "-".join(str(day) for day in days)},
    )
    return settings


@transaction.atomic
def delete_outcome_settings(*, settings: OutcomeSettings, actor: AbstractBaseUser) -> None:
    """Back to the defaults (30 and 90 days)."""
    check_may_edit_texts(actor=actor, district=settings.district)
    record_audit_event(
        action="outcome.settings_reset", actor=actor, target=settings, district=settings.district
    )
    settings.delete()


# --------------------------------------------------------------------------- the notice


def _clean_notice(body: str, language: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError(
            _("Write the outcome in plain words before sending the notice."), code="empty"
        )
    if len(body) > MAX_NOTICE_LENGTH:
        raise ValidationError(
            _("A notice can be at most %(max)s characters.") % {"max": MAX_NOTICE_LENGTH},
            code="too_long",
        )
    if language not in report_languages():
        raise ValidationError(_("Choose the reporter's language."), code="language")
    return body


def _closed_on(case: Case) -> date:
    return timezone.localdate(case.closed_at) if case.closed_at else timezone.localdate()


def _schedule_check_ins(*, notice: OutcomeNotice, case: Case) -> int:
    """One check-in per report of the case and per configured day, counted from closure.
    Questions of an earlier notice not yet asked are replaced by these."""
    CheckIn.objects.filter(notice__case=case, state=CheckInState.SCHEDULED).update(
        state=CheckInState.CANCELLED
    )
    closed_on = _closed_on(case)
    days = check_in_days(district=case.district)
    rows = [
        CheckIn(
            notice=notice,
            report_id=report_id,
            after_days=after,
            due_on=closed_on + timedelta(days=after),
        )
        for report_id in Report.objects.filter(case=case).values_list("pk", flat=True)
        for after in days
    ]
    CheckIn.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def issue_outcome_notice(
    *,
    case: Case,
    language: str,
    body: str,
    actor: AbstractBaseUser,
    expected_version: int,
) -> OutcomeNotice:
    """Close `case` (through the cases workflow, if it is not closed yet) and send its
    reporters the outcome with the district's appeal and OCR text; schedule the check-ins.

    Raises InvalidTransition when the workflow does not allow closing from the case's status,
    StaleVersion when someone saved the case since the form was built.
    """
    check_can_handle_case(user=actor, case=case)
    body = _clean_notice(body, language)
    if case.status == CaseStatus.CLOSED:
        # Already closed (with the status buttons, or a notice sent before): the notice is
        # still a change of the case that a stale form must not make.
        case = claim_version(model=Case, pk=case.pk, expected_version=expected_version)
        reporters_of_case_updated(case=case)
    else:
        # Tells the reporters with contact that there is news, as any status change does.
        case = change_case_status(
            case=case, to_status=CaseStatus.CLOSED, actor=actor, expected_version=expected_version
        )
    notice = OutcomeNotice.objects.create(
        case=case,
        language=language,
        body=body,
        rights=rights_text(district=case.district, language=language),
        issued_by=actor,
    )
    scheduled = _schedule_check_ins(notice=notice, case=case)
    record_audit_event(
        action="outcome.notice_issued",
        actor=actor,
        target=case,
        district=case.district,
        detail={"notice": str(notice.pk), "language": language, "check_ins": scheduled},
    )
    return notice


# --------------------------------------------------------------------------- check-ins


def _ask(check_in_id, *, today: date) -> bool:
    """Claim one due check-in (scheduled -> asked, or cancelled) in its own transaction, with
    the reporter's notification: a crash leaves it either fully asked or still scheduled, and
    a second run (or a second beat) finds nothing left to claim."""
    with transaction.atomic():
        check_in = (
            CheckIn.objects.select_for_update()
            .select_related("notice__case", "report")
            .filter(pk=check_in_id, state=CheckInState.SCHEDULED)
            .first()
        )
        if check_in is None:
            return False
        if check_in.report.case_id != check_in.notice.case_id or (
            check_in.notice.case.status != CaseStatus.CLOSED
        ):
            # Reopened (or merged into another case) since: the question no longer fits.
            CheckIn.objects.filter(pk=check_in.pk, state=CheckInState.SCHEDULED).update(
                state=CheckInState.CANCELLED
            )
            return False
        claimed = CheckIn.objects.filter(pk=check_in.pk, state=CheckInState.SCHEDULED).update(
            state=CheckInState.ASKED, asked_on=today
        )
        if not claimed:
            return False
        if check_in.report.contact is not None:
            reporter_update(report=check_in.report)  # "there is news": a question waits
        return True


def ask_due_check_ins(*, today: date | None = None) -> int:
    """Ask every check-in that has fallen due; returns how many were asked now."""
    today = today or timezone.localdate()
    due = CheckIn.objects.filter(state=CheckInState.SCHEDULED, due_on__lte=today)
    return sum(_ask(pk, today=today) for pk in list(due.values_list("pk", flat=True)))


@dataclass(frozen=True)
class CheckInAnswer:
    check_in: CheckIn
    follow_up_case: Case | None


@transaction.atomic
def answer_check_in(
    *, report: Report, check_in_id, happened: bool, details: str = ""
) -> CheckInAnswer:
    """The reporter of `report` answers a question waiting for them; only once.

    "Yes" reopens the case when the workflow allows it, else opens a linked follow-up case;
    both are flagged in the queue. The audit event names the check-in, never the answer.
    """
    details = (details or "").strip()
    if len(details) > MAX_DETAILS_LENGTH:
        raise ValidationError(
            _("Your answer can be at most %(max)s characters.") % {"max": MAX_DETAILS_LENGTH},
            code="too_long",
        )
    if details and contains_receipt(details, report.receipt_hash, tag=report.receipt_tag):
        raise ValidationError(
            _(
                "Your answer contains your receipt code. Remove it: staff never need it, "
                "and anyone who sees it could read your report."
            ),
            code="contains_receipt",
        )
    today = timezone.localdate()
    claimed = CheckIn.objects.filter(
        pk=check_in_id, report=report, state=CheckInState.ASKED
    ).update(state=CheckInState.ANSWERED, answered_on=today, happened=happened)
    if not claimed:
        raise ValidationError(_("This question was already answered."), code="answered")
    check_in = CheckIn.objects.select_related("notice").get(pk=check_in_id)
    follow_up = None
    case = Case.objects.get(pk=report.case_id)
    if happened:
        follow_up = open_retaliation_follow_up(case=case).case
        check_in.follow_up_case = follow_up
    check_in.details = details
    check_in.save(update_fields=["details", "follow_up_case"])
    record_audit_event(
        action="outcome.check_in_answered",
        actor_kind=ActorKind.REPORTER,
        target=case,
        district=case.district,
        detail={"check_in": str(check_in.pk)},
    )
    return CheckInAnswer(check_in=check_in, follow_up_case=follow_up)
