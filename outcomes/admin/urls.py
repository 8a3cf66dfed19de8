"""Outcome screens, mounted under /admin/outcomes/ by outcomes/wagtail_hooks.py."""

from django.urls import path

from outcomes.admin import notice

app_name = "outcomes_admin"

urlpatterns = [
    path("cases/<uuid:case_id>/notice/", notice.outcome_notice_view, name="notice"),
]
