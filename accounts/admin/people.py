"""The "Staff accounts" screen: who holds a role in one's districts, and their deactivation.

A Wagtail index view and two confirmation views, mounted here rather than through a viewset
(a second viewset on the user model would replace Wagtail's own permission policy for users).
Deactivating and reactivating go through `accounts.services.people`, which checks the actor
and audits the change.

Who: as for staff roles, a superuser or a district administrator; anyone else has no menu item
and a 404 on every URL, as for a person with no role in one's districts.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, HeaderButton

from accounts.selectors import people_administered_by
from accounts.services.people import check_may_deactivate, deactivate_staff, reactivate_staff
from cases.admin.district_admin import uses_district_admin_screens
from cases.admin.listings import ObjectPermissionListing
from cases.people import staff_name_and_username

PAGE_SIZE = 50


def _administrators_only(view):
    def wrapped(request, *args, **kwargs):
        if not uses_district_admin_screens(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


def _roles(person) -> str:
    return format_html_join("", "<div>{}</div>", ((role,) for role in person.roles_here))


def _account(person) -> str:
    if person.is_active:
        return _("Active")
    return format_html("<strong>{}</strong>", _("Deactivated"))


class PeopleIndexView(ObjectPermissionListing, generic.IndexView):
    """Everyone holding a role in the districts the user administers, with their roles."""

    model = get_user_model()
    page_title = gettext_lazy("Staff accounts")
    header_icon = "user"
    index_url_name = "staff_people:list"
    index_results_url_name = "staff_people:list_results"
    template_name = "accounts/admin/people/list.html"
    default_page_size = PAGE_SIZE
    # Who may open it is `user_may_open`'s rule, not Wagtail's permissions on the user model.
    permission_policy = None
    any_permission_required = None

    def user_may_open(self, user) -> bool:
        return uses_district_admin_screens(user)

    def visible_queryset(self) -> QuerySet:
        return people_administered_by(user=self.request.user)

    def order_queryset(self, queryset) -> QuerySet:
        return queryset  # the selector's order: by name

    @cached_property
    def no_results_message(self) -> str:
        return _("Nobody holds a role in your districts yet.")

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        return [
            HeaderButton(
                _("Invite a person"), url=reverse("staff_invitations:add"), icon_name="plus"
            ),
            HeaderButton(_("Staff roles"), url=reverse("staff_roles:index"), icon_name="group"),
        ]

    @cached_property
    def columns(self) -> list[Column]:
        return [
            TitleColumn(
                "person",
                label=_("Person"),
                accessor=staff_name_and_username,
                get_url=lambda person: None,
            ),
            Column("roles", label=_("Roles"), accessor=_roles),
            Column("account", label=_("Account"), accessor=_account),
        ]

    def get_list_buttons(self, instance) -> list[Button]:
        if instance.pk == self.request.user.pk:
            return []  # nobody deactivates their own account
        action = "reactivate" if not instance.is_active else "deactivate"
        label = _("Reactivate") if action == "reactivate" else _("Deactivate")
        return [
            Button(
                label,
                url=reverse(f"staff_people:{action}", args=[instance.pk]),
                classname="button-small button-secondary",
                attrs={"aria-label": f"{label} {instance.get_username()}"},
            )
        ]


people_list = PeopleIndexView.as_view()
people_list_results = PeopleIndexView.as_view(results_only=True)


def _change_active(request, pk: int, *, activate: bool):
    person = get_object_or_404(people_administered_by(user=request.user), pk=pk)
    try:
        check_may_deactivate(actor=request.user, user=person)
    except PermissionDenied as refusal:
        refused = str(refusal)
    else:
        refused = ""
    if request.method == "POST" and not refused:
        if activate:
            reactivate_staff(user=person, reactivated_by=request.user)
            messages.success(
                request,
                _("%(person)s can sign in again, with the roles they held.")
                % {"person": staff_name_and_username(person)},
            )
        else:
            ended = deactivate_staff(user=person, deactivated_by=request.user)
            messages.success(
                request,
                _(
                    "%(person)s is deactivated: %(sessions)d sessions ended and %(tokens)d API "
                    "tokens revoked. Their roles stay on record and grant nothing."
                )
                % {"person": staff_name_and_username(person), **ended},
            )
        return redirect("staff_people:list")
    title = _("Reactivate an account") if activate else _("Deactivate an account")
    return TemplateResponse(
        request,
        "accounts/admin/people/confirm.html",
        {
            "header_title": title,
            "person": staff_name_and_username(person),
            "activate": activate,
            "refused": refused,
            "action_url": request.path,
        },
        status=403 if refused and request.method == "POST" else 200,
    )


@_administrators_only
@require_http_methods(["GET", "POST"])
def deactivate(request, pk: int):
    return _change_active(request, pk, activate=False)


@_administrators_only
@require_http_methods(["GET", "POST"])
def reactivate(request, pk: int):
    return _change_active(request, pk, activate=True)


urlpatterns = [
    path("", people_list, name="list"),
    path("results/", people_list_results, name="list_results"),
    path("<int:pk>/deactivate/", deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", reactivate, name="reactivate"),
]


@hooks.register("register_admin_urls")
def register_people_urls():
    return [
        path("staff-accounts/", include((urlpatterns, "staff_people"), namespace="staff_people"))
    ]


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return uses_district_admin_screens(request.user)


@hooks.register("register_settings_menu_item")
def register_people_menu_item():
    return PeopleMenuItem(
        gettext_lazy("Staff accounts"),
        reverse("staff_people:list"),
        name="staff-accounts",
        icon_name="user",
    )
