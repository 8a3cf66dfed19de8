"""The background jobs screen in the Wagtail admin, for superusers and district administrators.

Registered from cases/wagtail_hooks.py. Everyone else gets 404 on its URLs and no menu item.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.admin import jobs

urlpatterns = [
    path("", jobs.job_list, name="list"),
    path("<int:job_id>/retry/", jobs.retry_job, name="retry"),
]


@hooks.register("register_admin_urls")
def register_job_urls():
    return [path("background-jobs/", include((urlpatterns, "jobs_admin"), namespace="jobs_admin"))]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return jobs.user_sees_jobs(user=request.user)


@hooks.register("register_settings_menu_item")
def register_jobs_menu_item():
    return JobsMenuItem(
        _("Background jobs"), reverse("jobs_admin:list"), name="background-jobs", icon_name="cogs"
    )
