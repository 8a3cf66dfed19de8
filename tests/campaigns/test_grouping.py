"""Near-identical reports of one district end up in one group, through the outbox, from the
stored blind-index tokens; other reports, other districts and merged-away cases stay out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import minhash
from campaigns.grouping import rebuild_signatures, refresh_case_signatures
from campaigns.models import CampaignGroup, CaseSignature, SignatureBucket
from campaigns.topics import CAMPAIGN_SIGN_CASE
from cases.models import Case, Report
from cases.services.merge import merge_cases
from cases.services.retention import purge_case
from cases.services.workflow import change_case_status
from jobs.models import OutboxMessage
from tests.campaigns.campaign import UNRELATED, submit_copies
from tests.factories import submit_report

pytestmark = pytest.mark.django_db


def _group_of(case):
    return CaseSignature.objects.get(case=case).group_id


def test_near_identical_reports_are_grouped_once_their_jobs_run(world, run_on_commit):
    with run_on_commit():
        cases = submit_copies(school=world.school, count=3)
        alone = submit_report(school=world.school, narrative=UNRELATED).case

    assert OutboxMessage.objects.filter(topic=CAMPAIGN_SIGN_CASE.code).count() == 4
    groups = {_group_of(case) for case in cases}
    assert len(groups) == 1
    assert None not in groups
    assert _group_of(alone) is None
    assert CampaignGroup.objects.count() == 1
    assert SignatureBucket.objects.filter(case=alone).count() == minhash.BANDS


def test_reports_of_two_districts_are_never_grouped(world, run_on_commit):
    with run_on_commit():
        here = submit_copies(school=world.school, count=2)
        there = submit_copies(school=world.far_school, count=2)

    assert _group_of(here[0]) == _group_of(here[1])
    assert _group_of(there[0]) == _group_of(there[1])
    assert _group_of(here[0]) != _group_of(there[0])
    assert {g.district_id for g in CampaignGroup.objects.all()} == {
        world.district.pk,
        world.other_district.pk,
    }


def test_a_status_change_leaves_the_group_as_it_is(world, run_on_commit):
    with run_on_commit():
        cases = submit_copies(school=world.school, count=2)
    group = _group_of(cases[0])

    with run_on_commit():
        change_case_status(
            case=cases[0], to_status="triage", actor=world.officer, expected_version=1
        )

    assert _group_of(cases[0]) == group == _group_of(cases[1])


def test_merging_the_group_dissolves_it(world, run_on_commit):
    with run_on_commit():
        target, *sources = submit_copies(school=world.school, count=3)

    with run_on_commit():
        merge_cases(target=target, sources=sources, actor=world.officer, expected_version=1)

    # The merged-away cases have no report left: no signature; the target is alone.
    assert not CaseSignature.objects.filter(case__in=sources).exists()
    assert _group_of(target) is None
    assert not CampaignGroup.objects.exists()


def test_a_purged_case_leaves_its_group_and_a_pair_is_dissolved(world, run_on_commit):
    with run_on_commit():
        kept, purged = submit_copies(school=world.school, count=2)
    Case.objects.filter(pk=purged.pk).update(status="closed", closed_at=timezone.now())
    purged.refresh_from_db()

    with run_on_commit():
        purge_case(case=purged, actor=world.officer, now=timezone.now() + timedelta(days=3650))

    assert not CampaignGroup.objects.exists()
    assert _group_of(kept) is None


def test_a_case_whose_reports_change_leaves_its_group_and_the_others_stay(world):
    cases = submit_copies(school=world.school, count=3)
    refresh_case_signatures(case_ids=[case.pk for case in cases])
    assert len({_group_of(case) for case in cases}) == 1

    # The middle case's report now holds another narrative's tokens.
    Report.objects.filter(case=cases[1]).update(
        text_tokens=sorted(
            submit_report(school=world.school, narrative=UNRELATED).report.text_tokens
        )
    )
    refresh_case_signatures(case_ids=[cases[1].pk])

    assert _group_of(cases[1]) is None
    assert _group_of(cases[0]) == _group_of(cases[2]) is not None


def test_a_rebuild_groups_cases_written_without_jobs(world):
    cases = submit_copies(school=world.school, count=3)
    submit_report(school=world.school, narrative=UNRELATED)
    assert not CaseSignature.objects.exists()

    signed = rebuild_signatures()

    assert signed == 4
    assert len({_group_of(case) for case in cases}) == 1
    assert CampaignGroup.objects.count() == 1
