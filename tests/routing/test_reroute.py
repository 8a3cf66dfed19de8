"""Routing at intake and on demand: who gets the case, what the audit trail says, and that a
retry never undoes an officer's choice. The rules are those of tests/routing/world.py."""

import pytest
from django.urls import reverse

from cases.models import AuditEvent, Case, DigestFrequency, Priority, StaffPreference
from cases.models.audit import ActorKind
from cases.services.workflow import assign_case
from jobs.models import OutboxMessage
from routing.models import CaseWatcher, RoutingRule
from routing.services import apply_rules_to_new_case
from tests.factories import SchoolFactory, submit_report
from tests.routing.world import routing_world
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return routing_world()


def _reroute(client, case, version=None):
    return client.post(
        reverse("routing_admin:reroute", args=[case.pk]),
        {"version": case.version if version is None else version},
    )


def test_a_new_report_is_routed_by_the_system_and_its_timeline_says_by_which_rule(
    client, world, run_on_commit, mailoutbox
):
    with run_on_commit():
        case = submit_report(school=world.places.school, bias_basis_codes=["sex"]).case
    case.refresh_from_db()

    assert case.assignee == world.titleix
    assert case.priority == Priority.HIGH
    event = AuditEvent.objects.get(action="case.routed", target_id=str(case.pk))
    assert event.actor_kind == ActorKind.SYSTEM
    assert event.detail["rule"] == world.rules["Sex-based reports"].pk
    assert "titleix@example.org" in {email.to[0] for email in mailoutbox}
    login_staff(client, world.titleix)
    page = client.get(reverse("cases_admin:detail", args=[case.pk])).content.decode()
    assert "Routed by the rule “Sex-based reports”" in page
    assert "at intake" in page
    assert "Routed by a routing rule" in page  # the timeline


def test_routing_waits_for_the_new_report_delay(world, settings, run_on_commit):
    """Its audit time and the assignee's email would otherwise date the report."""
    settings.NEW_REPORT_NOTIFY_DELAY_SECONDS = 600
    with run_on_commit():
        case = submit_report(school=world.places.school).case

    job = OutboxMessage.objects.get(topic="routing.route_new_case")
    assert (job.next_attempt_at - job.created_at).total_seconds() > 599
    assert Case.objects.get(pk=case.pk).assignee is None


def test_a_retry_never_undoes_an_officers_assignment(world):
    case = submit_report(school=world.places.school).case  # its jobs are not run
    assign_case(
        case=case,
        assignee=world.team_b,
        actor=world.places.officer,
        expected_version=case.version,
    )

    apply_rules_to_new_case({"case": str(case.pk), "district": case.district_id})
    apply_rules_to_new_case({"case": str(case.pk), "district": case.district_id})

    case.refresh_from_db()
    assert case.assignee == world.team_b
    assert not AuditEvent.objects.filter(action="case.routed").exists()


def test_a_team_rule_picks_the_member_with_the_fewest_open_cases(world, run_on_commit):
    for _ in range(2):
        busy = submit_report(school=world.places.school).case
        assign_case(
            case=busy, assignee=world.team_a, actor=world.places.officer, expected_version=1
        )

    with run_on_commit():
        case = submit_report(school=world.places.school, channel="phone").case

    assert Case.objects.get(pk=case.pk).assignee == world.team_b


def test_watchers_follow_the_case_and_a_digest_reader_hears_of_it_at_once(
    world, run_on_commit, mailoutbox
):
    rule = world.rules["Sex-based reports"]
    rule.watchers.set([world.team_a, world.team_b])
    StaffPreference.objects.create(user=world.team_b, digest=DigestFrequency.DAILY)

    with run_on_commit():
        case = submit_report(school=world.places.school, bias_basis_codes=["sex"]).case

    watchers = CaseWatcher.objects.filter(case=case)
    assert {w.user.username for w in watchers} == {"team.a", "team.b"}
    new_report = [email.to[0] for email in mailoutbox if "New report" in email.subject]
    assert new_report.count("team.b@example.org") == 1  # daily reader: told by routing
    assert new_report.count("team.a@example.org") == 1  # every-report reader: told once


def test_an_officer_re_routes_a_case_after_the_rules_changed(client, world, run_on_commit):
    with run_on_commit():
        case = submit_report(school=world.places.school).case
    case.refresh_from_db()
    assert case.assignee == world.places.officer
    RoutingRule.objects.filter(name="Default").update(assignee=world.titleix, priority=3)
    login_staff(client, world.places.officer)

    response = _reroute(client, case)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee == world.titleix
    assert case.priority == Priority.HIGH
    event = AuditEvent.objects.filter(action="case.routed").first()
    assert event.actor == world.places.officer
    page = client.get(response["Location"]).content.decode()
    assert "Routed by the rule “Default”: assigned to titleix, priority High." in page


def test_a_stale_re_route_changes_nothing_and_says_so(client, world, run_on_commit):
    with run_on_commit():
        case = submit_report(school=world.places.school).case
    case.refresh_from_db()
    old_version = case.version
    assign_case(
        case=case, assignee=world.team_a, actor=world.places.officer, expected_version=old_version
    )
    login_staff(client, world.places.officer)

    response = _reroute(client, case, version=old_version)

    assert response.status_code == 409
    assert "Someone else saved this case while you were looking." in response.content.decode()
    assert Case.objects.get(pk=case.pk).assignee == world.team_a


def test_re_routing_when_no_rule_matches_is_refused_in_words(client, world, run_on_commit):
    with run_on_commit():
        case = submit_report(school=world.places.school).case
    case.refresh_from_db()
    RoutingRule.objects.filter(district=world.places.district).update(active=False)
    login_staff(client, world.places.officer)

    response = _reroute(client, case)

    assert response.status_code == 400
    assert "No routing rule of this district matches this case." in response.content.decode()


def test_a_life_safety_case_stays_urgent_whatever_a_rule_says(client, world, run_on_commit):
    RoutingRule.objects.filter(name="Imminent harm").update(active=False)
    with run_on_commit():
        case = submit_report(
            school=world.places.school,
            narrative="He said he would bring a knife to school.",
        ).case
    RoutingRule.objects.filter(name="Default").update(priority=Priority.LOW)
    case.refresh_from_db()
    login_staff(client, world.places.officer)

    _reroute(client, case)

    assert Case.objects.get(pk=case.pk).priority == Priority.URGENT


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_districts_officer_gets_404_and_nothing_changes(client, world, method):
    case = submit_report(school=world.places.school).case
    login_staff(client, world.places.stranger)

    response = getattr(client, method)(
        reverse("routing_admin:reroute", args=[case.pk]), {"version": case.version}
    )

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="case.routed").exists()


def test_a_school_officer_cannot_re_route_a_case_of_another_school(client, world):
    case = submit_report(school=SchoolFactory(district=world.places.district)).case
    login_staff(client, world.places.school_officer)

    assert _reroute(client, case).status_code == 404
