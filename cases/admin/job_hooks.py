"""The background jobs screen in the Wagtail admin, for superusers and district administrators.

Registered from cases/wagtail_hooks.py: the viewset (cases/admin/jobs.py) and its menu item
under Settings. Everyone else gets 404 on its URLs and no menu item.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.admin import jobs


@hooks.register("register_admin_viewset")
def register_jobs_viewset():
    return jobs.BackgroundJobsViewSet()


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return jobs.sees_jobs(request.user)


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(
        _("Background jobs"), reverse("jobs_admin:index"), name="background-jobs", icon_name="cogs"
    )
