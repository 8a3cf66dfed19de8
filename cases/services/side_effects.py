"""What the cases app's outbox topics mean: the helpers services call, and each topic's handler.

Payloads hold ids only. Handlers load fresh rows and re-check permissions, because a job may
run minutes or days after it was recorded (a role revoked meanwhile must stop the email).
Fan-out jobs create one child job per recipient in their own transaction, so a retry never
emails someone twice for the same event.
"""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser

from cases import notifications
from cases.models import Case, DigestFrequency, Report
from cases.selectors.cases import user_can_handle_case
from cases.selectors.staff import digest_preference, handlers_for_case
from cases.services.reminders import send_daily_digest
from cases.topics import (
    CASE_CHANGED,
    REPORT_RECEIVED,
    REPORT_SUBMITTED,
    REPORTER_UPDATE,
    STAFF_EMAIL,
)
from jobs.outbox import Job, enqueue_side_effect, enqueue_side_effects, jobs_for, publish


def new_report_delay() -> timedelta:
    """The configured delay plus random jitter before officers hear of a new report."""
    jitter = settings.NEW_REPORT_NOTIFY_JITTER_SECONDS
    extra = secrets.randbelow(jitter + 1) if jitter > 0 else 0
    return timedelta(seconds=settings.NEW_REPORT_NOTIFY_DELAY_SECONDS + extra)


# --------------------------------------------------------------------------- called by services


def case_changed(*, case: Case) -> None:
    """What the case shows changed: apps deriving data from cases (search, trends) refresh it."""
    publish(event=CASE_CHANGED, payload={"case": str(case.pk), "district": case.district_id})


def report_submitted(*, case: Case) -> None:
    enqueue_side_effect(
        topic=REPORT_SUBMITTED,
        payload={"case": str(case.pk), "district": case.district_id},
        delay=new_report_delay(),
    )


def case_opened_from_report(*, case: Case) -> None:
    """A report opened `case`: `case_changed`, `report_received` and `report_submitted` in one
    INSERT, and the jobs due now published after commit in one broker message."""
    payload = {"case": str(case.pk), "district": case.district_id}
    enqueue_side_effects(
        jobs=[
            *jobs_for(event=CASE_CHANGED, payload=payload),
            *jobs_for(event=REPORT_RECEIVED, payload=payload),
            Job(topic=REPORT_SUBMITTED, payload=payload, delay=new_report_delay()),
        ]
    )


def case_assigned(*, case: Case, assignee: AbstractBaseUser | None) -> None:
    if assignee is None:
        return
    enqueue_side_effect(
        topic=STAFF_EMAIL,
        payload={
            "kind": notifications.ASSIGNED,
            "case": str(case.pk),
            "user": assignee.pk,
            "district": case.district_id,
        },
    )


def reporter_update(*, report: Report) -> None:
    enqueue_side_effect(
        topic=REPORTER_UPDATE,
        payload={"report": str(report.pk), "district": report.school.district_id},
    )


def reporters_of_case_updated(*, case: Case) -> None:
    """Every reporter of the case who left contact details hears that there is news."""
    for report_id in Report.objects.filter(case=case, contact__isnull=False).values_list(
        "pk", flat=True
    ):
        enqueue_side_effect(
            topic=REPORTER_UPDATE,
            payload={"report": str(report_id), "district": case.district_id},
        )


# --------------------------------------------------------------------------- handlers


def fan_out_new_report(payload: dict) -> None:
    case = Case.objects.filter(pk=payload["case"]).first()
    if case is None:  # purged or merged away meanwhile: nothing to announce
        return
    for user in handlers_for_case(case=case).select_related("case_preferences"):
        if digest_preference(user) != DigestFrequency.EACH:
            continue  # "daily" users read it in their digest, "none" users in the queue
        enqueue_side_effect(
            topic=STAFF_EMAIL,
            payload={
                "kind": notifications.NEW_REPORT,
                "case": str(case.pk),
                "user": user.pk,
                "district": case.district_id,
            },
        )


def send_staff_email(payload: dict) -> None:
    user = (
        get_user_model()
        .objects.filter(pk=payload["user"], is_active=True)
        .select_related("case_preferences")
        .first()
    )
    case = Case.objects.filter(pk=payload["case"]).first()
    if user is None or case is None or not user_can_handle_case(user=user, case=case):
        return
    if digest_preference(user) == DigestFrequency.NONE:
        return
    notifications.send_staff_notice(user=user, case=case, kind=payload["kind"])


def send_digest(payload: dict) -> None:
    user = (
        get_user_model()
        .objects.filter(pk=payload["user"], is_active=True)
        .select_related("case_preferences")
        .first()
    )
    if user is not None and digest_preference(user) == DigestFrequency.DAILY:
        send_daily_digest(user=user, day=date.fromisoformat(payload["day"]))


def send_reporter_update(payload: dict) -> None:
    report = Report.objects.filter(pk=payload["report"]).first()
    if report is not None:
        notifications.send_reporter_update(report=report)
