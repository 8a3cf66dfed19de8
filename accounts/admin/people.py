"""The "Staff accounts" screen: who holds a role in one's districts, and their deactivation.

Plain views registered from accounts/wagtail_hooks.py (a second viewset on the user model
would replace Wagtail's own permission policy for users). Deactivating and reactivating go
through `accounts.services.people`, which checks the actor and audits the change.

Who: as for staff roles, a superuser or a district administrator; anyone else has no menu item
and a 404 on every URL, as for a person with no role in one's districts.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.selectors import people_administered_by
from accounts.services.people import check_may_deactivate, deactivate_staff, reactivate_staff
from cases.admin.district_admin import uses_district_admin_screens
from cases.people import staff_name_and_username

PAGE_SIZE = 50


def _administrators_only(view):
    def wrapped(request, *args, **kwargs):
        if not uses_district_admin_screens(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return never_cache(wrapped)


@_administrators_only
def people_list(request):
    people = people_administered_by(user=request.user)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "accounts/admin/people/list.html",
        {"header_title": _("Staff accounts"), "page": page, "people": page.object_list},
    )


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
