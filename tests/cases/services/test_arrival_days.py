"""A reporter files a report, replies and adds a file: staff can learn the day of each, never
the time (issue 17, F3). In a small school the minute a report arrived can name the child;
the new-report notice is delayed and jittered so that it does not."""

import re
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from cases.deadlines import acknowledge_due, investigation_due
from cases.models import AuditEvent, Case, EvidenceFile, Report, ReporterMessage
from cases.models.audit import ActorKind
from cases.services.messages import record_reporter_message, send_message_to_reporter
from cases.services.reporter_evidence import add_reporter_evidence
from tests.cases.admin.world import png_upload
from tests.factories import SchoolFactory, staff_user, submit_report

pytestmark = pytest.mark.django_db

A_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def stored(table: str, column: str) -> list[str]:
    """What the database itself holds in `column`, as text."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table}")  # noqa: S608
        return [str(value) for (value,) in cursor.fetchall()]


@pytest.fixture
def filed_and_replied():
    result = submit_report(evidence=[png_upload()])
    officer = staff_user(district=result.case.district)
    send_message_to_reporter(report=result.report, body="Can you tell us more?", author=officer)
    record_reporter_message(report=result.report, body="It happened again on Monday.")
    add_reporter_evidence(report=result.report, uploads=[png_upload("second.png")])
    return result


def test_the_database_holds_the_day_of_each_reporter_action_and_no_time(filed_and_replied):
    for table, column in (
        ("cases_case", "opened_on"),
        ("cases_report", "submitted_on"),
        ("cases_reportermessage", "created_on"),
        ("cases_evidencefile", "added_on"),
    ):
        values = stored(table, column)
        assert values, table
        assert all(A_DAY.match(value) for value in values), (table, values)
    for model, field in (
        (Case, "opened_on"),
        (Report, "submitted_on"),
        (ReporterMessage, "created_on"),
        (ReporterMessage, "read_on"),
        (EvidenceFile, "added_on"),
    ):
        assert model._meta.get_field(field).get_internal_type() == "DateField"
    assert not {"opened_at", "submitted_at"} & {f.name for f in Case._meta.get_fields()}
    # Nobody on staff has changed the case: it has no "last changed" time to give away.
    assert stored("cases_case", "updated_at") == ["None"]


def test_the_audit_rows_about_the_reporters_actions_keep_their_day_only(filed_and_replied):
    today = timezone.localdate()
    by_reporter = AuditEvent.objects.filter(actor_kind=ActorKind.REPORTER)

    assert set(by_reporter.values_list("action", flat=True)) == {
        "report.submitted",
        "message.received_from_reporter",
        "evidence.added_by_reporter",
    }
    assert set(by_reporter.values_list("at", flat=True)) == {None}
    assert set(by_reporter.values_list("on", flat=True)) == {today}
    # The officer's own message keeps its time: it says nothing about the reporter.
    sent = AuditEvent.objects.get(action="message.sent_to_reporter")
    assert sent.at is not None
    assert sent.on == today


def test_two_reports_of_one_day_keep_the_order_they_arrived_in():
    school = SchoolFactory()
    first = submit_report(school=school)
    second = submit_report(school=school)

    assert first.case.opened_on == second.case.opened_on == timezone.localdate()
    assert second.case.sequence > first.case.sequence
    assert second.report.sequence > first.report.sequence
    assert list(
        Case.objects.filter(district=school.district).order_by("opened_on", "sequence")
    ) == [
        first.case,
        second.case,
    ]


def test_a_thread_of_one_day_reads_in_the_order_it_was_written():
    result = submit_report()
    officer = staff_user(district=result.case.district)
    bodies = ["First reply.", "A question from the officer.", "Second reply."]
    record_reporter_message(report=result.report, body=bodies[0])
    send_message_to_reporter(report=result.report, body=bodies[1], author=officer)
    record_reporter_message(report=result.report, body=bodies[2])

    thread = list(ReporterMessage.objects.filter(report=result.report))

    assert [message.body for message in thread] == bodies
    assert [message.sequence for message in thread] == [1, 2, 3]
    assert {message.created_on for message in thread} == {timezone.localdate()}


def test_the_day_is_the_districts_day_not_utcs(settings):
    """Honolulu and Kiritimati are 24 hours apart: at any instant their days differ by one.
    A day taken in UTC would equal one of them, or neither, but never both."""
    settings.TIME_ZONE = "Pacific/Honolulu"
    behind = submit_report().case.opened_on
    settings.TIME_ZONE = "Pacific/Kiritimati"
    ahead = submit_report().case.opened_on

    assert (ahead - behind).days == 1


def test_deadlines_still_count_school_days_from_the_arrival_day(filed_and_replied):
    case = filed_and_replied.case

    assert isinstance(case.opened_on, date)
    assert case.acknowledge_due == acknowledge_due(district=case.district, opened_on=case.opened_on)
    assert case.investigation_due == investigation_due(
        district=case.district, opened_on=case.opened_on
    )
