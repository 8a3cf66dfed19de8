"""A district administrator invites a person by e-mail; the person chooses a password, pairs an
authenticator app and works on that district's cases only (accounts/services/invitations.py,
accounts/invitation_views.py, the screen in tests/accounts/admin/test_invitations_screen.py).
"""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import StaffInvitation
from accounts.services.invitations import (
    invite_staff,
    resend_invitation,
    revoke_invitation,
)
from cases.models import AuditEvent, StaffMembership
from cases.roles import Role
from cases.services.memberships import SYSTEM, revoke_membership
from tests.accounts.invitations import link_in_last_email, path_of
from tests.accounts.otp import code_now
from tests.factories import STAFF_PASSWORD, SchoolFactory, submit_report

pytestmark = pytest.mark.django_db

PASSWORD = STAFF_PASSWORD  # random per run (tests/factories.py), never a literal


@pytest.fixture
def admin(world):
    return world.staff["district_admin"]


@pytest.fixture
def sending(run_on_commit):
    """The invitation e-mail goes out as after a real commit (the outbox job, run eagerly)."""
    return run_on_commit


def _invite(world, admin, **overrides) -> StaffInvitation:
    details = {
        "email": "maria.lopez@northvale.example",
        "username": "maria.lopez",
        "first_name": "María",
        "last_name": "López",
        "district": world.district,
        "school": None,
        "roles": [Role.EQUITY_OFFICER],
        "invited_by": admin,
    }
    return invite_staff(**{**details, **overrides})


def _invite_and_send(sending, world, admin, **overrides) -> StaffInvitation:
    with sending():
        return _invite(world, admin, **overrides)


def _choose_password(client, link: str, password: str = PASSWORD):
    opened = client.get(path_of(link))
    assert opened.status_code == 302  # the token leaves the address bar for the session
    assert "token" not in opened["Location"]
    page = client.get(opened["Location"])
    return page, client.post(
        reverse("staff_invitation:open"),
        {"new_password1": password, "new_password2": password},
    )


def test_invited_person_sets_a_password_enrols_totp_and_sees_only_that_districts_cases(
    client, world, admin, sending
):
    riverbend_case = submit_report(school=SchoolFactory(district=world.other_district)).case
    _invite_and_send(sending, world, admin)
    link = link_in_last_email("maria.lopez@northvale.example")

    page, chosen = _choose_password(client, link)
    assert page.status_code == 200
    assert "maria.lopez" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("wagtailadmin_login")

    signed_in = client.post(
        reverse("wagtailadmin_login"),
        {"username": "maria.lopez", "password": PASSWORD},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0].startswith(reverse("staff_security:enrol"))
    device = TOTPDevice.objects.get(user__username="maria.lopez")
    enrolled = client.post(reverse("staff_security:enrol"), {"code": code_now(device)})
    assert enrolled.status_code == 302

    queue = client.get(reverse("cases_admin:queue"))
    numbers = {case.number for case in queue.context["cases"]}
    assert world.case.number in numbers
    assert riverbend_case.number not in numbers


def test_the_roles_are_granted_on_acceptance_by_the_inviter_and_everything_is_audited(
    client, world, admin, sending
):
    invitation = _invite_and_send(
        sending, world, admin, roles=[Role.EQUITY_OFFICER, Role.TRANSFER_OFFICER]
    )
    assert not get_user_model().objects.filter(username="maria.lopez").exists()

    _choose_password(client, link_in_last_email("maria.lopez@northvale.example"))

    person = get_user_model().objects.get(username="maria.lopez")
    assert person.email == "maria.lopez@northvale.example"
    assert person.get_full_name() == "María López"
    assert set(StaffMembership.objects.filter(user=person).values_list("role", flat=True)) == {
        Role.EQUITY_OFFICER,
        Role.TRANSFER_OFFICER,
    }
    grants = AuditEvent.objects.filter(action="membership.granted", detail__user=person.pk)
    assert {event.actor_username for event in grants} == {"districtadmin"}
    invited = AuditEvent.objects.get(action="staff.invited")
    assert invited.detail["role.equity_officer"] is True
    assert invited.detail["role.transfer_officer"] is True
    assert invited.actor_username == "districtadmin"
    assert invited.target_id == str(invitation.pk)
    accepted = AuditEvent.objects.get(action="staff.invitation_accepted")
    assert accepted.detail["before"] == "pending"
    assert accepted.detail["after"] == "accepted"
    for event in AuditEvent.objects.filter(action__startswith="staff.invit"):
        assert "northvale.example" not in str(event.detail)
        assert "López" not in str(event.detail)


def test_only_a_hash_of_the_links_token_is_stored(world, admin, sending):
    invitation = _invite_and_send(sending, world, admin)
    token = link_in_last_email("maria.lopez@northvale.example").rsplit("=", 1)[1]

    invitation.refresh_from_db()
    assert invitation.token_hash
    assert token not in invitation.token_hash
    assert not StaffInvitation.objects.filter(token_hash=token).exists()


def test_a_link_works_once_even_on_a_double_click(client, world, admin, sending):
    _invite_and_send(sending, world, admin)
    link = link_in_last_email("maria.lopez@northvale.example")
    client.get(path_of(link))
    form = {"new_password1": PASSWORD, "new_password2": PASSWORD}

    first = client.post(reverse("staff_invitation:open"), form)
    again = client.get(path_of(link), follow=True)

    assert first.status_code == 302
    assert again.status_code == 410
    assert "already used" in again.content.decode()
    assert get_user_model().objects.filter(username="maria.lopez").count() == 1


def test_two_tabs_with_the_same_link_make_one_account(client, world, admin, sending):
    _invite_and_send(sending, world, admin)
    link = link_in_last_email("maria.lopez@northvale.example")
    other_tab = Client()
    client.get(path_of(link))
    other_tab.get(path_of(link))
    form = {"new_password1": PASSWORD, "new_password2": PASSWORD}

    assert client.post(reverse("staff_invitation:open"), form).status_code == 302
    assert other_tab.post(reverse("staff_invitation:open"), form).status_code == 410
    assert StaffMembership.objects.filter(user__username="maria.lopez").count() == 1


def test_an_expired_link_is_refused_with_a_clear_page(client, world, admin, sending):
    invitation = _invite_and_send(sending, world, admin)
    link = link_in_last_email("maria.lopez@northvale.example")
    StaffInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    page = client.get(path_of(link), follow=True)

    assert page.status_code == 410
    assert "has expired" in page.content.decode()
    assert "72 hours" in page.content.decode()
    assert not get_user_model().objects.filter(username="maria.lopez").exists()


def test_a_revoked_link_and_a_replaced_link_are_refused(client, world, admin, sending):
    invitation = _invite_and_send(sending, world, admin)
    first_link = link_in_last_email("maria.lopez@northvale.example")
    with sending():
        resend_invitation(invitation=invitation, resent_by=admin)
    second_link = link_in_last_email("maria.lopez@northvale.example")
    assert second_link != first_link

    replaced = client.get(path_of(first_link), follow=True)
    assert replaced.status_code == 404
    assert "newer invitation" in replaced.content.decode()

    revoke_invitation(invitation=invitation, revoked_by=admin)
    revoked = client.get(path_of(second_link), follow=True)
    assert revoked.status_code == 410
    assert "withdrawn" in revoked.content.decode()
    assert [event.action for event in AuditEvent.objects.order_by("pk")][-2:] == [
        "staff.invitation_resent",
        "staff.invitation_revoked",
    ]


def test_a_weak_password_is_refused_with_django_validators_and_the_link_still_works(
    client, world, admin, sending
):
    _invite_and_send(sending, world, admin)
    link = link_in_last_email("maria.lopez@northvale.example")
    client.get(path_of(link))

    weak = client.post(
        reverse("staff_invitation:open"),
        {"new_password1": "maria.lopez", "new_password2": "maria.lopez"},
    )
    assert weak.status_code == 200
    assert "too similar" in weak.content.decode()
    _, chosen = _choose_password(client, link)
    assert chosen.status_code == 302


def test_an_inviter_who_lost_the_administrator_role_can_no_longer_have_roles_granted(
    client, world, admin, sending
):
    _invite_and_send(sending, world, admin)
    link = link_in_last_email("maria.lopez@northvale.example")
    revoke_membership(membership=admin.memberships.get(), revoked_by=SYSTEM)

    _page, chosen = _choose_password(client, link)

    assert chosen.status_code == 200
    assert "can no longer grant" in chosen.content.decode()
    assert not get_user_model().objects.filter(username="maria.lopez").exists()
    assert StaffInvitation.objects.get().accepted_at is None


def test_an_officer_cannot_invite(world):
    with pytest.raises(PermissionDenied):
        _invite(world, world.staff["equity_officer"])
    assert mail.outbox == []


def test_an_invitation_may_carry_every_district_role(world, admin, sending):
    invitation = _invite_and_send(sending, world, admin, roles=list(Role.values))

    assert sorted(invitation.roles) == sorted(Role.values)
    assert AuditEvent.objects.get(action="staff.invited").detail["role.district_admin"] is True
