"""Trend screens, mounted under /admin/trends/ by search/wagtail_hooks.py."""

from django.urls import path

from trends import views as admin_views

app_name = "trends_admin"

urlpatterns = [
    path("", admin_views.trends_dashboard, name="dashboard"),
    path("<slug:key>.csv", admin_views.trend_csv, name="csv"),
]
