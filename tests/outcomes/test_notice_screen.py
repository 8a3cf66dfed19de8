"""The officer's outcome notice page, the case page's "Outcome and check-ins" section and the
queue's "Retaliation follow-up" flag."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, CaseStatus
from outcomes.models import NoticeTemplate, OutcomeNotice
from outcomes.services import answer_check_in
from tests.factories import submit_report
from tests.outcomes.helpers import NOTICE, ask_first_check_in, close_with_notice, in_triage
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _notice_url(case) -> str:
    return reverse("outcomes_admin:notice", args=[case.pk])


def test_the_officer_closes_the_case_with_a_notice_from_the_case_page(client, world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)
    login_staff(client, officer)

    case_page = client.get(reverse("cases_admin:detail", args=[case.pk])).content.decode()
    assert "Close with an outcome notice" in case_page
    form = client.get(_notice_url(case))
    assert form.status_code == 200
    assert "Office for Civil Rights" in form.content.decode()  # what is added after the text

    response = client.post(
        _notice_url(case), {"version": case.version, "language": "en", "body": NOTICE}
    )

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).status == CaseStatus.CLOSED
    page = client.get(response["Location"]).content.decode()
    assert "The case is closed and the reporter can read the outcome." in page
    assert "counselor" in page  # the notice, on the case page
    assert "30 days after closure" in page


def test_a_district_wording_fills_the_text_without_javascript(client, world):
    wording = NoticeTemplate.objects.create(
        district=world.district,
        language="es",
        kind="outcome",
        name="No comprobado",
        body="No pudimos confirmar lo que pasó.",
    )
    login_staff(client, world.staff["equity_officer"])

    page = client.get(_notice_url(world.case)).content.decode()
    assert "No comprobado" in page
    chosen = client.get(_notice_url(world.case), {"wording": wording.pk})

    assert chosen.context["form"].initial == {
        "language": "es",
        "body": "No pudimos confirmar lo que pasó.",
    }


def test_a_refused_close_keeps_what_was_typed(client, world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)
    login_staff(client, officer)

    response = client.post(
        _notice_url(case), {"version": case.version - 1, "language": "en", "body": "Typed text"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this case" in page
    assert "Typed text" in page
    assert not OutcomeNotice.objects.exists()


def test_an_empty_notice_says_what_to_write(client, world):
    officer = world.staff["equity_officer"]
    case = in_triage(world.case, officer)
    login_staff(client, officer)

    response = client.post(_notice_url(case), {"version": case.version, "language": "en"})

    assert response.status_code == 400
    assert "Write the outcome in plain words" in response.content.decode()


@pytest.mark.parametrize(
    "role", ["other_district_officer", "school_officer_other_school", "district_admin"]
)
def test_anyone_who_does_not_handle_the_case_gets_404(client, world, role):
    login_staff(client, world.staff[role])

    assert client.get(_notice_url(world.case)).status_code == 404
    assert client.post(_notice_url(world.case), {"body": "x"}).status_code == 404
    assert not OutcomeNotice.objects.exists()


def test_a_yes_shows_flagged_in_the_queue_with_the_answer_on_the_case(client, world):
    officer = world.staff["equity_officer"]
    close_with_notice(world.case, officer)
    check_in = ask_first_check_in(world.case)
    answer_check_in(
        report=world.report, check_in_id=check_in.pk, happened=True, details="Pushed at recess"
    )
    login_staff(client, officer)

    queue = client.get(reverse("cases_admin:queue")).content.decode()
    assert "Retaliation follow-up" in queue
    case_page = client.get(reverse("cases_admin:detail", args=[world.case.pk])).content.decode()
    assert "Yes, something happened" in case_page
    assert "Pushed at recess" in case_page


def _queue_queries(client, size: int) -> int:
    client.get(reverse("cases_admin:queue"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases_admin:queue"), {"per_page": size})
    assert len(response.context["cases"]) == size
    return len(queries)


def test_flagged_cases_keep_the_queue_at_a_constant_number_of_queries(client, world):
    login_staff(client, world.staff["equity_officer"])
    for _ in range(9):
        submit_report(school=world.school)
    Case.objects.update(retaliation_follow_up=True)
    at_ten = _queue_queries(client, 10)

    for _ in range(15):
        submit_report(school=world.school)
    Case.objects.update(retaliation_follow_up=True)
    at_twenty_five = _queue_queries(client, 25)

    assert at_ten == at_twenty_five
