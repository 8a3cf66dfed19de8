"""Handling a group at once: merged into one case or assigned, audited, with the case's version
checked, and only over cases the officer may handle."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns.models import CampaignGroup, CaseSignature
from campaigns.services import assign_group, merge_group
from cases.models import AuditEvent, Case, CaseStatus
from cases.services.versions import StaleVersion
from tests.campaigns.campaign import submit_copies

pytestmark = pytest.mark.django_db


@pytest.fixture
def grouped(world, run_on_commit):
    with run_on_commit():
        cases = submit_copies(school=world.school, count=3)
    return CampaignGroup.objects.get(), cases


def test_merging_a_group_keeps_one_case_closes_the_others_and_audits(world, grouped):
    group, (target, *sources) = grouped

    merged = merge_group(group=group, target=target, actor=world.officer, expected_version=1)

    assert merged.reports.count() == 3
    assert set(
        Case.objects.filter(pk__in=[s.pk for s in sources]).values_list("status", flat=True)
    ) == {CaseStatus.CLOSED}
    event = AuditEvent.objects.get(action="campaign.merged")
    assert event.actor == world.officer
    assert event.detail == {"group": group.pk, "cases": 3}
    assert AuditEvent.objects.filter(action="case.merged_into").count() == 2
    assert not CampaignGroup.objects.exists()  # regrouped at once: the group is gone


def test_a_stale_version_merges_nothing(world, grouped):
    group, (target, *_) = grouped
    Case.objects.filter(pk=target.pk).update(version=5)

    with pytest.raises(StaleVersion):
        merge_group(group=group, target=target, actor=world.officer, expected_version=1)

    assert Case.objects.filter(status=CaseStatus.CLOSED).count() == 0
    assert not AuditEvent.objects.filter(action__startswith="campaign.").exists()


def test_an_officer_of_another_district_cannot_merge_or_assign(world, grouped):
    group, (target, *_) = grouped

    with pytest.raises(PermissionDenied):
        merge_group(group=group, target=target, actor=world.stranger, expected_version=1)
    with pytest.raises(PermissionDenied):
        assign_group(group=group, assignee=world.stranger, actor=world.stranger)

    assert Case.objects.filter(status=CaseStatus.CLOSED).count() == 0


def test_a_school_officer_merges_only_the_cases_they_may_handle(world, run_on_commit):
    with run_on_commit():
        mine = submit_copies(school=world.other_school, count=2)
        elsewhere = submit_copies(school=world.school, count=1)
    group = CampaignGroup.objects.get()
    assert CaseSignature.objects.filter(group=group).count() == 3

    merge_group(group=group, target=mine[0], actor=world.school_officer, expected_version=1)

    assert Case.objects.get(pk=elsewhere[0].pk).status == CaseStatus.NEW
    assert Case.objects.get(pk=mine[1].pk).status == CaseStatus.CLOSED


def test_a_case_outside_the_group_cannot_be_the_target(world, grouped, run_on_commit):
    group, _ = grouped
    with run_on_commit():
        (outsider,) = submit_copies(school=world.far_school, count=1)

    with pytest.raises(PermissionDenied):
        merge_group(group=group, target=outsider, actor=world.stranger, expected_version=1)


def test_assigning_a_group_assigns_every_case_and_audits(world, grouped):
    group, cases = grouped

    count = assign_group(group=group, assignee=world.officer, actor=world.officer)

    assert count == 3
    assert set(
        Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("assignee", flat=True)
    ) == {world.officer.pk}
    assert AuditEvent.objects.get(action="campaign.assigned").detail == {
        "group": group.pk,
        "cases": 3,
    }


def test_an_assignee_who_cannot_handle_one_case_gets_none(world, grouped):
    group, _cases = grouped

    with pytest.raises(ValidationError):
        assign_group(group=group, assignee=world.stranger, actor=world.officer)

    assert not Case.objects.filter(assignee__isnull=False).exists()
