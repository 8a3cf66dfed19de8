"""Outcome notices in the Wagtail admin: the officer's notice page, the case page's section
(the cases app's `insert_case_page_sections` hook) and the district administrator's screens."""

from django.urls import include, path
from wagtail import hooks

from cases.admin.detail import CASE_PAGE_SECTIONS_HOOK
from outcomes.admin import notice
from outcomes.admin import urls as outcome_urls
from outcomes.admin.texts import CheckInDaysViewSet, NoticeTextsViewSet


@hooks.register("register_admin_urls")
def register_outcome_urls():
    return [path("outcomes/", include(outcome_urls, namespace="outcomes_admin"))]


@hooks.register(CASE_PAGE_SECTIONS_HOOK)
def case_outcome_section(request, case) -> str:
    return notice.case_outcome_section(request, case)


@hooks.register("register_admin_viewset")
def register_notice_texts_viewset():
    return NoticeTextsViewSet()


@hooks.register("register_admin_viewset")
def register_check_in_days_viewset():
    return CheckInDaysViewSet()
