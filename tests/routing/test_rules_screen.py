"""A district administrator orders and edits the district's routing rules in the back office
("Routing rules"), and tries a made-up report against them ("Test the rules").

The world (tests/routing/world.py): Northvale with five rules, administered by "admin";
Riverbend, with its own officer ("stranger") and no rule.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AuditEvent, BiasBasis, Priority
from cases.roles import Role
from routing.models import RoutingRule
from tests.factories import SchoolFactory, UserFactory, staff_user
from tests.routing.world import routing_world
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("routing_rules:index")
ADD = reverse("routing_rules:add")
TEST = reverse("routing_rules:test")


@pytest.fixture
def world():
    return routing_world()


@pytest.fixture
def admin(client, world):
    login_staff(client, world.places.administrator)
    return world.places.administrator


def _new_rule(world, **overrides) -> dict:
    values = {
        "district": world.places.district.pk,
        "position": 5,
        "name": "Disability reports",
        "active": "on",
        "bias_bases": [BiasBasis.objects.get(code="disability").pk],
        "life_safety": "",
        "channel": "",
        "assignee": world.titleix.pk,
        "priority": Priority.HIGH,
    }
    values.update(overrides)
    return values


def test_the_administrator_sees_the_districts_rules_in_the_order_they_are_tried(
    client, world, admin
):
    response = client.get(INDEX)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    names = ["Imminent harm", "Sex-based reports", "Lakeview", "Phone reports", "Default"]
    assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)
    assert "Any report (default)" in page
    assert "assign to the least busy of team.a, team.b" in page


def test_an_administrator_adds_a_rule_that_routes_the_next_report(client, world, admin):
    response = client.post(ADD, _new_rule(world))

    assert response.status_code == 302
    rule = RoutingRule.objects.get(name="Disability reports")
    assert rule.assignee == world.titleix
    event = AuditEvent.objects.get(action="routing.rule_created")
    assert event.actor == admin
    assert event.target_id == str(rule.pk)
    tried = client.get(
        TEST,
        {
            "district": world.places.district.pk,
            "school": world.places.school.pk,
            "bias_bases": [BiasBasis.objects.get(code="disability").pk],
            "channel": "web",
        },
    ).content.decode()
    assert "This report hits the rule “Disability reports” (order 5)." in tried
    assert "Assigned to: titleix" in tried


def test_an_assignee_who_cannot_handle_the_districts_cases_is_refused_by_name(client, world, admin):
    """Lakeview's own officer may take a rule about Lakeview, not one about every school."""
    response = client.post(ADD, _new_rule(world, assignee=world.places.school_officer.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert "lake cannot handle every case of Northvale." in page
    assert 'value="Disability reports"' in page  # what was typed is kept
    assert not RoutingRule.objects.filter(name="Disability reports").exists()

    allowed = client.post(
        ADD,
        _new_rule(
            world,
            schools=[world.places.other_school.pk],
            assignee=world.places.school_officer.pk,
        ),
    )
    assert allowed.status_code == 302


def test_a_person_and_a_team_at_once_is_refused(client, world, admin):
    response = client.post(ADD, _new_rule(world, team=[world.team_a.pk, world.team_b.pk]))

    assert "Choose one person or a team, not both." in response.content.decode()


def test_another_districts_officer_or_school_is_not_offered(client, world, admin):
    response = client.post(
        ADD,
        _new_rule(world, assignee=world.places.stranger.pk, schools=[world.places.far_school.pk]),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose among the listed officers." in page
    assert "Choose among the listed schools." in page


def test_editing_and_deleting_a_rule_are_audited(client, world, admin):
    rule = world.rules["Phone reports"]
    edit = reverse("routing_rules:edit", args=[rule.pk])
    values = _new_rule(world, name="Phone and paper", assignee="", team=[world.team_a.pk])
    values.pop("bias_bases")

    assert client.get(edit).status_code == 200
    assert client.post(edit, values).status_code == 302
    rule.refresh_from_db()
    assert rule.name == "Phone and paper"
    assert client.post(reverse("routing_rules:delete", args=[rule.pk])).status_code == 302
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert set(
        AuditEvent.objects.filter(target_type="routing.routingrule").values_list(
            "action", flat=True
        )
    ) == {"routing.rule_changed", "routing.rule_deleted"}


def test_the_test_form_names_no_rule_when_none_matches_and_keeps_the_sample(client, world, admin):
    RoutingRule.objects.filter(name="Default").update(active=False)

    page = client.get(
        TEST,
        {
            "district": world.places.district.pk,
            "school": world.places.school.pk,
            "channel": "paper",
        },
    ).content.decode()

    assert "No rule matches this report" in page
    assert 'value="paper" selected' in page


def test_the_test_form_refuses_a_school_of_another_district_in_words(client, world, admin):
    other = SchoolFactory(district=world.places.district, name="Birch Elementary")
    page = client.get(
        TEST,
        {"district": world.places.district.pk, "school": other.pk, "channel": "web"},
    ).content.decode()
    assert "This report hits the rule “Default”" in page

    refused = client.get(
        TEST,
        {
            "district": world.places.district.pk,
            "school": world.places.far_school.pk,
            "channel": "web",
        },
    ).content.decode()
    assert "Choose one of the listed schools." in refused


@pytest.mark.parametrize("who", ["officer", "school_officer", "stranger", "nobody"])
def test_everyone_but_a_district_administrator_gets_404(client, world, who):
    user = UserFactory() if who == "nobody" else getattr(world.places, who)
    if who == "nobody":
        staff_user(role=Role.TRANSFER_OFFICER, district=world.places.district, username="tr")
        user = type(user).objects.get(username="tr")
    login_staff(client, user)
    rule = world.rules["Default"]

    for url in (
        INDEX,
        ADD,
        TEST,
        reverse("routing_rules:edit", args=[rule.pk]),
        reverse("routing_rules:delete", args=[rule.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(ADD, _new_rule(world)).status_code == 404
    assert not RoutingRule.objects.filter(name="Disability reports").exists()


def test_another_districts_administrator_cannot_open_or_change_northvales_rules(client, world):
    riverbend_admin = staff_user(
        role=Role.DISTRICT_ADMINISTRATOR, district=world.places.other_district, username="radm"
    )
    login_staff(client, riverbend_admin)
    rule = world.rules["Default"]

    assert client.get(reverse("routing_rules:edit", args=[rule.pk])).status_code == 404
    assert client.post(reverse("routing_rules:delete", args=[rule.pk])).status_code == 404
    assert "Imminent harm" not in client.get(INDEX).content.decode()
    refused = client.post(ADD, _new_rule(world))
    assert "Choose one of the districts you administer." in refused.content.decode()
    assert RoutingRule.objects.filter(pk=rule.pk).exists()


def _listing_queries(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(INDEX)
    assert response.status_code == 200
    return len(queries), len(response.context["object_list"])


def test_the_list_runs_the_same_number_of_queries_for_5_and_45_rules(client, world, admin):
    few, shown = _listing_queries(client)
    assert shown == 5
    sex = BiasBasis.objects.get(code="sex")
    for position in range(40):
        rule = RoutingRule.objects.create(
            district=world.places.district, position=50 + position, name=f"Extra {position}"
        )
        rule.bias_bases.set([sex])
        rule.team.set([world.team_a, world.team_b])
        rule.watchers.set([world.titleix])

    many, shown = _listing_queries(client)

    assert shown == 45
    assert many == few


def test_the_list_finds_a_rule_by_its_name(client, world, admin):
    page = client.get(INDEX, {"q": "Lakeview"}).content.decode()

    assert "Lakeview" in page
    assert "Phone reports" not in page
