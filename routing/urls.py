"""Routing actions on a case, mounted under /admin/routing/ by routing/wagtail_hooks.py."""

from django.urls import path

from routing.admin import reroute

app_name = "routing_admin"

urlpatterns = [
    path("cases/<uuid:case_id>/reroute/", reroute.reroute, name="reroute"),
]
