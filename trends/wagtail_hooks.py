"""The "Trends" admin menu item, shown to users with `view_district_trends` on a district."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.roles import VIEW_DISTRICT_TRENDS
from cases.selectors.access import staff_access
from trends import urls as admin_urls


@hooks.register("register_admin_urls")
def register_trend_urls():
    return [path("trends/", include(admin_urls, namespace="trends_admin"))]


class TrendsMenuItem(MenuItem):
    def is_shown(self, request):
        # Asked on every admin page: answered from the request's `staff_access`, no query.
        return bool(staff_access(user=request.user).district_ids(VIEW_DISTRICT_TRENDS))


@hooks.register("register_admin_menu_item")
def register_trends_menu_item():
    return TrendsMenuItem(
        _("Trends"), reverse("trends_admin:dashboard"), name="trends", icon_name="table", order=60
    )
