"""A district with routing rules, for the routing tests (plain helper, not a test module).

Northvale (Cedar Middle, Lakeview Middle; `two_districts`) gets a Title IX coordinator, two
team members and five rules, tried in this order:

1. "Imminent harm": reports flagged for possible imminent harm -> the Title IX coordinator, Urgent
2. "Sex-based reports": bias basis "sex" -> the Title IX coordinator, High
3. "Lakeview": reports about Lakeview Middle -> Lakeview's own officer
4. "Phone reports": channel phone -> the team (team.a, team.b), High
5. "Default": anything else -> the district officer, priority kept

Riverbend has no rule.
"""

from dataclasses import dataclass

from cases.models import BiasBasis, Priority
from cases.roles import Role
from routing.models import LifeSafetyCondition, RoutingRule
from tests.factories import staff_user
from tests.two_districts import TwoDistricts, two_districts


@dataclass
class RoutingWorld:
    places: TwoDistricts
    titleix: object
    team_a: object
    team_b: object
    rules: dict


def _rule(district, position, name, **fields):
    relations = {key: fields.pop(key) for key in ("schools", "bias_bases", "team") if key in fields}
    rule = RoutingRule.objects.create(district=district, position=position, name=name, **fields)
    for key, values in relations.items():
        getattr(rule, key).set(values)
    return rule


def routing_world() -> RoutingWorld:
    places = two_districts()
    district = places.district
    titleix = staff_user(role=Role.TITLE_IX_COORDINATOR, district=district, username="titleix")
    team_a = staff_user(role=Role.EQUITY_OFFICER, district=district, username="team.a")
    team_b = staff_user(role=Role.EQUITY_OFFICER, district=district, username="team.b")
    rules = {
        rule.name: rule
        for rule in (
            _rule(
                district,
                1,
                "Imminent harm",
                life_safety=LifeSafetyCondition.YES,
                assignee=titleix,
                priority=Priority.URGENT,
            ),
            _rule(
                district,
                2,
                "Sex-based reports",
                bias_bases=[BiasBasis.objects.get(code="sex")],
                assignee=titleix,
                priority=Priority.HIGH,
            ),
            _rule(
                district,
                3,
                "Lakeview",
                schools=[places.other_school],
                assignee=places.school_officer,
            ),
            _rule(
                district,
                4,
                "Phone reports",
                channel="phone",
                team=[team_a, team_b],
                priority=Priority.HIGH,
            ),
            _rule(district, 99, "Default", assignee=places.officer),
        )
    }
    return RoutingWorld(places=places, titleix=titleix, team_a=team_a, team_b=team_b, rules=rules)
