"""Case tracker in the Wagtail admin: the queue's viewset (with every case URL), the "Cases"
menu item and a dashboard panel.

Registered from cases/wagtail_hooks.py. Wagtail wraps these URLs in its admin-access check
(anonymous users go to the login page); the views then check object permissions.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from cases.admin.queue import CaseQueueViewSet, handles_cases
from cases.selectors.queue import queue_summary


@hooks.register("register_admin_viewset")
def register_case_queue_viewset():
    return CaseQueueViewSet()


class CasesMenuItem(MenuItem):
    def is_shown(self, request):
        return handles_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_cases_menu_item():
    return CasesMenuItem(
        _("Cases"),
        reverse("cases_admin:queue"),
        name="cases",
        icon_name="folder-open-inverse",
        order=50,
    )


class CaseSummaryPanel(Component):
    name = "case_summary"
    template_name = "cases/admin/dashboard_panel.html"
    order = 10

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "summary": queue_summary(user=self.user, today=timezone.localdate()),
            "queue_url": reverse("cases_admin:queue"),
            "user_id": self.user.pk,
        }


@hooks.register("construct_homepage_panels")
def add_case_summary_panel(request, panels):
    if handles_cases(request.user):
        panels.insert(0, CaseSummaryPanel(request.user))
