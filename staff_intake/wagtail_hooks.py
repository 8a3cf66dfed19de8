"""The "Record a report" menu item and the staff intake URLs, for officers who handle cases."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.selectors.queue import user_handles_cases
from staff_intake import urls


@hooks.register("register_admin_urls")
def register_staff_intake_urls():
    return [path("staff-intake/", include(urls, namespace="staff_intake_admin"))]


class RecordReportMenuItem(MenuItem):
    def is_shown(self, request):
        if not hasattr(request, "_handles_cases"):  # the Cases item asks the same, once
            request._handles_cases = user_handles_cases(user=request.user)
        return request._handles_cases


@hooks.register("register_admin_menu_item")
def register_record_report_menu_item():
    return RecordReportMenuItem(
        _("Record a report"),
        reverse("staff_intake_admin:record"),
        name="record-report",
        icon_name="form",
        order=51,
    )
