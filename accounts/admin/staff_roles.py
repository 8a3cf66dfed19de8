"""The "Staff roles" screen: a district administrator grants and revokes roles in the browser.

Wagtail's own ModelViewSet for StaffMembership, registered from accounts/wagtail_hooks.py: an
index with the filter drawer and a search by name, a grant form and a revoke confirmation.
Saving and deleting go through `grant_membership` / `revoke_membership`, which check the
actor themselves and audit the change; the screen only narrows what it offers.

Who: a superuser, and a district administrator for their own districts. Anyone else has no
menu item and every URL answers 404, as does another district's membership.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from cases.admin.district_admin import AdministratorsOnly, DistrictScopedPolicy
from cases.admin.revoke import RevokeView
from cases.models import StaffMembership
from cases.people import staff_name_and_username
from cases.roles import Role
from cases.selectors.memberships import (
    administered_districts,
    grantable_users,
    memberships_administered_by,
    schools_administered_by,
)
from cases.services.memberships import check_may_grant, grant_membership, revoke_membership

# What the screen lets an administrator do; a membership is granted or revoked, never edited.
ACTIONS = frozenset({"add", "delete"})


def _person(user) -> str:
    name = staff_name_and_username(user)
    if not user.is_active:
        # A deactivated person's roles stay listed, for the record, and grant nothing.
        return _("%(person)s, deactivated") % {"person": name}
    return name


class StaffRolesPermissionPolicy(DistrictScopedPolicy):
    """Ticking "Add staff membership" on a group in Wagtail gives nothing: a superuser (even
    before any district exists) or a district administrator, for their districts."""

    actions = ACTIONS


register_permission_policy(StaffMembership, StaffRolesPermissionPolicy(StaffMembership))


class _AdministratorsOnly(AdministratorsOnly):
    """Rows only from the districts the user administers."""

    def administered_memberships(self) -> QuerySet[StaffMembership]:
        return memberships_administered_by(user=self.request.user)


def _districts(request):
    return administered_districts(user=request.user).order_by("name")


def _schools(request):
    return schools_administered_by(user=request.user)


class StaffRoleFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=gettext_lazy("Role"), choices=Role.choices)
    district = django_filters.ModelChoiceFilter(label=gettext_lazy("District"), queryset=_districts)
    school = django_filters.ModelChoiceFilter(label=gettext_lazy("School"), queryset=_schools)
    scope = django_filters.ChoiceFilter(
        label=gettext_lazy("Scope"),
        choices=[
            ("district", gettext_lazy("Whole district")),
            ("school", gettext_lazy("One school")),
        ],
        method="filter_scope",
    )

    class Meta:
        model = StaffMembership
        fields = ["role", "district", "school", "scope"]

    def filter_scope(self, queryset, name, value) -> QuerySet[StaffMembership]:
        return queryset.filter(school__isnull=value == "district")


class StaffRoleIndexView(_AdministratorsOnly, generic.IndexView):
    page_title = gettext_lazy("Staff roles")
    add_item_label = gettext_lazy("Grant a role")

    def get_base_queryset(self) -> QuerySet[StaffMembership]:
        return self.administered_memberships()

    @cached_property
    def columns(self) -> list[Column]:
        person = self._get_title_column_class(TitleColumn)(
            "user",
            label=_("Staff member"),
            accessor=lambda membership: _person(membership.user),
            sort_key="user__username",
            get_url=lambda membership: None,
        )
        return [
            person,
            Column("role", label=_("Role"), accessor="get_role_display", sort_key="role"),
            Column("district", label=_("District"), sort_key="district__name"),
            Column(
                "school",
                label=_("School"),
                accessor=lambda membership: membership.school or _("Whole district"),
                sort_key="school__name",
            ),
            DateColumn("granted_at", label=_("Granted on"), sort_key="granted_at"),
        ]

    def get_list_more_buttons(self, instance) -> list[Button]:
        url = self.get_delete_url(instance)
        return [Button(_("Revoke"), url=url, icon_name="bin", priority=30)] if url else []


class GrantRoleForm(forms.ModelForm):
    """The person, role and place of a new membership, narrowed to what `actor` administers.

    The service checks again; the form only turns its refusals into messages next to the
    fields, keeping what was typed.
    """

    class Meta:
        model = StaffMembership
        fields = ["user", "role", "district", "school"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        user = self.fields["user"]
        user.queryset = grantable_users(actor=actor)
        user.label_from_instance = _person
        user.label = _("Staff member")
        user.help_text = _(
            "An existing account. You cannot grant a role to yourself: another administrator "
            "of the district must."
        )
        user.error_messages["invalid_choice"] = _("Choose one of the listed staff members.")
        self.fields["role"].help_text = _(
            "Equity officers and Title IX coordinators may hold their role at one school; the "
            "other roles are district-wide."
        )
        district = self.fields["district"]
        district.queryset = administered_districts(user=actor).order_by("name")
        district.error_messages["invalid_choice"] = _("Choose one of the districts you administer.")
        if len(district.queryset) == 1:
            district.initial = district.queryset[0].pk
        school = self.fields["school"]
        school.queryset = schools_administered_by(user=actor)
        school.label_from_instance = lambda school: f"{school.name} ({school.district.name})"
        school.empty_label = _("Whole district")
        school.error_messages["invalid_choice"] = _("Choose one of the listed schools.")

    def clean(self) -> dict:
        cleaned = super().clean()
        user, district = cleaned.get("user"), cleaned.get("district")
        if user is None or district is None:
            return cleaned
        try:
            check_may_grant(actor=self.actor, user=user, district=district)
        except PermissionDenied as refusal:
            raise ValidationError(str(refusal)) from None
        if StaffMembership.objects.filter(
            user=user, role=cleaned.get("role"), district=district, school=cleaned.get("school")
        ).exists():
            raise ValidationError(_("This person already holds this role there."))
        return cleaned

    def validate_unique(self) -> None:
        """Duplicates are told apart in clean(), in words; the constraints stay the backstop."""


class GrantRoleView(_AdministratorsOnly, generic.CreateView):
    page_title = gettext_lazy("Grant a role")
    submit_button_label = gettext_lazy("Grant")
    submit_button_active_label = gettext_lazy("Granting…")
    error_message = gettext_lazy("The role was not granted. See the messages below.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_page_subtitle(self) -> str:
        return ""

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Staff roles")},
            {"url": "", "label": self.page_title},
        ]

    def save_instance(self) -> StaffMembership:
        data = self.form.cleaned_data
        return grant_membership(
            user=data["user"],
            role=data["role"],
            district=data["district"],
            school=data["school"],
            granted_by=self.request.user,
        )

    def get_success_message(self, instance) -> str:
        return _("%(person)s is now %(role)s.") % {
            "person": _person(instance.user),
            "role": instance,
        }

    def get_success_buttons(self) -> list:
        return []

    def get_success_json(self) -> dict:
        """For a client asking for JSON: Wagtail's own answer links the edit screen, which
        a membership does not have."""
        return {"success": True, "pk": self.object.pk}


class RevokeRoleView(_AdministratorsOnly, RevokeView):
    page_title = gettext_lazy("Revoke a role")
    confirm_label = gettext_lazy("Yes, revoke the role")

    def get_queryset(self) -> QuerySet[StaffMembership]:
        """Another district's membership is a 404, before any permission is looked at."""
        return self.administered_memberships()

    def get_page_subtitle(self) -> str:
        return f"{_person(self.object.user)}: {self.object}"

    @property
    def confirmation_message(self) -> str:
        return _(
            "%(person)s loses the role %(role)s at once, and the access that comes with it "
            "unless another of their roles grants it."
        ) % {"person": _person(self.object.user), "role": self.object}

    def delete_action(self) -> None:
        revoke_membership(membership=self.object, revoked_by=self.request.user)

    def get_success_message(self) -> str:
        return _("%(person)s no longer holds %(role)s.") % {
            "person": _person(self.object.user),
            "role": self.object,
        }


class StaffRolesViewSet(ModelViewSet):
    model = StaffMembership
    icon = "group"
    menu_label = gettext_lazy("Staff roles")
    name = "staff_roles"
    url_prefix = "staff-roles"
    add_to_settings_menu = True
    add_to_reference_index = False  # nothing links to a membership
    index_view_class = StaffRoleIndexView
    add_view_class = GrantRoleView
    delete_view_class = RevokeRoleView
    filterset_class = StaffRoleFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_per_page = 50
    ordering = ["district__name", "user__username", "role"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        # No edit, history or usage screens: nothing may link to them.
        return super().get_common_view_kwargs(
            edit_url_name=None, history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return GrantRoleForm

    def get_urlpatterns(self) -> list:
        """Only the listing, the grant form and the revoke confirmation: a membership is
        never edited in place, and the project audit trail is its history."""
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("revoke/<int:pk>/", self.delete_view, name="delete"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_staff_roles_viewset():
    return StaffRolesViewSet()
