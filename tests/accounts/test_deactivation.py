"""Deactivating a staff member ends their sessions and API tokens at once and keeps their
roles on record; reactivating restores them (accounts/services/people.py)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from accounts.services.people import deactivate_staff, reactivate_staff
from api.services import issue_api_token
from cases.models import AuditEvent, StaffMembership
from tests.factories import UserFactory
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def _api_cases(secret: str) -> int:
    return (
        Client().get(reverse("api:staff_cases"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code
    )


def test_deactivation_signs_the_person_out_everywhere_and_revokes_their_tokens(world):
    officer, admin = world.staff["equity_officer"], world.staff["district_admin"]
    laptop, phone = Client(), Client()
    login_staff(laptop, officer)
    login_staff(phone, officer)
    secret = issue_api_token(user=officer, name="sync").secret
    assert laptop.get(reverse("cases_admin:queue")).status_code == 200
    assert _api_cases(secret) == 200

    ended = deactivate_staff(user=officer, deactivated_by=admin)

    assert ended == {"sessions": 2, "tokens": 1}
    for browser in (laptop, phone):
        response = browser.get(reverse("cases_admin:queue"))
        assert response.status_code == 302
        assert reverse("wagtailadmin_login") in response["Location"]
    assert _api_cases(secret) == 401
    assert officer.memberships.count() == 1  # kept for the record
    event = AuditEvent.objects.get(action="staff.deactivated")
    assert event.actor_username == "districtadmin"
    assert event.target_id == str(officer.pk)
    assert event.detail["before"] == "active"
    assert event.detail["after"] == "inactive"
    assert AuditEvent.objects.filter(action="api.token_revoked", actor=admin).count() == 1


def test_a_deactivated_person_cannot_sign_in_again(client, world):
    officer = world.staff["equity_officer"]
    deactivate_staff(user=officer, deactivated_by=world.staff["district_admin"])

    login_staff(client, officer)

    assert client.get(reverse("cases_admin:queue")).status_code == 302


def test_reactivation_restores_the_roles_they_kept(client, world):
    officer, admin = world.staff["equity_officer"], world.staff["district_admin"]
    deactivate_staff(user=officer, deactivated_by=admin)

    reactivate_staff(user=officer, reactivated_by=admin)
    login_staff(client, officer)

    queue = client.get(reverse("cases_admin:queue"))
    assert world.case.number in {case.number for case in queue.context["cases"]}
    event = AuditEvent.objects.get(action="staff.reactivated")
    assert (event.detail["before"], event.detail["after"]) == ("inactive", "active")


def test_nobody_deactivates_themselves_not_even_a_superuser(world):
    root = UserFactory(is_superuser=True)
    for person in (world.staff["district_admin"], root):
        with pytest.raises(PermissionDenied):
            deactivate_staff(user=person, deactivated_by=person)
        person.refresh_from_db()
        assert person.is_active


def test_an_administrator_cannot_deactivate_another_districts_staff(world):
    other = world.staff["other_district_officer"]
    with pytest.raises(PermissionDenied):
        deactivate_staff(user=other, deactivated_by=world.staff["district_admin"])
    with pytest.raises(PermissionDenied):
        deactivate_staff(user=world.staff["transfer_officer"], deactivated_by=other)
    other.refresh_from_db()
    assert other.is_active


def test_an_audit_event_keeps_the_actors_name_after_the_account_is_deleted(world):
    officer, admin = world.staff["equity_officer"], world.staff["district_admin"]
    deactivate_staff(user=officer, deactivated_by=admin)
    StaffMembership.objects.filter(user=admin).delete()
    admin.delete()

    event = AuditEvent.objects.get(action="staff.deactivated")
    assert event.actor is None
    assert event.actor_username == "districtadmin"
