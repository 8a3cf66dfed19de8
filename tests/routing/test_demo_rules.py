"""The demo seeds a few routing rules once, and its sample reports arrive already routed."""

import pytest
from django.core.management import call_command

from cases.models import Case
from routing.models import RoutingRule

pytestmark = pytest.mark.django_db


def test_seed_demo_seeds_the_rules_once_and_routes_the_sample_reports(run_on_commit):
    with run_on_commit():
        call_command("seed_demo")
    rules = set(RoutingRule.objects.values_list("district__slug", "name"))
    with run_on_commit():
        call_command("seed_demo")

    assert set(RoutingRule.objects.values_list("district__slug", "name")) == rules
    assert RoutingRule.objects.count() == 5
    assignees = {
        case.school.slug: case.assignee.username
        for case in Case.objects.select_related("school", "assignee")
    }
    assert assignees == {
        "northvale-middle-school": "officer.northvale",
        "cedar-elementary": "officer.cedar",
        "riverbend-high-school": "officer.riverbend",
    }
