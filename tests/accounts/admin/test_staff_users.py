"""A superuser gets a case role only through the audited membership service.

Wagtail's own user and group editors neither offer nor change the groups that carry case
roles (accounts/admin/staff_users.py): ticking one, forging one into a POST, renaming a group
into one or editing one all fail, and saving a user keeps the roles they hold.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cases.models import AuditEvent
from cases.roles import STAFF_ACCESS_GROUP, Role
from cases.selectors.organisation import schools_for_case_handling
from cases.services.memberships import grant_membership
from tests.factories import UserFactory
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def admin_client(client, superuser):
    login_staff(client, superuser)
    return client


def _role_group(world, role=Role.EQUITY_OFFICER):
    return Group.objects.get(name=f"district:{world.district.pk}:{role}")


def _user_form(user, *, groups):
    return {
        "username": user.username,
        "email": user.email or f"{user.username}@example.org",
        "first_name": user.first_name or "Sam",
        "last_name": user.last_name or "Rivera",
        "is_active": "on",
        "groups": [group.pk for group in groups],
    }


def test_the_user_editor_offers_no_role_group(admin_client, world):
    officer = world.staff["equity_officer"]

    page = admin_client.get(reverse("wagtailusers_users:edit", args=[officer.pk]))

    choices = set(page.context["form"].fields["groups"].queryset.values_list("name", flat=True))
    assert "Editors" in choices
    assert _role_group(world).name not in choices
    assert STAFF_ACCESS_GROUP not in choices
    assert f'value="{_role_group(world).pk}"' not in page.content.decode()


def test_a_forged_post_cannot_put_the_superuser_into_a_case_role(admin_client, world, superuser):
    role_group = _role_group(world)

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[superuser.pk]),
        _user_form(superuser, groups=[role_group]),
    )

    assert response.status_code == 200  # the form again, with its error
    assert "groups" in response.context["form"].errors
    assert not superuser.groups.filter(pk=role_group.pk).exists()
    assert not schools_for_case_handling(user=superuser).exists()


def test_creating_a_user_cannot_give_a_case_role(admin_client, world):
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            **_user_form(UserFactory.build(username="newcomer"), groups=[_role_group(world)]),
            "password1": "a long and unusual passphrase 71",
            "password2": "a long and unusual passphrase 71",
        },
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert not Group.objects.filter(user__username="newcomer").exists()


def test_saving_a_user_in_the_editor_keeps_their_roles(admin_client, world):
    officer = world.staff["equity_officer"]
    editors = Group.objects.get(name="Editors")
    held = set(officer.groups.values_list("pk", flat=True))

    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[officer.pk]),
        {**_user_form(officer, groups=[editors]), "last_name": "Lopez"},
    )

    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.last_name == "Lopez"
    assert set(officer.groups.values_list("pk", flat=True)) == held | {editors.pk}
    assert schools_for_case_handling(user=officer).exists()


def test_the_group_editor_neither_lists_nor_changes_a_role_group(admin_client, world):
    role_group = _role_group(world)

    listing = admin_client.get(reverse("wagtailusers_groups:index"))
    edit = admin_client.get(reverse("wagtailusers_groups:edit", args=[role_group.pk]))
    forged = admin_client.post(
        reverse("wagtailusers_groups:edit", args=[role_group.pk]), {"name": "anything"}
    )
    delete = admin_client.post(reverse("wagtailusers_groups:delete", args=[role_group.pk]))

    assert role_group.name not in listing.content.decode()
    assert "Editors" in listing.content.decode()
    assert (edit.status_code, forged.status_code, delete.status_code) == (404, 404, 404)
    assert Group.objects.filter(pk=role_group.pk, name=role_group.name).exists()
    staff_access = Group.objects.get(name=STAFF_ACCESS_GROUP)
    assert (
        admin_client.get(reverse("wagtailusers_groups:edit", args=[staff_access.pk])).status_code
        == 404
    )


def test_a_new_group_cannot_take_a_name_the_role_service_uses(admin_client, world):
    response = admin_client.post(
        reverse("wagtailusers_groups:add"), {"name": f"district:{world.district.pk}:title_ix"}
    )

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not Group.objects.filter(name=f"district:{world.district.pk}:title_ix").exists()


def test_the_assign_role_bulk_action_offers_no_role_group(admin_client, world, superuser):
    url = (
        reverse("wagtail_bulk_action", args=["auth", "user", "assign_role"])
        + f"?next=/admin/users/&id={superuser.pk}"
    )

    response = admin_client.post(url, {"role": _role_group(world).pk})

    assert not superuser.groups.filter(pk=_role_group(world).pk).exists()
    assert "role" in response.context["form"].errors


def test_granting_through_the_membership_service_works_and_is_audited(world, superuser):
    newcomer = UserFactory(username="maria.lopez")

    grant_membership(
        user=newcomer, role=Role.EQUITY_OFFICER, district=world.district, granted_by=superuser
    )

    assert schools_for_case_handling(user=newcomer).exists()
    event = AuditEvent.objects.get(action="membership.granted", detail__user=newcomer.pk)
    assert (event.actor, event.actor_username) == (superuser, "root")


def test_the_user_editor_cannot_deactivate_around_the_audited_screen(admin_client, world):
    officer = world.staff["equity_officer"]
    form = _user_form(officer, groups=[])
    del form["is_active"]  # an unticked box sends nothing

    admin_client.post(reverse("wagtailusers_users:edit", args=[officer.pk]), form)

    officer.refresh_from_db()
    assert officer.is_active


def test_the_set_active_state_bulk_action_is_the_audited_deactivation(admin_client, world):
    officer = world.staff["equity_officer"]
    url = (
        reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"])
        + f"?next=/admin/users/&id={officer.pk}"
    )

    admin_client.post(url, {"mark_as_active": "False"})

    officer.refresh_from_db()
    assert not officer.is_active
    event = AuditEvent.objects.get(action="staff.deactivated")
    assert event.actor_username == "root"
