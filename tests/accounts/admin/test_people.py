"""The "Staff accounts" screen: a district administrator sees their districts' staff and
deactivates or reactivates them; anyone else gets 404 (accounts/admin/people.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AuditEvent
from cases.roles import Role
from tests.factories import staff_user
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

LIST = reverse("staff_people:list")


def _deactivate_url(user) -> str:
    return reverse("staff_people:deactivate", args=[user.pk])


def test_the_administrator_lists_their_districts_staff_only(client, world):
    login_staff(client, world.staff["district_admin"])

    page = client.get(LIST)

    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert "officer" in text
    assert "lakeview.officer" in text
    assert "riverbend.officer" not in text


def test_deactivating_from_the_screen_asks_first_then_says_what_ended(client, world):
    officer = world.staff["equity_officer"]
    login_staff(client, world.staff["district_admin"])

    asked = client.get(_deactivate_url(officer))
    assert asked.status_code == 200
    assert "Yes, deactivate the account" in asked.content.decode()
    done = client.post(_deactivate_url(officer), follow=True)

    assert done.status_code == 200
    assert "is deactivated" in done.content.decode()
    assert "Deactivated" in done.content.decode()
    officer.refresh_from_db()
    assert not officer.is_active
    assert AuditEvent.objects.filter(action="staff.deactivated", target_id=officer.pk).exists()

    client.post(reverse("staff_people:reactivate", args=[officer.pk]))
    officer.refresh_from_db()
    assert officer.is_active


def test_the_screen_refuses_self_deactivation_in_words(client, world):
    admin = world.staff["district_admin"]
    login_staff(client, admin)

    refused = client.post(_deactivate_url(admin))

    assert refused.status_code == 403
    assert "cannot deactivate your own account" in refused.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


@pytest.mark.parametrize(
    "role", ["equity_officer", "title_ix", "transfer_officer", "other_district_officer"]
)
def test_anyone_but_an_administrator_gets_404(client, world, role):
    login_staff(client, world.staff[role])
    officer = world.staff["equity_officer"]

    assert client.get(LIST).status_code == 404
    assert client.post(_deactivate_url(officer)).status_code == 404
    officer.refresh_from_db()
    assert officer.is_active


def test_another_districts_person_is_a_404(client, world):
    login_staff(client, world.staff["district_admin"])
    other = world.staff["other_district_officer"]

    assert client.get(_deactivate_url(other)).status_code == 404
    assert client.post(_deactivate_url(other)).status_code == 404


def test_the_list_costs_the_same_queries_whatever_its_length(client, world):
    login_staff(client, world.staff["district_admin"])
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for number in range(15):
        staff_user(role=Role.EQUITY_OFFICER, district=world.district, username=f"extra{number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(LIST)

    assert "extra14" in page.content.decode()
    assert len(many) == len(few)


def test_a_deactivated_persons_roles_stay_listed_as_such_on_staff_roles(client, world):
    officer = world.staff["equity_officer"]
    login_staff(client, world.staff["district_admin"])
    client.post(_deactivate_url(officer))

    roles = client.get(reverse("staff_roles:index")).content.decode()

    assert "Ana" in roles
    assert "(officer), deactivated" in roles
