"""Every case service that writes on a staff member's behalf checks that person itself: called
directly, as a view that forgot its lookup would, it refuses anyone without a role on the case
and writes nothing. The same call by an officer of the case goes through."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases.models import AuditEvent, Case, CaseNote, Priority, Report, ReporterMessage
from cases.services.assignment import bulk_assign_cases
from cases.services.disclosure import record_evidence_download, record_narrative_views
from cases.services.intake import open_case_from_report
from cases.services.merge import merge_cases
from cases.services.messages import (
    mark_replies_read,
    record_reporter_message,
    send_message_to_reporter,
)
from cases.services.workflow import (
    add_case_note,
    assign_case,
    bulk_set_case_priority,
    change_case_status,
    record_findings,
    set_case_priority,
    set_legal_hold,
)
from jobs.models import OutboxMessage
from tests.factories import (
    SchoolFactory,
    UserFactory,
    report_submission,
    staff_user,
    submit_report,
)
from transfers.models import TransferReason, TransferRequest
from transfers.services import start_transfer_from_case

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


class World:
    def __init__(self):
        self.school = SchoolFactory()
        self.officer = staff_user(school=self.school)
        intake = submit_report(school=self.school, evidence=[_png()])
        self.case, self.report = intake.case, intake.report
        self.evidence = self.report.evidence.get()
        self.other = submit_report(school=self.school).case
        record_reporter_message(report=self.report, body="Is anyone reading this?")
        self.receiving = SchoolFactory()
        # No role on the case: another district's officer, an officer of another school of
        # the same district, and a user with no role at all.
        self.strangers = {
            "other district": staff_user(),
            "other school": staff_user(school=SchoolFactory(district=self.school.district)),
            "no role": UserFactory(),
        }


CALLS = {
    "change_case_status": lambda w, actor: change_case_status(
        case=w.case, to_status="triage", actor=actor, expected_version=w.case.version
    ),
    "assign_case": lambda w, actor: assign_case(
        case=w.case, assignee=w.officer, actor=actor, expected_version=w.case.version
    ),
    "set_case_priority": lambda w, actor: set_case_priority(
        case=w.case, priority=Priority.URGENT, actor=actor, expected_version=w.case.version
    ),
    "add_case_note": lambda w, actor: add_case_note(case=w.case, body="Called.", author=actor),
    "record_findings": lambda w, actor: record_findings(
        case=w.case,
        findings="Substantiated.",
        actions_taken="Training.",
        actor=actor,
        expected_version=w.case.version,
    ),
    "set_legal_hold": lambda w, actor: set_legal_hold(
        case=w.case, on=True, actor=actor, expected_version=w.case.version
    ),
    "merge_cases": lambda w, actor: merge_cases(
        target=w.case, sources=[w.other], actor=actor, expected_version=w.case.version
    ),
    "bulk_assign_cases": lambda w, actor: bulk_assign_cases(
        cases=[w.case], assignee=w.officer, actor=actor
    ),
    "bulk_set_case_priority": lambda w, actor: bulk_set_case_priority(
        cases=[w.case], priority=Priority.HIGH, actor=actor
    ),
    "send_message_to_reporter": lambda w, actor: send_message_to_reporter(
        report=w.report, body="Which day was it?", author=actor
    ),
    "mark_replies_read": lambda w, actor: mark_replies_read(case=w.case, reader=actor),
    "record_narrative_views": lambda w, actor: record_narrative_views(
        case=w.case, reports=[w.report], actor=actor
    ),
    "record_evidence_download": lambda w, actor: record_evidence_download(
        case=w.case, evidence=w.evidence, actor=actor
    ),
    "start_transfer_from_case": lambda w, actor: start_transfer_from_case(
        case=w.case,
        actor=actor,
        receiving_district=w.receiving.district,
        receiving_school=w.receiving,
        student_reference="STU-1",
        reason_category=TransferReason.DISCRIMINATION,
    ),
    "open_case_from_report (staff entry)": lambda w, actor: open_case_from_report(
        submission=report_submission(school=w.school, channel="phone"), entered_by=actor
    ),
}
# The bulk assignment keeps its all-or-nothing "not found" for the whole selection.
REFUSALS = {"bulk_assign_cases": ValidationError}


def _everything(world: World) -> tuple:
    """What any of these services could write."""
    return (
        [Case.objects.values().get(pk=pk) for pk in (world.case.pk, world.other.pk)],
        Case.objects.count(),
        Report.objects.count(),
        AuditEvent.objects.count(),
        CaseNote.objects.count(),
        list(ReporterMessage.objects.order_by("pk").values_list("pk", "read_on")),
        OutboxMessage.objects.count(),
        TransferRequest.objects.count(),
    )


@pytest.mark.parametrize("name", CALLS)
def test_a_user_without_a_role_on_the_case_is_refused_and_nothing_is_written(name):
    world = World()
    call = CALLS[name]
    before = _everything(world)

    for who, stranger in world.strangers.items():
        with pytest.raises(REFUSALS.get(name, PermissionDenied)):
            call(world, stranger)
        assert _everything(world) == before, who

    call(world, world.officer)  # the same call by an officer of the case goes through
    assert _everything(world) != before
