"""Deadline reminders and the daily digest, run by Celery beat.

Each reminder is an outbox job keyed by case, deadline, kind and recipient, so a beat run
repeated (or run twice by two beat processes) never emails anyone twice about one deadline.
Staff who chose "each" get one email per event; "daily" staff get it all in their digest;
"none" staff get no email and rely on the queue's overdue badges.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail import hooks

from cases import notifications
from cases.deadlines import (
    ACKNOWLEDGE,
    INVESTIGATION,
    due_condition,
    overdue_condition,
    running_deadlines,
)
from cases.models import Case, DigestFrequency
from cases.selectors.cases import cases_for_user
from cases.selectors.staff import digest_preference, handlers_for_case
from cases.topics import STAFF_DIGEST, STAFF_EMAIL
from cases.workflow import OPEN_STATUSES
from jobs.outbox import enqueue_side_effect
from jobs.selectors import already_queued

# The e-mail kind of each deadline: (due soon, overdue).
_KINDS = {
    ACKNOWLEDGE: (notifications.ACKNOWLEDGE_DUE_SOON, notifications.ACKNOWLEDGE_OVERDUE),
    INVESTIGATION: (notifications.INVESTIGATION_DUE_SOON, notifications.INVESTIGATION_OVERDUE),
}


def _deadlines(case: Case, *, today: date, soon: date) -> list[tuple[str, date]]:
    """(kind, due date) of every running deadline of `case` that is near or past."""
    found = []
    for clock, due in running_deadlines(case, until=soon):
        due_soon_kind, overdue_kind = _KINDS[clock]
        found.append((overdue_kind if due < today else due_soon_kind, due))
    return found


def _recipients(case: Case) -> list[AbstractBaseUser]:
    """The assignee; or, for an unassigned case, everyone who may handle it."""
    if case.assignee is not None:
        return [case.assignee] if case.assignee.is_active else []
    return list(handlers_for_case(case=case).select_related("case_preferences"))


@transaction.atomic
def send_deadline_reminders(*, today: date | None = None) -> int:
    """Queue a reminder when a deadline comes near and another when it passes. Returns count."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    cases = Case.objects.filter(due_condition(lookup="lte", value=soon)).select_related(
        "assignee__case_preferences"
    )
    queued = 0
    for case in cases:
        deadlines = _deadlines(case, today=today, soon=soon)
        for user in _recipients(case):
            if digest_preference(user) != DigestFrequency.EACH:
                continue
            for kind, due in deadlines:
                keys = {"kind": kind, "case": str(case.pk), "user": user.pk, "due": due.isoformat()}
                if already_queued(topic=STAFF_EMAIL, **keys):
                    continue
                enqueue_side_effect(
                    topic=STAFF_EMAIL, payload={**keys, "district": case.district_id}
                )
                queued += 1
    return queued


@transaction.atomic
def queue_daily_digests(*, today: date | None = None) -> int:
    """One digest job per opted-in staff member per day."""
    today = today or timezone.localdate()
    users = get_user_model().objects.filter(
        is_active=True, case_preferences__digest=DigestFrequency.DAILY
    )
    queued = 0
    for user_id in users.values_list("pk", flat=True):
        keys = {"user": user_id, "day": today.isoformat()}
        if not already_queued(topic=STAFF_DIGEST, **keys):
            enqueue_side_effect(topic=STAFF_DIGEST, payload=keys)
            queued += 1
    return queued


def digest_cases(
    *, user: AbstractBaseUser, day: date
) -> tuple[QuerySet[Case], QuerySet[Case], QuerySet[Case]]:
    """New yesterday, due soon and overdue, among the cases `user` may handle.

    Deadlines count only for cases assigned to `user` or to nobody: someone else's case is
    that person's reminder.
    """
    visible = cases_for_user(user=user)
    new_cases = visible.filter(opened_on=day - timedelta(days=1))
    mine = visible.filter(status__in=OPEN_STATUSES).filter(
        Q(assignee=user) | Q(assignee__isnull=True)
    )
    soon = day + timedelta(days=settings.REMINDER_DUE_SOON_DAYS)
    overdue = mine.filter(overdue_condition(today=day))
    due_soon = mine.filter(due_condition(lookup="range", value=(day, soon))).exclude(
        pk__in=overdue.values("pk")
    )
    return (
        new_cases.order_by("opened_on", "sequence"),
        due_soon.order_by("pk"),
        overdue.order_by("pk"),
    )


# Other apps add lists to the daily digest through this Wagtail hook (alerts lists the new
# reports matching the officer's saved searches): fn(user=, day=) -> DigestSection or None.
# Each must limit its cases to what `user` may handle now (`cases_for_user`).
STAFF_DIGEST_SECTIONS_HOOK = "extend_staff_digest"


def send_daily_digest(*, user: AbstractBaseUser, day: date | None = None) -> bool:
    day = day or timezone.localdate()
    new_cases, due_soon, overdue = digest_cases(user=user, day=day)
    sections = [
        section
        for section in (
            fn(user=user, day=day) for fn in hooks.get_hooks(STAFF_DIGEST_SECTIONS_HOOK)
        )
        if section is not None
    ]
    return notifications.send_staff_digest(
        user=user,
        new_cases=list(new_cases),
        due_soon=list(due_soon),
        overdue=list(overdue),
        sections=sections,
    )
