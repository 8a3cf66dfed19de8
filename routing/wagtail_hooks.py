"""Routing in the Wagtail admin: the rules screen, the re-route URL, and the case page's
"Routing" section (through the cases app's `insert_case_page_sections` hook)."""

from django.template.loader import render_to_string
from django.urls import include, path
from wagtail import hooks

from cases.admin.detail import CASE_PAGE_SECTIONS_HOOK
from cases.people import staff_name_and_username
from routing import urls as routing_urls
from routing.admin.rules import RoutingRulesViewSet
from routing.selectors import routing_history, watchers_of_case


@hooks.register("register_admin_viewset")
def register_routing_rules_viewset():
    return RoutingRulesViewSet()


@hooks.register("register_admin_urls")
def register_routing_urls():
    return [path("routing/", include(routing_urls, namespace="routing_admin"))]


@hooks.register(CASE_PAGE_SECTIONS_HOOK)
def case_routing_section(request, case) -> str:
    """Which rules routed the case, its watchers, and the Re-route button."""
    return render_to_string(
        "routing/admin/_case_section.html",
        {
            "case": case,
            "history": routing_history(case=case),
            "watchers": [
                staff_name_and_username(watcher.user) for watcher in watchers_of_case(case=case)
            ],
        },
        request=request,
    )
