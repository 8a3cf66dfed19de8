"""The "Background jobs" screen: what is waiting or failed, and a retry button for each.

Wagtail's own ModelViewSet for the outbox's jobs, registered from cases/admin/job_hooks.py
under /admin/background-jobs/ (the URL the hand-written list had): an index with the filter
drawer (failed jobs unless another status is chosen), ordering and page sizes, and a
"Retry now" row button leading to a confirmation; the retry goes through
`retry_background_job`, which checks the actor itself and audits it.

Who: a superuser (every job) and a district administrator (the jobs recorded for their
districts). Anyone else has no menu item and every URL answers 404, as does another
district's job. Jobs hold ids only; their times are shown as days, since a job's time (a new
report's notice) can date a reporter's action.
"""

import django_filters
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from cases.admin.listings import (
    ObjectPermissionListing,
    ShortDateColumn,
    ViewOnlyPolicy,
    ViewOnlyViewSet,
    short_date,
)
from cases.selectors.outbox import jobs_for_user, user_sees_jobs
from cases.services.jobs import retry_background_job
from jobs.models import OutboxMessage, OutboxStatus
from jobs.registry import label_for

ALL = "all"
RETRYABLE = frozenset({OutboxStatus.FAILED, OutboxStatus.PENDING})


def sees_jobs(user) -> bool:
    """Kept on the user object for the request: the menu and every view ask."""
    if not hasattr(user, "_sees_jobs"):
        user._sees_jobs = user_sees_jobs(user=user)
    return user._sees_jobs


register_permission_policy(
    OutboxMessage, ViewOnlyPolicy(OutboxMessage, may_view=sees_jobs, visible=jobs_for_user)
)


class JobFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Show"),
        choices=[
            (OutboxStatus.FAILED, gettext_lazy("Failed")),
            (OutboxStatus.PENDING, gettext_lazy("Waiting to run")),
            (OutboxStatus.DONE, gettext_lazy("Done")),
            (ALL, gettext_lazy("All")),
        ],
        empty_label=None,
        initial=OutboxStatus.FAILED,
        method="filter_status",
        error_messages={"invalid_choice": gettext_lazy("Choose one of the listed statuses.")},
    )

    class Meta:
        model = OutboxMessage
        fields = ["status"]

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = OutboxStatus.FAILED  # what needs a person, unless asked otherwise
        super().__init__(data, *args, **kwargs)
        self.form.fields["status"].initial = OutboxStatus.FAILED

    def filter_status(self, queryset, name, value) -> QuerySet[OutboxMessage]:
        return queryset if value == ALL else queryset.filter(status=value)


def _next_attempt(job: OutboxMessage) -> str:
    return short_date(job.next_attempt_at) if job.status == OutboxStatus.PENDING else "—"


class _AdministratorsOnly(ObjectPermissionListing):
    def user_may_open(self, user) -> bool:
        return sees_jobs(user)

    def visible_queryset(self) -> QuerySet[OutboxMessage]:
        return jobs_for_user(user=self.request.user)


class JobIndexView(_AdministratorsOnly, generic.IndexView):
    page_title = gettext_lazy("Background jobs")
    default_ordering = "-created_at"
    default_page_size = 50

    def order_queryset(self, queryset) -> QuerySet[OutboxMessage]:
        ordering = self.ordering or "-created_at"
        return queryset.order_by(ordering, "-pk")

    @cached_property
    def no_results_message(self) -> str:
        return _("No jobs to show.")

    def filter_queryset(self, queryset) -> QuerySet[OutboxMessage]:
        if self.filters and not self.filters.is_valid():
            # A status nobody offered: its error shows in the drawer, with the failed jobs.
            return queryset.filter(status=OutboxStatus.FAILED)
        return super().filter_queryset(queryset)

    @cached_property
    def columns(self) -> list[Column]:
        return [
            self._get_title_column_class(TitleColumn)(
                "job",
                label=_("Job"),
                accessor=lambda job: f"#{job.pk}",
                sort_key="pk",
                get_url=lambda job: None,
            ),
            Column("topic", label=_("What"), accessor=lambda job: label_for(job.topic)),
            Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
            Column("attempts", label=_("Attempts"), sort_key="attempts"),
            ShortDateColumn("created_at", label=_("Recorded"), sort_key="created_at"),
            Column("next_attempt_at", label=_("Next attempt"), accessor=_next_attempt),
            Column("error", label=_("Last error"), accessor=lambda job: job.error_text or "—"),
        ]

    def get_list_more_buttons(self, instance: OutboxMessage) -> list[Button]:
        if instance.status not in RETRYABLE:
            return []
        button = Button(
            _("Retry now"),
            url=reverse("jobs_admin:retry", args=[instance.pk]),
            icon_name="rotate",
            priority=10,
            attrs={"aria-label": _("Retry job %(id)s") % {"id": instance.pk}},
        )
        button.allow_in_dropdown = False  # one action: a button in the row, not a menu
        return [button]


class RetryJobView(_AdministratorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm; POST runs the job again through the service and goes back to
    the list with the status it showed."""

    template_name = "cases/jobs/confirm_retry.html"
    page_title = gettext_lazy("Retry a background job")
    header_icon = "cogs"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.job_id = kwargs["pk"]

    @cached_property
    def job(self) -> OutboxMessage:
        job = self.visible_queryset().filter(pk=self.job_id).first()
        if job is None:
            raise Http404  # another district's job, exactly as if it did not exist
        return job

    def dispatch(self, request, *args, **kwargs):
        if self.user_may_open(request.user):
            self.job  # noqa: B018 (the 404 comes before the method is looked at)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self) -> str:
        return _("Job %(id)s") % {"id": self.job.pk}

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("jobs_admin:index"), "label": _("Background jobs")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "job": self.job,
            "topic_label": label_for(self.job.topic),
            "status": self.request.GET.get("status", ""),
            "index_url": reverse("jobs_admin:index"),
        }

    def post(self, request, *args, **kwargs):
        job = self.job
        if job.status == OutboxStatus.DONE:
            messages.warning(request, _("Job %(id)s has already run.") % {"id": job.pk})
        else:
            retry_background_job(job=job, actor=request.user)
            messages.success(request, _("Job %(id)s will run again now.") % {"id": job.pk})
        status = request.POST.get("status", "")
        index = reverse("jobs_admin:index")
        return redirect(f"{index}?{urlencode({'status': status})}" if status else index)


class BackgroundJobsViewSet(ViewOnlyViewSet):
    # A job is only ever retried (`retry_view`).
    model = OutboxMessage
    name = "jobs_admin"
    url_prefix = "background-jobs"
    icon = "cogs"
    menu_label = gettext_lazy("Background jobs")
    add_to_settings_menu = False  # the menu item is job_hooks.py's, shown per user
    index_view_class = JobIndexView
    index_template_name = "cases/jobs/index.html"
    filterset_class = JobFilterSet

    @property
    def retry_view(self):
        return RetryJobView.as_view()

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/retry/", self.retry_view, name="retry"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()
