"""An existing database keeps the day of each reporter action and loses its time
(cases migration 0010). The day is the district's, not UTC's: a report sent at 17:30 in
Los Angeles on 1 March is 01:30 UTC on 2 March, and belongs to 1 March."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection

from cases.models import MessageDirection, ReporterMessage
from cases.services.audit import record_audit_event
from cases.services.messages import record_reporter_message
from tests.factories import UserFactory, submit_report
from tests.migrations.executor import migrate

BEFORE = [("cases", "0009_case_version")]
AFTER = [("cases", "0010_arrival_days")]
EVENING_IN_LOS_ANGELES = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 17:30 on 1 March there
LATER_THAT_EVENING = datetime(2026, 3, 2, 4, 45, 12, 345678, tzinfo=UTC)  # 20:45 there


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("latest_schema_afterwards")
def test_existing_rows_keep_their_local_day_and_their_order_and_lose_the_time(settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    first = submit_report()
    second = submit_report(school=first.case.school)
    # Written as rows, not through the officer's service: its object-permission check reads
    # content types that the earlier transactional tests' flushes leave stale in the cache.
    officer = UserFactory()
    sent = ReporterMessage.objects.create(
        report=first.report, direction=MessageDirection.TO_REPORTER, author=officer, body="Which?"
    )
    record_audit_event(
        action="message.sent_to_reporter",
        actor=officer,
        target=first.case,
        district=first.case.district,
        detail={"message": str(sent.pk)},
    )
    record_reporter_message(report=first.report, body="Second lunch.")

    old = migrate(BEFORE)
    Case, Report = old.get_model("cases", "Case"), old.get_model("cases", "Report")
    Message, Audit = old.get_model("cases", "ReporterMessage"), old.get_model("cases", "AuditEvent")
    # The second report arrived first, in the evening of 1 March (Los Angeles).
    Case.objects.filter(pk=second.case.pk).update(opened_at=EVENING_IN_LOS_ANGELES)
    Report.objects.filter(pk=second.report.pk).update(submitted_at=EVENING_IN_LOS_ANGELES)
    Case.objects.filter(pk=first.case.pk).update(opened_at=LATER_THAT_EVENING)
    Report.objects.filter(pk=first.report.pk).update(submitted_at=LATER_THAT_EVENING)
    Message.objects.filter(direction="to_reporter").update(created_at=EVENING_IN_LOS_ANGELES)
    Message.objects.filter(direction="from_reporter").update(
        created_at=LATER_THAT_EVENING, read_at=LATER_THAT_EVENING
    )
    Audit.objects.update(at=LATER_THAT_EVENING)

    new = migrate(AFTER)
    Case, Report = new.get_model("cases", "Case"), new.get_model("cases", "Report")
    Message, Audit = new.get_model("cases", "ReporterMessage"), new.get_model("cases", "AuditEvent")

    first_of_march = date(2026, 3, 1)
    cases = Case.objects.filter(pk__in=[first.case.pk, second.case.pk])
    assert set(cases.values_list("updated_at", flat=True)) == {None}
    assert set(cases.values_list("opened_on", flat=True)) == {first_of_march}
    assert list(cases.order_by("opened_on", "sequence").values_list("pk", flat=True)) == [
        second.case.pk,
        first.case.pk,
    ]
    reports = Report.objects.order_by("submitted_on", "sequence")
    assert list(reports.values_list("pk", "submitted_on")) == [
        (second.report.pk, first_of_march),
        (first.report.pk, first_of_march),
    ]
    thread = Message.objects.order_by("created_on", "sequence")
    assert list(thread.values_list("direction", "created_on", "sequence")) == [
        ("to_reporter", first_of_march, 1),
        ("from_reporter", first_of_march, 2),
    ]
    assert Message.objects.get(direction="from_reporter").read_on == first_of_march
    by_reporter = Audit.objects.filter(actor_kind="reporter")
    assert by_reporter.exists()
    assert set(by_reporter.values_list("at", "on")) == {(None, first_of_march)}
    by_staff = Audit.objects.get(action="message.sent_to_reporter")
    assert (by_staff.at, by_staff.on) == (LATER_THAT_EVENING, first_of_march)
    with connection.cursor() as cursor:
        for table, column in (
            ("cases_case", "opened_at"),
            ("cases_report", "submitted_at"),
            ("cases_reportermessage", "created_at"),
            ("cases_evidencefile", "added_at"),
            ("cases_purgedcase", "opened_at"),
        ):
            described = connection.introspection.get_table_description(cursor, table)
            assert column not in {c.name for c in described}, table
