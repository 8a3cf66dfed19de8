"""The officer's case queue: filters, sorting, overdue badges, unread replies, bulk assign."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from cases.models import AuditEvent, Case
from cases.services.messages import record_reporter_message
from cases.services.workflow import assign_case, change_case_status
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/"


def _numbers(response) -> list[str]:
    return [case.number for case in response.context["cases"]]


def _fill_queue(world, count: int) -> None:
    """Cases spread over schools, assignees, bases, with replies: every relation a row shows."""
    officer = world.staff["equity_officer"]
    for index in range(count):
        school = world.school if index % 2 else world.other_school
        intake = submit_report(
            school=school, bias_basis_codes=["race", "religion"] if index % 3 else ["disability"]
        )
        if index % 2:
            assign_case(case=intake.case, assignee=officer, actor=officer, expected_version=1)
        if index % 4 == 0:
            record_reporter_message(report=intake.report, body="Any news about my report?")


def _queries_for_page(client, size: int) -> int:
    client.get(QUEUE)  # warm per-process caches (content types) so only the page is measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, {"per_page": size})
    assert response.status_code == 200
    assert len(response.context["cases"]) == size
    return len(queries)


def test_the_queue_runs_the_same_number_of_queries_for_10_and_100_cases(client, world):
    login_staff(client, world.staff["equity_officer"])
    _fill_queue(world, 9)  # plus the world's own case: 10
    at_ten = _queries_for_page(client, 10)

    _fill_queue(world, 90)
    at_hundred = _queries_for_page(client, 100)

    assert at_ten == at_hundred


def test_a_life_safety_case_comes_first_and_shows_the_badge(client, world):
    login_staff(client, world.staff["equity_officer"])
    urgent = submit_report(school=world.school, narrative="He said he will bring a gun tomorrow.")

    response = client.get(QUEUE, {"sort": "newest"})

    assert _numbers(response)[0] == urgent.case.number
    assert "Possible imminent harm" in response.content.decode()


def test_overdue_cases_are_flagged_and_can_be_filtered(client, world):
    login_staff(client, world.staff["equity_officer"])
    late = submit_report(school=world.school).case
    Case.objects.filter(pk=late.pk).update(acknowledge_due=timezone.localdate() - timedelta(days=1))

    everything = client.get(QUEUE)
    overdue_only = client.get(QUEUE, {"overdue": "on"})

    assert "Overdue" in everything.content.decode()
    assert _numbers(overdue_only) == [late.number]


def test_filters_narrow_the_queue_by_status_school_basis_type_assignee_and_date(client, world):
    officer = world.staff["equity_officer"]
    login_staff(client, officer)
    other = submit_report(
        school=world.other_school, bias_basis_codes=["religion"], incident_type_codes=["exclusion"]
    ).case
    other = change_case_status(
        case=other, to_status="triage", actor=officer, expected_version=other.version
    )
    assign_case(case=other, assignee=officer, actor=officer, expected_version=other.version)
    today = timezone.localdate().isoformat()

    assert _numbers(client.get(QUEUE, {"status": "triage"})) == [other.number]
    assert _numbers(client.get(QUEUE, {"school": world.school.pk})) == [world.case.number]
    religion = other.bias_bases.get()
    assert _numbers(client.get(QUEUE, {"basis": religion.pk})) == [other.number]
    exclusion = other.incident_types.get()
    assert _numbers(client.get(QUEUE, {"incident_type": exclusion.pk})) == [other.number]
    assert _numbers(client.get(QUEUE, {"assignee": officer.pk})) == [other.number]
    assert _numbers(client.get(QUEUE, {"assignee": "null"})) == [world.case.number]
    assert len(_numbers(client.get(QUEUE, {"opened_after": today, "opened_before": today}))) == 2
    assert _numbers(client.get(QUEUE, {"opened_before": "2000-01-01"})) == []


def test_malformed_filters_show_a_message_and_keep_what_was_typed(client, world):
    login_staff(client, world.staff["equity_officer"])

    response = client.get(
        QUEUE, {"opened_after": "next tuesday", "school": "x", "page": "zz"}, follow=True
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters could not be used" in page
    assert 'value="next tuesday"' in page


def test_a_school_level_officer_only_sees_that_schools_cases(client, world):
    submit_report(school=world.other_school)
    login_staff(client, world.staff["school_officer_same_school"])

    response = client.get(QUEUE)

    assert _numbers(response) == [world.case.number]
    school_choices = list(response.context["filterset"].filters["school"].queryset)
    assert school_choices == [world.school]


def test_each_row_names_the_reports_bias_bases_and_incident_types(client, world):
    login_staff(client, world.staff["equity_officer"])
    case = submit_report(
        school=world.school,
        bias_basis_codes=["religion", "race"],
        incident_type_codes=["exclusion"],
    ).case

    response = client.get(QUEUE)

    row = next(r for r in response.context["cases"] if r.pk == case.pk)
    bases = ", ".join(b.label for b in case.bias_bases.order_by("order", "code"))
    assert row.basis_labels == bases
    assert "," in bases
    assert row.type_labels == case.incident_types.get().label
    html = response.content.decode()
    assert "Bias basis" in html
    assert bases in html


def test_unread_replies_show_in_the_queue(client, world):
    login_staff(client, world.staff["equity_officer"])
    record_reporter_message(report=world.report, body="I have more to tell you.")

    response = client.get(QUEUE)

    assert "1 unread reply" in response.content.decode()


def _bulk_url(action: str, *cases, **params) -> str:
    query = urlencode([*(("id", case.pk) for case in cases), *params.items()])
    return f"{reverse('wagtail_bulk_action', args=['cases', 'case', action])}?{query}"


def test_every_row_has_a_checkbox_and_the_bulk_actions_are_offered(client, world):
    login_staff(client, world.staff["equity_officer"])

    page = client.get(QUEUE).content.decode()

    assert f'data-object-id="{world.case.pk}"' in page
    assert "data-bulk-action-checkbox" in page
    assert "/admin/bulk/cases/case/assign/" in page
    assert "/admin/bulk/cases/case/set_priority/" in page


def test_bulk_assign_asks_to_confirm_then_assigns_every_selected_case(client, world):
    officer, colleague = world.staff["equity_officer"], world.staff["title_ix"]
    login_staff(client, officer)
    second = submit_report(school=world.other_school).case
    url = _bulk_url("assign", world.case, second, next=f"{QUEUE}?sort=newest")

    confirm = client.get(url).content.decode()
    response = client.post(url, {"assignee": colleague.pk})

    assert world.case.number in confirm
    assert second.number in confirm
    assert "mocked my son" not in confirm
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?sort=newest"
    assert set(Case.objects.values_list("assignee", flat=True)) == {colleague.pk}
    events = AuditEvent.objects.filter(action="case.assigned", actor=officer)
    assert {event.target_id for event in events} == {str(world.case.pk), str(second.pk)}


def test_bulk_assign_to_someone_who_cannot_handle_a_case_assigns_nothing(client, world):
    login_staff(client, world.staff["equity_officer"])
    lakeview_only = world.staff["school_officer_other_school"]

    response = client.post(
        _bulk_url("assign", world.case, next=QUEUE), {"assignee": lakeview_only.pk}, follow=True
    )

    assert "cannot handle case(s)" in response.content.decode()
    assert Case.objects.get(pk=world.case.pk).assignee is None


def test_bulk_assign_without_a_person_says_so(client, world):
    login_staff(client, world.staff["equity_officer"])
    response = client.post(_bulk_url("assign", world.case), {})
    assert "Choose who to assign the cases to." in response.content.decode()
    assert Case.objects.get(pk=world.case.pk).assignee is None


def test_bulk_set_priority_sets_each_case_and_audits_each(client, world):
    officer = world.staff["equity_officer"]
    login_staff(client, officer)
    second = submit_report(school=world.other_school).case

    response = client.post(
        _bulk_url("set_priority", world.case, second, next=QUEUE), {"priority": "3"}
    )

    assert response["Location"] == QUEUE
    assert set(Case.objects.values_list("priority", flat=True)) == {3}
    events = AuditEvent.objects.filter(action="case.priority_changed", actor=officer)
    assert {event.target_id for event in events} == {str(world.case.pk), str(second.pk)}
    assert "2 cases set to priority" in client.get(QUEUE).content.decode()


def test_select_all_acts_on_the_filtered_queue_only(client, world):
    login_staff(client, world.staff["equity_officer"])
    elsewhere = submit_report(school=world.other_school).case

    client.post(_bulk_url("set_priority", school=world.school.pk) + "&id=all", {"priority": "3"})

    assert Case.objects.get(pk=world.case.pk).priority == 3
    assert Case.objects.get(pk=elsewhere.pk).priority != 3
