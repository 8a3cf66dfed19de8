"""Conflicts of interest (issue 18 point 3), as the officers involved live them.

A report saying school staff may be involved stays at district level: the school's own
officers never reach it, by any path. An officer who declares a conflict on a case loses it
at once, everywhere, even with a district role; a district-level officer sees the
declaration and reassigns the case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from cases.models import AuditEvent, Case, ConflictDeclaration
from cases.roles import Role
from cases.selectors.queue import case_queue
from cases.selectors.staff import handlers_for_case
from cases.services.conflicts import declare_conflict
from cases.services.merge import merge_cases
from tests.api.client import ApiClient, token_for
from tests.factories import staff_user, submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

REASON = "Riley Stone is my nephew."


def _about_a_teacher(world, answer="yes"):
    return submit_report(
        school=world.school,
        narrative="The coach keeps making jokes about my religion in front of the team.",
        staff_involved=answer,
    ).case


def _urls(case):
    evidence = case.reports.get().evidence.first()
    urls = [reverse("cases_admin:detail", args=[case.pk])]
    if evidence:
        urls.append(reverse("cases_admin:evidence_download", args=[case.pk, evidence.pk]))
    return urls


def _sees(client, world, user, case) -> bool:
    """Whether `user` reaches `case` by the case page, the queue, the search box and the API;
    the paths must agree, or the test fails."""
    login_staff(client, user)
    link = reverse("cases_admin:detail", args=[case.pk])
    page = client.get(link).status_code == 200
    queue = client.get(reverse("cases_admin:queue")).content.decode()
    searched = client.get(reverse("cases_admin:queue"), {"q": case.number}).content.decode()
    api = ApiClient(client, token_for(user))
    by_id = api.get(f"/api/staff/cases/{case.pk}").status_code == 200
    listed = str(case.pk) in api.get("/api/staff/cases").content.decode()
    seen = {page, link in queue, link in searched, by_id, listed}
    assert len(seen) == 1, f"the paths disagree for {user}: {seen}"
    return seen.pop()


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_a_report_about_school_staff_reaches_only_district_officers(client, world, answer):
    case = _about_a_teacher(world, answer)

    assert case.district_only
    assert not _sees(client, world, world.staff["school_officer_same_school"], case)
    assert _sees(client, world, world.staff["equity_officer"], case)
    page = client.get(reverse("cases_admin:detail", args=[case.pk])).content.decode()
    assert "School staff involved" in page
    assert "District level only" in page


def test_a_report_saying_no_staff_is_involved_stays_with_the_school(client, world):
    case = _about_a_teacher(world, "no")

    assert not case.district_only
    assert _sees(client, world, world.staff["school_officer_same_school"], case)


def test_the_school_officer_is_neither_offered_nor_accepted_as_assignee(client, world):
    case = _about_a_teacher(world)
    school_officer = world.staff["school_officer_same_school"]

    assert school_officer not in handlers_for_case(case=case)
    login_staff(client, world.staff["equity_officer"])
    client.post(
        reverse("cases_admin:assign", args=[case.pk]),
        {"assignee": school_officer.pk, "version": case.version},
    )
    assert Case.objects.get(pk=case.pk).assignee_id is None


def test_merging_into_a_school_case_keeps_it_at_district_level(world):
    officer = world.staff["equity_officer"]
    staff_case = _about_a_teacher(world)

    merged = merge_cases(target=world.case, sources=[staff_case], actor=officer, expected_version=1)

    assert merged.district_only
    assert not case_queue(
        user=world.staff["school_officer_same_school"], today=timezone.localdate()
    ).filter(pk=world.case.pk)


def test_an_officer_who_declares_a_conflict_loses_the_case_at_once(client, world):
    officer = world.staff["equity_officer"]
    login_staff(client, world.staff["title_ix"])
    client.post(
        reverse("cases_admin:assign", args=[world.case.pk]),
        {"assignee": officer.pk, "version": world.case.version},
    )
    login_staff(client, officer)

    response = client.post(
        reverse("cases_admin:declare_conflict", args=[world.case.pk]), {"reason": REASON}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases_admin:queue")
    case = Case.objects.get(pk=world.case.pk)
    assert case.assignee_id is None
    for url in _urls(case):
        assert client.get(url).status_code == 404, url
    assert not _sees(client, world, officer, case)
    assert officer not in handlers_for_case(case=case)


def test_the_declaration_is_audited_without_its_reason(world):
    officer = world.staff["school_officer_same_school"]

    declaration = declare_conflict(case=world.case, officer=officer, reason=REASON)

    event = AuditEvent.objects.get(action="case.conflict_declared")
    assert (event.actor_id, event.target_id) == (officer.pk, str(world.case.pk))
    assert "nephew" not in str(event.detail)
    assert declaration.reason == REASON  # sealed at rest: tests/security/test_no_plaintext.py


def test_a_conflict_needs_a_reason_and_access_to_the_case(world):
    with pytest.raises(ValidationError):
        declare_conflict(case=world.case, officer=world.staff["equity_officer"], reason="  ")
    with pytest.raises(PermissionDenied):
        declare_conflict(
            case=world.case, officer=world.staff["other_district_officer"], reason=REASON
        )
    assert not ConflictDeclaration.objects.exists()


def test_a_district_officer_sees_the_declaration_and_reassigns_the_case(client, world):
    colleague = staff_user(role=Role.EQUITY_OFFICER, district=world.district, username="second")
    declare_conflict(case=world.case, officer=world.staff["title_ix"], reason=REASON)

    login_staff(client, world.staff["school_officer_same_school"])
    school_page = client.get(reverse("cases_admin:detail", args=[world.case.pk])).content.decode()
    assert "nephew" not in school_page

    login_staff(client, world.staff["equity_officer"])
    page = client.get(reverse("cases_admin:detail", args=[world.case.pk])).content.decode()
    assert "nephew" in page
    assert "declared a conflict" in page
    client.post(
        reverse("cases_admin:assign", args=[world.case.pk]),
        {"assignee": colleague.pk, "version": Case.objects.get(pk=world.case.pk).version},
    )
    assert Case.objects.get(pk=world.case.pk).assignee_id == colleague.pk
