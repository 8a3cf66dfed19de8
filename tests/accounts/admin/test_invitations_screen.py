"""The "Staff invitations" screen: a district administrator invites, resends and revokes in
the browser; anyone else gets 404 (accounts/admin/invitations.py)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import StaffInvitation
from accounts.services.invitations import invite_staff
from cases.models import AuditEvent
from cases.roles import Role
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

INDEX = reverse("staff_invitations:index")
INVITE = reverse("staff_invitations:add")


def _form(world, **overrides) -> dict:
    return {
        "email": "maria.lopez@northvale.example",
        "first_name": "María",
        "last_name": "López",
        "username": "maria.lopez",
        "district": world.district.pk,
        "school": "",
        "roles": [Role.EQUITY_OFFICER],
        **overrides,
    }


def _invitation(world, username="maria.lopez") -> StaffInvitation:
    return invite_staff(
        email=f"{username}@northvale.example",
        username=username,
        first_name="",
        last_name="",
        district=world.district,
        school=None,
        roles=[Role.EQUITY_OFFICER],
        invited_by=world.staff["district_admin"],
    )


def test_the_administrator_invites_from_the_screen_and_the_email_goes_out(
    client, world, run_on_commit
):
    login_staff(client, world.staff["district_admin"])

    form = client.get(INVITE)
    assert form.status_code == 200
    assert "no-store" in form["Cache-Control"]
    with run_on_commit():
        sent = client.post(INVITE, _form(world))

    assert sent.status_code == 302
    listing = client.get(INDEX).content.decode()
    assert "María López (maria.lopez)" in listing
    assert "Equity officer" in listing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria.lopez@northvale.example"]
    assert "/admin/invitation/?token=" in mail.outbox[0].body


def test_a_refused_invitation_keeps_what_was_typed_and_says_why(client, world):
    login_staff(client, world.staff["district_admin"])

    refused = client.post(
        INVITE,
        _form(
            world,
            username="officer",
            school=world.school.pk,
            roles=[Role.TRANSFER_OFFICER],
        ),
    )

    assert refused.status_code == 200
    text = refused.content.decode()
    assert "This username is taken" in text
    assert "maria.lopez@northvale.example" in text
    assert "María" in text
    assert not StaffInvitation.objects.exists()
    again = client.post(INVITE, _form(world, roles=[]))
    assert "Choose at least one role." in again.content.decode()


def test_a_school_level_invitation_refuses_a_district_only_role(client, world):
    login_staff(client, world.staff["district_admin"])

    refused = client.post(
        INVITE, _form(world, school=world.school.pk, roles=[Role.TRANSFER_OFFICER])
    )

    assert "choose the whole district for the other roles" in refused.content.decode()


def test_another_districts_district_is_not_offered_nor_accepted(client, world):
    login_staff(client, world.staff["district_admin"])

    refused = client.post(INVITE, _form(world, district=world.other_district.pk))

    assert refused.status_code == 200
    assert "Choose one of the districts you administer." in refused.content.decode()
    assert not StaffInvitation.objects.exists()


def test_resend_and_revoke_from_the_list(client, world, run_on_commit):
    invitation = _invitation(world)
    login_staff(client, world.staff["district_admin"])
    resend = reverse("staff_invitations:resend", args=[invitation.pk])
    revoke = reverse("staff_invitations:delete", args=[invitation.pk])

    assert "Yes, send a new link" in client.get(resend).content.decode()
    with run_on_commit():
        assert client.post(resend).status_code == 302
    assert len(mail.outbox) == 1
    assert "Yes, revoke the invitation" in client.get(revoke).content.decode()
    assert client.post(revoke).status_code == 302

    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "maria.lopez@northvale.example" not in client.get(INDEX).content.decode()
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        "staff.invited",
        "staff.invitation_resent",
        "staff.invitation_revoked",
    }


@pytest.mark.parametrize(
    "role", ["equity_officer", "title_ix", "transfer_officer", "other_district_officer"]
)
def test_anyone_but_the_districts_administrator_gets_404(client, world, role):
    invitation = _invitation(world)
    login_staff(client, world.staff[role])

    for url in (
        INDEX,
        INVITE,
        reverse("staff_invitations:resend", args=[invitation.pk]),
        reverse("staff_invitations:delete", args=[invitation.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(INVITE, _form(world)).status_code == 404
    assert client.post(reverse("staff_invitations:delete", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_list_costs_the_same_queries_whatever_its_length(client, world):
    login_staff(client, world.staff["district_admin"])
    _invitation(world, "first.person")
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for number in range(15):
        _invitation(world, f"person{number}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(INDEX)

    assert "person14" in page.content.decode()
    assert len(many) == len(few)
