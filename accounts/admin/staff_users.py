"""Wagtail's user and group editors, with the case-role groups taken out of their reach.

A role group gives object permissions on a district's or school's cases (narratives
included). The only way into one is `cases.services.memberships.grant_membership`, which
audits the grant with its actor. Wagtail's generic editors would let a superuser tick a role
group for anyone, themselves included, with no project audit event, so here:

- the user form offers no role group, refuses one in a forged POST, and keeps the role
  groups the user already holds (a form must not drop what it does not show);
- the group editor neither lists, edits nor deletes a role group (404), and refuses a new or
  renamed group whose name the membership service reserves;
- the users listing's "Assign role" bulk action offers no role group;
- the user form shows but does not change "active", and the listing's "Set active state"
  goes through the audited deactivation of accounts/services/people.py.

Wagtail builds these viewsets from `accounts.admin.users_app.StaffUsersAppConfig`, named in
INSTALLED_APPS in place of "wagtail.users"; the bulk action is registered from
accounts/wagtail_hooks.py.
"""

from django import forms
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.users.forms import GroupForm, UserCreationForm, UserEditForm
from wagtail.users.views import groups, users
from wagtail.users.views.bulk_actions.assign_role import AssignRoleBulkAction, RoleForm
from wagtail.users.views.bulk_actions.set_active_state import SetActiveStateBulkAction

from accounts.services.people import deactivate_staff, reactivate_staff
from cases.selectors.role_groups import is_role_group_name, role_groups


class _WithoutRoleGroups:
    """Mixed into Wagtail's user forms: role groups are neither offered nor dropped."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["groups"]
        # Outside the choices, a forged role group id fails as "not a valid choice".
        field.queryset = field.queryset.exclude(pk__in=role_groups())
        field.help_text = _(
            "Case roles are granted and revoked only through staff memberships, which are "
            "audited; they are not listed here."
        )

    def clean_groups(self) -> QuerySet[Group]:
        chosen = self.cleaned_data["groups"]
        if self.instance.pk is None:
            return chosen
        held = self.instance.groups.filter(pk__in=role_groups())
        return Group.objects.filter(
            pk__in=[*chosen.values_list("pk", flat=True), *held.values_list("pk", flat=True)]
        )


class StaffUserCreationForm(_WithoutRoleGroups, UserCreationForm):
    pass


class StaffUserEditForm(_WithoutRoleGroups, UserEditForm):
    """Also shows, without changing it, whether the account is active: deactivating ends the
    person's sessions and API tokens and is audited, on the "Staff accounts" screen."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "is_active" in self.fields:
            field = self.fields["is_active"]
            field.disabled = True  # a forged value is ignored: the saved one is kept
            field.help_text = _(
                "Deactivate or reactivate an account on the Staff accounts screen, which ends "
                "its sessions and API tokens and records who did it."
            )


class StaffUserViewSet(users.UserViewSet):
    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return StaffUserEditForm if for_update else StaffUserCreationForm


class StaffGroupForm(GroupForm):
    def clean_name(self) -> str:
        name = super().clean_name()
        if is_role_group_name(name):
            raise forms.ValidationError(
                _("This name is reserved for the groups that carry case roles."),
                code="reserved_name",
            )
        return name


class _OtherGroupsOnly:
    """Mixed into the group views: a role group is not there (404), not even listed."""

    def get_queryset(self) -> QuerySet[Group]:
        return Group.objects.exclude(pk__in=role_groups())


class GroupIndexView(groups.IndexView):
    def get_base_queryset(self) -> QuerySet[Group]:
        return super().get_base_queryset().exclude(pk__in=role_groups())


class GroupEditView(_OtherGroupsOnly, groups.EditView):
    pass


class GroupDeleteView(_OtherGroupsOnly, groups.DeleteView):
    pass


class StaffGroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
    edit_view_class = GroupEditView
    delete_view_class = GroupDeleteView

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return StaffGroupForm


class OtherGroupsForm(RoleForm):
    role = forms.ModelChoiceField(queryset=Group.objects.exclude(pk__in=role_groups()))


class AssignOtherGroupBulkAction(AssignRoleBulkAction):
    """Wagtail's "Assign role" on the users listing, without the case-role groups."""

    form_class = OtherGroupsForm


class AuditedSetActiveStateBulkAction(SetActiveStateBulkAction):
    """Wagtail's "Set active state" on the users listing, through the audited services:
    deactivating ends sessions and API tokens, and both directions name their actor."""

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, model=None, user=None, **kwargs):
        changed = 0
        for person in objects:
            if user is None or person.pk == user.pk or person.is_active == mark_as_active:
                continue
            if mark_as_active:
                reactivate_staff(user=person, reactivated_by=user)
            else:
                deactivate_staff(user=person, deactivated_by=user)
            changed += 1
        return changed, 0


# Same action types, registered after Wagtail's own (order 1): the registry keeps the last.
hooks.register("register_bulk_action", AssignOtherGroupBulkAction, order=1)
hooks.register("register_bulk_action", AuditedSetActiveStateBulkAction, order=1)
