"""The "Trends" admin menu item, shown to users with `view_district_trends` on a district."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from trends import urls as admin_urls
from trends.views import trend_districts


@hooks.register("register_admin_urls")
def register_trend_urls():
    return [path("trends/", include(admin_urls, namespace="trends_admin"))]


class TrendsMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_views_trends"):  # asked on every admin page: once per request
            request._views_trends = trend_districts(request.user).exists()
        return request._views_trends


@hooks.register("register_admin_menu_item")
def register_trends_menu_item():
    return TrendsMenuItem(
        _("Trends"), reverse("trends_admin:dashboard"), name="trends", icon_name="table", order=60
    )
