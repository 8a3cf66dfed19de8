"""One meaning of "overdue" everywhere: the queue, the case page, reminders, digests, search
and the API agree (cases/deadlines.py). Search narrows the queue, so it shares the queue's filter.

The drift this pins: a case in "finding issued" whose investigation due date has passed was
on time in the queue but overdue in the digest and the reminder e-mails. A finding issued
completes the investigation, so it is overdue nowhere; an investigation still running is
overdue everywhere.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from cases import notifications
from cases.deadlines import is_overdue, overdue_condition
from cases.models import Case, CaseStatus
from cases.services.reminders import digest_cases, send_deadline_reminders
from cases.topics import STAFF_EMAIL
from jobs.models import OutboxMessage
from tests.api.client import ApiClient, token_for
from tests.factories import SchoolFactory, staff_user, submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/"


def _case(school, *, status: str, investigation_due):
    """An acknowledged case in `status` with the given investigation due date."""
    case = submit_report(school=school).case
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(
        status=status,
        acknowledged_at=now,
        acknowledge_due=(now - timedelta(days=50)).date(),
        investigation_due=investigation_due,
    )
    return Case.objects.get(pk=case.pk)


def _reminder_kinds(case) -> set[str]:
    kinds = OutboxMessage.objects.filter(topic=STAFF_EMAIL.code, payload__case=str(case.pk))
    return set(kinds.values_list("payload__kind", flat=True))


@pytest.mark.parametrize(
    ("status", "overdue"),
    [(CaseStatus.FINDING_ISSUED, False), (CaseStatus.INVESTIGATING, True)],
)
def test_a_past_investigation_due_date_means_the_same_everywhere(client, status, overdue):
    school = SchoolFactory()
    officer = staff_user(school=school)
    today = timezone.localdate()
    case = _case(school, status=status, investigation_due=today - timedelta(days=3))
    expected = [case.number] if overdue else []

    # The queue: its badge, its "overdue only" filter and the dashboard count.
    login_staff(client, officer)
    queue = client.get(QUEUE)
    assert [row.is_overdue for row in queue.context["cases"]] == [overdue]
    assert [row.number for row in client.get(QUEUE, {"overdue": "on"}).context["cases"]] == (
        expected
    )
    # The case page badge.
    assert client.get(f"{QUEUE}{case.pk}/").context["is_overdue"] is overdue
    assert is_overdue(case, today=today) is overdue

    # The daily digest.
    _new, due_soon, late = digest_cases(user=officer, day=today)
    assert [c.number for c in late] == expected
    assert list(due_soon) == []

    # The reminder e-mails.
    send_deadline_reminders(today=today)
    reminders = {notifications.INVESTIGATION_OVERDUE} if overdue else set()
    assert _reminder_kinds(case) == reminders

    # The staff API.
    api = ApiClient(client, token_for(officer))
    assert api.get(f"/api/staff/cases/{case.pk}").json()["overdue"] is overdue
    listed = api.get("/api/staff/cases", overdue="true").json()["items"]
    assert [item["number"] for item in listed] == expected


@pytest.mark.parametrize(
    ("status", "due_soon"),
    [(CaseStatus.FINDING_ISSUED, False), (CaseStatus.INVESTIGATING, True)],
)
def test_an_investigation_due_soon_is_announced_only_while_it_runs(status, due_soon):
    school = SchoolFactory()
    officer = staff_user(school=school)
    today = timezone.localdate()
    case = _case(school, status=status, investigation_due=today + timedelta(days=1))
    expected = [case.number] if due_soon else []

    _new, soon, late = digest_cases(user=officer, day=today)
    assert ([c.number for c in soon], list(late)) == (expected, [])

    send_deadline_reminders(today=today)
    reminders = {notifications.INVESTIGATION_DUE_SOON} if due_soon else set()
    assert _reminder_kinds(case) == reminders


def test_acknowledgement_is_overdue_only_until_someone_acknowledges():
    school = SchoolFactory()
    staff_user(school=school)
    today = timezone.localdate()
    case = submit_report(school=school).case
    Case.objects.filter(pk=case.pk).update(acknowledge_due=today - timedelta(days=1))
    case.refresh_from_db()
    assert is_overdue(case, today=today)

    send_deadline_reminders(today=today)
    assert _reminder_kinds(case) == {notifications.ACKNOWLEDGE_OVERDUE}

    Case.objects.filter(pk=case.pk).update(status=CaseStatus.TRIAGE, acknowledged_at=timezone.now())
    case.refresh_from_db()
    assert not is_overdue(case, today=today)
    assert not Case.objects.filter(overdue_condition(today=today), pk=case.pk).exists()
