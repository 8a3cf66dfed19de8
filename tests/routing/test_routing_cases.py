"""Table-driven: each row of routing_cases.csv is a report sent through intake; the case ends
with the rule, the assignee and the priority the row expects (tests/routing/world.py holds
the rules). An empty expected rule means no rule matched."""

import csv
from pathlib import Path

import pytest

from cases.models import AuditEvent, Priority
from routing.models import RoutingRule
from tests.factories import submit_report
from tests.routing.world import routing_world

pytestmark = pytest.mark.django_db

ROWS = list(
    csv.DictReader((Path(__file__).parent / "routing_cases.csv").read_text("utf-8").splitlines())
)
HARM = "He told my son he would bring a knife to school tomorrow."
PLAIN = "They keep pushing my son out of the lunch line and laughing at him."


@pytest.mark.parametrize("row", ROWS, ids=[row["story"] for row in ROWS])
def test_a_report_is_routed_as_the_table_says(row, run_on_commit):
    world = routing_world()
    places = world.places
    schools = {
        "cedar": places.school,
        "lakeview": places.other_school,
        "hill": places.far_school,
    }

    with run_on_commit():
        case = submit_report(
            school=schools[row["school"]],
            narrative=HARM if row["imminent_harm"] == "yes" else PLAIN,
            people_involved="",
            bias_basis_codes=row["bias_bases"].split(";"),
            incident_type_codes=row["incident_types"].split(";"),
            channel=row["channel"],
            staff_involved=row["staff_involved"],
        ).case
    case.refresh_from_db()

    routed = AuditEvent.objects.filter(target_id=str(case.pk), action="case.routed").first()
    rule = RoutingRule.objects.get(pk=routed.detail["rule"]).name if routed else ""
    assert case.district.slug == row["district"]
    assert rule == row["expected_rule"]
    assert (case.assignee.username if case.assignee else "") == row["expected_assignee"]
    assert case.priority == Priority[row["expected_priority"].upper()]
