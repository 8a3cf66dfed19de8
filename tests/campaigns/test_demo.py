"""The demo plants one campaign: four near-identical Northvale reports in one group, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from campaigns.demo import COPIES, SCHOOL
from campaigns.models import CampaignGroup, CaseSignature
from cases.demo import seed_organisation
from cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_demo_campaign_is_one_group_of_four_and_seeding_again_adds_nothing():
    seed_organisation()
    output = StringIO()

    call_command("seed_demo_campaign", stdout=output)
    call_command("seed_demo_campaign", stdout=output)

    assert "4 demo campaign report(s) added" in output.getvalue()
    assert "0 demo campaign report(s) added" in output.getvalue()
    cases = Case.objects.filter(school__slug=SCHOOL)
    assert cases.count() == len(COPIES) == 4
    group = CampaignGroup.objects.get()
    assert CaseSignature.objects.filter(group=group).count() == 4
    assert group.district.slug == "northvale"


def test_rebuilding_finds_the_same_group():
    seed_organisation()
    call_command("seed_demo_campaign", stdout=StringIO())
    output = StringIO()

    call_command("rebuild_similar_reports", stdout=output)

    assert "Signed 4 of 4 cases" in output.getvalue()
    assert CaseSignature.objects.filter(group=CampaignGroup.objects.get()).count() == 4
