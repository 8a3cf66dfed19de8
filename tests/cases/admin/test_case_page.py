"""The case page a case manager recognises: summary and actions beside the case, the case in
tabs, a timeline told in words, and dates written the same way as in the queue."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format

from cases.models import AuditEvent, Case
from cases.models.audit import ActorKind
from cases.services.audit import record_audit_event
from cases.services.merge import merge_cases
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _page(client, case) -> str:
    return client.get(reverse("cases_admin:detail", kwargs={"case_id": case.pk})).content.decode()


def _timeline(page: str) -> str:
    return page.split('id="timeline"')[1].split("</section>")[0]


def _queries_to_open(client, case) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases_admin:detail", kwargs={"case_id": case.pk}))
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def officer(client, world):
    login_staff(client, world.staff["equity_officer"])
    return world.staff["equity_officer"]


def test_summary_and_actions_sit_beside_the_case_sections_in_tabs(client, world, officer):
    page = _page(client, world.case)

    side = page.split('<aside class="case-layout__side"')[1].split("</aside>")[0]
    assert 'id="summary-heading"' in side
    assert 'id="workflow"' in side  # status, assignment, priority
    tabs = re.findall(r'id="tab-label-([\w-]+)"', page)
    assert tabs == ["reports", "notes", "findings", "related", "timeline"]
    # Without JavaScript no panel is hidden: each tab reads as a section of the page.
    panels = re.findall(r'<div id="tab-[\w-]+"[^>]*role="tabpanel"[^>]*>', page)
    assert len(panels) == 5
    assert not any("hidden" in panel for panel in panels)
    # Other apps' sections (transfers, routing, outcomes) stay in view under the tabs.
    assert 'class="case-follow-up"' in page.split('class="tab-content"')[1]


def test_repeated_reads_by_one_person_fold_into_one_line(client, world, officer):
    for _ in range(4):
        _page(client, world.case)
    page = _page(client, world.case)

    timeline = _timeline(page)
    today = date_format(AuditEvent.objects.latest("id").on, "DATE_FORMAT")
    assert timeline.count("<strong>Report read</strong>") == 1
    assert f"5 times by Ana between {today} and {today}" in timeline


def test_reads_by_two_people_stay_apart(client, world, officer):
    _page(client, world.case)
    client.logout()
    login_staff(client, world.staff["title_ix"])
    _page(client, world.case)
    page = _page(client, world.case)

    timeline = _timeline(page)
    assert timeline.count("<strong>Report read</strong>") == 2
    assert "2 times by titleix" in timeline


def test_no_raw_action_code_reaches_the_timeline(client, world, officer):
    record_audit_event(
        action="evidence.added_by_reporter",
        actor_kind=ActorKind.REPORTER,
        target=world.case,
        district=world.district,
        detail={"report": str(world.report.pk), "files": 1},
    )
    timeline = _timeline(_page(client, world.case))

    assert "Reporter added evidence" in timeline
    assert "evidence.added_by_reporter" not in timeline
    assert not re.search(r"<strong>[a-z_]+\.[a-z_]+</strong>", timeline)


def test_queue_and_case_write_the_opened_day_the_same_way(client, world, officer):
    Case.objects.filter(pk=world.case.pk).update(
        opened_on=world.case.opened_on - timedelta(days=40)
    )
    opened = date_format(Case.objects.get(pk=world.case.pk).opened_on, "DATE_FORMAT")

    queue = client.get(reverse("cases_admin:queue")).content.decode()
    page = _page(client, world.case)

    assert opened in queue
    assert f"<dt>Opened</dt><dd>{opened}</dd>" in page


def test_opening_the_case_costs_the_same_queries_however_long_its_history(client, world, officer):
    _merge_in(world, officer, count=1)
    _page(client, world.case)  # the first view warms per-process caches
    before = _queries_to_open(client, world.case)

    # Three more reports merged in, and a long history of changes and reads.
    _merge_in(world, officer, count=3)
    for number in range(30):
        record_audit_event(
            action="case.note_added" if number % 2 else "evidence.downloaded",
            actor=officer,
            target=world.case,
            district=world.district,
        )
    _page(client, world.case)
    after = _queries_to_open(client, world.case)

    assert world.case.reports.count() == 5
    assert after <= before


def _merge_in(world, officer, *, count: int) -> None:
    siblings = [submit_report(school=world.school) for _ in range(count)]
    merge_cases(
        target=world.case,
        sources=[s.case for s in siblings],
        actor=officer,
        expected_version=Case.objects.get(pk=world.case.pk).version,
    )
