"""The "Staff invitations" screen: invite a person by e-mail with their first roles.

A Wagtail ModelViewSet for StaffInvitation, registered from accounts/wagtail_hooks.py: the
invitations still waiting (or expired) in the districts one administers, "Invite a person",
"Resend" (a new link; the older one stops working) and "Revoke". Writing goes through
`accounts.services.invitations`, which checks the actor itself and audits each step.

Who: as for staff roles, a superuser or a district administrator for their own districts;
anyone else has no menu item and a 404 on every URL, as for another district's invitation.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from accounts.models import InvitationStatus, StaffInvitation
from accounts.selectors import invitations_administered_by
from accounts.services.invitations import (
    check_invitation_details,
    check_may_invite,
    invite_staff,
    lifetime,
    resend_invitation,
    revoke_invitation,
)
from cases.admin.district_admin import AdministratorsOnly, DistrictScopedPolicy
from cases.admin.revoke import RevokeView
from cases.roles import Role
from cases.selectors.memberships import administered_districts, schools_administered_by

ACTIONS = frozenset({"add", "delete"})


class StaffInvitationPermissionPolicy(DistrictScopedPolicy):
    """From district administrator memberships, as the staff roles screen."""

    actions = ACTIONS

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet[StaffInvitation]:
        if not ACTIONS.intersection(actions):
            return StaffInvitation.objects.none()
        return invitations_administered_by(user=user)

    def users_with_any_permission(self, actions) -> QuerySet:
        return get_user_model().objects.none()


register_permission_policy(StaffInvitation, StaffInvitationPermissionPolicy(StaffInvitation))


def _person(invitation: StaffInvitation) -> str:
    name = f"{invitation.first_name} {invitation.last_name}".strip()
    return f"{name} ({invitation.username})" if name else invitation.username


class InvitationIndexView(AdministratorsOnly, generic.IndexView):
    page_title = gettext_lazy("Staff invitations")
    add_item_label = gettext_lazy("Invite a person")

    def get_base_queryset(self) -> QuerySet[StaffInvitation]:
        return invitations_administered_by(user=self.request.user)

    @cached_property
    def columns(self) -> list[Column]:
        person = self._get_title_column_class(TitleColumn)(
            "username",
            label=_("Person"),
            accessor=_person,
            sort_key="username",
            get_url=lambda invitation: None,
        )
        return [
            person,
            Column("email", label=_("E-mail address"), sort_key="email"),
            Column(
                "roles",
                label=_("Roles"),
                accessor=lambda invitation: ", ".join(invitation.role_labels()),
            ),
            Column(
                "place",
                label=_("Where"),
                accessor=lambda invitation: invitation.school or invitation.district,
            ),
            Column("status", label=_("Status"), accessor="get_status_display"),
            DateColumn("expires_at", label=_("Link valid until"), sort_key="expires_at"),
        ]

    def get_list_more_buttons(self, instance) -> list[Button]:
        return [
            Button(
                _("Resend"),
                url=reverse("staff_invitations:resend", args=[instance.pk]),
                icon_name="mail",
                priority=20,
            ),
            Button(_("Revoke"), url=self.get_delete_url(instance), icon_name="bin", priority=30),
        ]


class InviteForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("Roles"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one role.")},
    )

    class Meta:
        model = StaffInvitation
        fields = ["email", "first_name", "last_name", "username", "district", "school", "roles"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["email"].help_text = _(
            "The invitation link is sent here. It works once, for %(hours)d hours."
        ) % {"hours": int(lifetime().total_seconds() // 3600)}
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an e-mail address like name@district.org."
        )
        username = self.fields["username"]
        username.validators.append(get_user_model().username_validator)
        username.help_text = _(
            "The name they sign in with, for example maria.lopez. Letters, digits and . @ + - _"
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
        school.help_text = _(
            "Equity officers and Title IX coordinators may hold their role at one school; the "
            "other roles are district-wide."
        )
        school.error_messages["invalid_choice"] = _("Choose one of the listed schools.")

    def clean(self) -> dict:
        cleaned = super().clean()
        required = ("email", "username", "district", "roles")
        if any(cleaned.get(name) in (None, "", []) for name in required):
            return cleaned
        try:
            check_may_invite(actor=self.actor, district=cleaned["district"])
            check_invitation_details(
                username=cleaned["username"],
                email=cleaned["email"],
                district=cleaned["district"],
                school=cleaned.get("school"),
                roles=cleaned["roles"],
            )
        except PermissionDenied as refusal:
            self.add_error("district", str(refusal))
        except ValidationError as problems:
            self.add_error(None, problems)
        return cleaned


class InviteView(AdministratorsOnly, generic.CreateView):
    page_title = gettext_lazy("Invite a person")
    submit_button_label = gettext_lazy("Send the invitation")
    submit_button_active_label = gettext_lazy("Sending…")
    error_message = gettext_lazy("The invitation was not sent. See the messages below.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def get_page_subtitle(self) -> str:
        return ""

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("Staff invitations")},
            {"url": "", "label": self.page_title},
        ]

    def save_instance(self) -> StaffInvitation:
        data = self.form.cleaned_data
        return invite_staff(
            email=data["email"],
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            district=data["district"],
            school=data["school"],
            roles=data["roles"],
            invited_by=self.request.user,
        )

    def get_success_message(self, instance) -> str:
        return _("An invitation is on its way to %(person)s.") % {"person": _person(instance)}

    def get_success_buttons(self) -> list:
        return []

    def get_success_json(self) -> dict:
        return {"success": True, "pk": self.object.pk}


class RevokeInvitationView(AdministratorsOnly, RevokeView):
    page_title = gettext_lazy("Revoke an invitation")
    confirm_label = gettext_lazy("Yes, revoke the invitation")

    def get_queryset(self) -> QuerySet[StaffInvitation]:
        return invitations_administered_by(user=self.request.user)

    def get_page_subtitle(self) -> str:
        return _person(self.object)

    @property
    def confirmation_message(self) -> str:
        return _("The link sent to %(person)s stops working at once.") % {
            "person": _person(self.object)
        }

    def delete_action(self) -> None:
        revoke_invitation(invitation=self.object, revoked_by=self.request.user)

    def get_success_message(self) -> str:
        return _("The invitation of %(person)s is revoked.") % {"person": _person(self.object)}


class ResendInvitationView(AdministratorsOnly, View):
    """GET asks to confirm, POST sends a new link (the older one stops working)."""

    http_method_names = ["get", "post"]

    def _invitation(self, pk: int) -> StaffInvitation:
        return get_object_or_404(invitations_administered_by(user=self.request.user), pk=pk)

    def get(self, request, pk: int):
        invitation = self._invitation(pk)
        return TemplateResponse(
            request,
            "accounts/admin/invitations/confirm_resend.html",
            {
                "header_title": _("Resend an invitation"),
                "invitation": invitation,
                "person": _person(invitation),
                "expired": invitation.status == InvitationStatus.EXPIRED,
                "hours": int(lifetime().total_seconds() // 3600),
            },
        )

    def post(self, request, pk: int):
        invitation = resend_invitation(invitation=self._invitation(pk), resent_by=request.user)
        messages.success(
            request,
            _("A new invitation link is on its way to %(person)s.")
            % {"person": _person(invitation)},
        )
        return redirect("staff_invitations:index")


class StaffInvitationsViewSet(ModelViewSet):
    model = StaffInvitation
    icon = "mail"
    menu_label = gettext_lazy("Staff invitations")
    name = "staff_invitations"
    url_prefix = "staff-invitations"
    add_to_settings_menu = True
    add_to_reference_index = False
    index_view_class = InvitationIndexView
    add_view_class = InviteView
    delete_view_class = RevokeInvitationView
    search_fields = ["username", "first_name", "last_name", "email"]
    list_per_page = 50
    ordering = ["-created_at"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            edit_url_name=None, history_url_name=None, usage_url_name=None, **kwargs
        )

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return InviteForm

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("revoke/<int:pk>/", self.delete_view, name="delete"),
            path("resend/<int:pk>/", ResendInvitationView.as_view(), name="resend"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_staff_invitations_viewset():
    return StaffInvitationsViewSet()
