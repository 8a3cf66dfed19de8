"""The "Similar reports" screen and the queue's note, as an officer uses them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import CampaignGroup
from cases.models import AuditEvent, Case, CaseStatus
from tests.campaigns.campaign import submit_copies
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

QUEUE = "/admin/cases/"
LISTING = "/admin/similar-reports/"


@pytest.fixture
def grouped(world, run_on_commit):
    with run_on_commit():
        cases = submit_copies(school=world.school, count=3)
    return CampaignGroup.objects.get(), cases


def _group_url(group) -> str:
    return reverse("similar_reports:inspect", args=[group.pk])


def test_the_officer_sees_the_group_in_the_menu_and_the_listing(client, world, grouped):
    group, cases = grouped
    login_staff(client, world.officer)

    home = client.get("/admin/")
    listing = client.get(LISTING)

    assert "Similar reports" in home.content.decode()
    assert listing.status_code == 200
    page = listing.content.decode()
    assert _group_url(group) in page
    for case in cases:
        assert case.number in page
    assert "no-store" in listing["Cache-Control"]


def test_the_queue_row_says_part_of_a_group_and_links_to_it(client, world, grouped):
    group, _cases = grouped
    alone = submit_report(school=world.school).case
    login_staff(client, world.officer)

    page = client.get(QUEUE).content.decode()

    assert page.count("part of a group of 3 similar reports") == 3
    assert page.count(_group_url(group)) == 3
    row = re.search(rf"{alone.number}.*?</tr>", page, re.S).group(0)
    assert "similar report" not in row


def test_the_queue_note_costs_the_same_queries_for_10_and_50_rows(client, world, run_on_commit):
    login_staff(client, world.officer)
    with run_on_commit():
        submit_copies(school=world.school, count=4)
    for _ in range(6):
        submit_report(school=world.school)

    def queries(size):
        client.get(QUEUE)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(QUEUE, {"per_page": size})
        assert len(response.context["cases"]) == min(size, Case.objects.count())
        return len(captured)

    at_ten = queries(10)
    with run_on_commit():
        for _ in range(10):
            submit_copies(school=world.school, count=4)
    for _ in range(5):
        submit_report(school=world.school)

    assert queries(50) == at_ten


def test_a_school_officer_counts_only_the_reports_they_may_see(client, world, run_on_commit):
    with run_on_commit():
        submit_copies(school=world.other_school, count=2)
        submit_copies(school=world.school, count=2)
    group = CampaignGroup.objects.get()
    login_staff(client, world.school_officer)

    queue = client.get(QUEUE).content.decode()
    page = client.get(_group_url(group)).content.decode()

    assert "part of a group of 2 similar reports" in queue
    assert "2 similar reports" in page
    for case in Case.objects.filter(school=world.school):
        assert case.number not in page


def test_another_districts_officer_sees_no_group_and_gets_404_on_it(client, world, grouped):
    group, cases = grouped
    login_staff(client, world.stranger)

    listing = client.get(LISTING)

    assert listing.status_code == 200
    assert _group_url(group) not in listing.content.decode()
    assert cases[0].number not in listing.content.decode()
    assert client.get(_group_url(group)).status_code == 404
    assert client.post(_group_url(group), {"action": "assign"}).status_code == 404


def test_staff_who_handle_no_case_have_no_menu_item_and_get_404(client, world, grouped):
    group, _ = grouped
    login_staff(client, world.administrator)

    assert client.get(LISTING).status_code == 404
    assert client.get(_group_url(group)).status_code == 404
    assert client.post(_group_url(group), {"action": "assign"}).status_code == 404
    assert "Similar reports" not in client.get("/admin/").content.decode()


def test_a_group_with_a_single_visible_case_is_not_found(client, world, run_on_commit):
    with run_on_commit():
        submit_copies(school=world.other_school, count=1)
        submit_copies(school=world.school, count=2)
    group = CampaignGroup.objects.get()
    login_staff(client, world.school_officer)

    assert client.get(_group_url(group)).status_code == 404
    assert str(group.pk) not in client.get(LISTING).content.decode().split("listing")[-1]


def test_merging_the_group_from_its_page(client, world, grouped):
    group, (target, *sources) = grouped
    login_staff(client, world.officer)

    response = client.post(
        _group_url(group),
        {
            "action": "merge",
            "target": str(target.pk),
            f"version_{target.pk.hex}": "1",
            "confirm": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("cases_admin:detail", args=[target.pk])
    assert (
        Case.objects.filter(pk__in=[s.pk for s in sources], status=CaseStatus.CLOSED).count() == 2
    )
    assert AuditEvent.objects.filter(action="campaign.merged", actor=world.officer).exists()
    assert client.get(_group_url(group)).status_code == 404  # the group is gone


def test_a_merge_without_confirmation_keeps_the_choice_and_says_why(client, world, grouped):
    group, (target, *_) = grouped
    login_staff(client, world.officer)

    response = client.post(
        _group_url(group),
        {"action": "merge", "target": str(target.pk), f"version_{target.pk.hex}": "1"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Tick the box to confirm the merge." in page
    assert re.search(rf'value="{target.pk}"[^>]*checked', page)
    assert not Case.objects.filter(status=CaseStatus.CLOSED).exists()


def test_a_stale_merge_is_refused_with_the_newer_state_and_the_choice_kept(client, world, grouped):
    group, (target, *_) = grouped
    login_staff(client, world.officer)
    Case.objects.filter(pk=target.pk).update(version=4)

    response = client.post(
        _group_url(group),
        {
            "action": "merge",
            "target": str(target.pk),
            f"version_{target.pk.hex}": "1",
            "confirm": "on",
        },
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed case" in page
    assert f'name="version_{target.pk.hex}" value="4"' in page
    assert not Case.objects.filter(status=CaseStatus.CLOSED).exists()


def test_assigning_the_group_from_its_page(client, world, grouped):
    group, _cases = grouped
    login_staff(client, world.officer)

    response = client.post(
        _group_url(group), {"action": "assign", "assignee": str(world.officer.pk)}
    )

    assert response.status_code == 302
    assert Case.objects.filter(assignee=world.officer).count() == 3
    refused = client.post(_group_url(group), {"action": "assign", "assignee": ""})
    assert refused.status_code == 400
    assert "Choose who to assign the cases to." in refused.content.decode()


def test_the_case_page_links_to_its_group(client, world, grouped):
    group, (case, *_) = grouped
    login_staff(client, world.officer)

    page = client.get(reverse("cases_admin:detail", args=[case.pk])).content.decode()

    assert "This case is part of a group of 3 similar reports." in page
    assert _group_url(group) in page
