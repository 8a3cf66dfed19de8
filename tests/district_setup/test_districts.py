"""The platform operator creates a district; its administrator sets its rules and closures.

The world (tests/two_districts.py): Northvale, administered by "admin", and Riverbend.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.deadlines import acknowledge_due
from cases.models import AuditEvent, District, DistrictBiasBasis, DistrictClosure
from tests.district_setup.forms import district_form
from tests.factories import DistrictFactory, UserFactory
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("districts:index")
ADD = reverse("districts:add")


def _edit(district) -> str:
    return reverse("districts:edit", args=[district.pk])


def test_the_operator_creates_a_district_with_its_rules_and_closures(client):
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    login_staff(client, operator)

    form = client.get(ADD)
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    created = client.post(
        ADD,
        district_form(closures=[("2026-12-24", "Winter break"), ("2026-12-28", "Winter break")]),
    )

    assert created.status_code == 302, created.context["form"].errors if created.context else ""
    district = District.objects.get(slug="westbrook")
    assert (district.acknowledge_school_days, district.suppression_threshold) == (3, 11)
    assert district.contact_email == "equity@westbrook.example.org"
    assert list(district.closures.values_list("date", flat=True)) == [
        date(2026, 12, 24),
        date(2026, 12, 28),
    ]
    # Its reports can be classified at once: every bias basis is offered, as set globally.
    assert DistrictBiasBasis.objects.filter(district=district, active=True).exists()
    event = AuditEvent.objects.get(action="district.created")
    assert event.actor == operator
    assert event.detail["changes"]["code"] == {"before": None, "after": "WBU"}
    assert AuditEvent.objects.filter(action="district.closure_added").count() == 2
    assert "Westbrook Unified" in client.get(INDEX).content.decode()


def test_the_administrator_changes_a_deadline_and_the_closures_and_both_are_audited(client, world):
    closure = DistrictClosure.objects.create(district=world.district, date=date(2026, 12, 24))
    login_staff(client, world.administrator)

    saved = client.post(
        _edit(world.district),
        district_form(
            name="Northvale",
            slug="northvale",
            code="NVU",
            acknowledge_school_days="4",
            existing=[(closure.pk, "2026-12-24", "", True)],
            closures=[("2027-01-04", "Teacher training")],
        ),
    )

    assert saved.status_code == 302, saved.context["form"].errors if saved.context else ""
    world.district.refresh_from_db()
    assert world.district.acknowledge_school_days == 4
    assert list(world.district.closures.values_list("date", "reason")) == [
        (date(2027, 1, 4), "Teacher training")
    ]
    # The new closure counts: four school days from Friday 1 January skip Monday the 4th.
    assert acknowledge_due(district=world.district, opened_on=date(2027, 1, 1)) == date(2027, 1, 8)
    change = AuditEvent.objects.get(action="district.settings_changed")
    assert change.actor == world.administrator
    assert change.district == world.district
    assert change.detail["changes"]["acknowledge_school_days"] == {"before": 2, "after": 4}
    assert AuditEvent.objects.filter(action="district.closure_removed").count() == 1
    assert AuditEvent.objects.filter(action="district.closure_added").count() == 1


def test_a_rule_the_service_refuses_comes_back_next_to_the_field_with_what_was_typed(client, world):
    login_staff(client, world.administrator)

    refused = client.post(
        _edit(world.district),
        district_form(name="Northvale", slug="northvale", code="NVU", suppression_threshold="3"),
    )

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "could identify a child" in page
    assert 'value="equity@westbrook.example.org"' in page
    world.district.refresh_from_db()
    assert world.district.suppression_threshold == 10
    assert not AuditEvent.objects.filter(action="district.settings_changed").exists()


def test_an_administrator_sees_only_their_district_and_creates_none(client, world):
    login_staff(client, world.administrator)

    listing = client.get(INDEX).content.decode()
    assert "Northvale" in listing
    assert "Riverbend" not in listing
    assert client.get(_edit(world.other_district)).status_code == 404
    assert client.post(_edit(world.other_district), district_form()).status_code == 404
    assert client.get(ADD).status_code in (302, 403, 404)
    assert client.post(ADD, district_form()).status_code in (302, 403, 404)
    assert not District.objects.filter(slug="westbrook").exists()


@pytest.mark.parametrize("who", ["officer", "school_officer", "stranger"])
def test_staff_who_administer_no_district_get_404_everywhere(client, world, who):
    login_staff(client, getattr(world, who))

    for url in (INDEX, ADD, _edit(world.district)):
        assert client.get(url).status_code == 404, url


def test_the_list_costs_the_same_queries_for_three_districts_or_thirty(client):
    operator = UserFactory(username="operator", is_superuser=True, is_staff=True)
    login_staff(client, operator)
    DistrictFactory.create_batch(3)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        assert client.get(INDEX).status_code == 200
    DistrictFactory.create_batch(27)
    with CaptureQueriesContext(connection) as many:
        assert client.get(INDEX).status_code == 200

    assert len(many) == len(few)
