"""The background jobs screen: what is waiting or failed, and a retry button for each."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.selectors.outbox import jobs_for_user, user_sees_jobs
from cases.services.jobs import retry_background_job
from jobs.models import OutboxMessage, OutboxStatus
from jobs.registry import label_for

PAGE_SIZE = 50
ALL = "all"


class JobFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[
            (OutboxStatus.FAILED, gettext_lazy("Failed")),
            (OutboxStatus.PENDING, gettext_lazy("Waiting to run")),
            (OutboxStatus.DONE, gettext_lazy("Done")),
            (ALL, gettext_lazy("All")),
        ],
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose one of the listed statuses.")},
    )


def job_list(request):
    if not user_sees_jobs(user=request.user):
        raise Http404
    form = JobFilterForm(request.GET or None)
    status = OutboxStatus.FAILED
    if form.is_valid() and form.cleaned_data["status"]:
        status = form.cleaned_data["status"]
    jobs = jobs_for_user(user=request.user).order_by("-created_at", "-pk")
    if status != ALL:
        jobs = jobs.filter(status=status)
    page = Paginator(jobs, PAGE_SIZE).get_page(request.GET.get("page"))
    for job in page.object_list:
        job.topic_label = label_for(job.topic)
    return TemplateResponse(
        request,
        "cases/jobs/list.html",
        {
            "header_title": _("Background jobs"),
            "form": form,
            "status": status,
            "page": page,
            "jobs": page.object_list,
            "retryable": {OutboxStatus.FAILED, OutboxStatus.PENDING},
        },
    )


def retry_job(request, job_id: int):
    try:
        job = jobs_for_user(user=request.user).get(pk=job_id)
    except OutboxMessage.DoesNotExist:
        raise Http404 from None
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if job.status == OutboxStatus.DONE:
        messages.warning(request, _("Job %(id)s has already run.") % {"id": job.pk})
    else:
        retry_background_job(job=job, actor=request.user)
        messages.success(request, _("Job %(id)s will run again now.") % {"id": job.pk})
    return redirect(f"{reverse('jobs_admin:list')}?status={request.POST.get('status', '')}")
