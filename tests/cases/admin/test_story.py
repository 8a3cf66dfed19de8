"""Done when: a demo officer takes a seeded report from new to closed, and the reporter,
checking with the receipt, sees every step."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cases.demo import seed_organisation, seed_staff
from cases.models import Case, School
from cases.selectors.reporter import report_for_receipt, reporter_view
from cases.services.messages import record_reporter_message
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _reporter_sees(receipt: str):
    return reporter_view(report_for_receipt(receipt))


def test_a_demo_officer_takes_a_report_from_new_to_closed(client):
    seed_organisation()
    seed_staff(set_passwords=False)
    officer = get_user_model().objects.get(username="officer.northvale")
    cedar = School.objects.get(slug="cedar-elementary")
    intake = submit_report(school=cedar, narrative="Kids wrote a slur on my daughter's locker.")
    case, receipt = intake.case, intake.receipt
    detail = reverse("cases_admin:detail", args=[case.pk])

    def act(name, data, **kwargs):
        url = reverse(f"cases_admin:{name}", kwargs={"case_id": case.pk, **kwargs})
        # The forms carry the version of the page the officer has open: the current one.
        response = client.post(url, {**data, "version": Case.objects.get(pk=case.pk).version})
        assert response.status_code == 302, response.content.decode()[:500]

    login_staff(client, officer)
    assert str(_reporter_sees(receipt).status.label) == "Received"

    queue = client.get(reverse("cases_admin:queue")).content.decode()
    assert case.number in queue
    assert "slur on my daughter" in client.get(detail).content.decode()

    act("change_status", {"to_status": "triage"})
    assert str(_reporter_sees(receipt).status.label) == "Being reviewed"

    act("assign", {"assignee": officer.pk})
    act(
        "send_message",
        {"body": "We are sorry this happened. Which days did you see it?"},
        report_id=intake.report.pk,
    )
    seen = _reporter_sees(receipt)
    assert [m.body for m in seen.messages] == [
        "We are sorry this happened. Which days did you see it?"
    ]
    assert seen.unread_count == 1

    record_reporter_message(report=intake.report, body="Tuesday and Wednesday.")
    page = client.get(detail).content.decode()
    assert "Tuesday and Wednesday." in page
    assert "New reply" in page

    act("change_status", {"to_status": "investigating"})
    assert str(_reporter_sees(receipt).status.label) == "Under investigation"

    act(
        "findings",
        {"findings": "The graffiti was confirmed.", "actions_taken": "Locker cleaned; assembly."},
    )
    act("change_status", {"to_status": "finding_issued"})
    assert str(_reporter_sees(receipt).status.label) == "Decision made"

    act("change_status", {"to_status": "closed"})
    assert str(_reporter_sees(receipt).status.label) == "Closed"

    case.refresh_from_db()
    assert (case.status, case.assignee, case.findings) == (
        "closed",
        officer,
        "The graffiti was confirmed.",
    )
    timeline = [entry.label for entry in client.get(detail).context["timeline"]]
    for step in (
        "Report submitted",
        "Status changed",
        "Assignment changed",
        "Message sent to the reporter",
        "Message received from the reporter",
        "Findings and actions recorded",
    ):
        assert step in timeline
