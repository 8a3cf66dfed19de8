"""Staff intake screens, mounted under /admin/staff-intake/ by wagtail_hooks.py."""

from django.urls import path

from staff_intake import views

app_name = "staff_intake_admin"

urlpatterns = [
    path("", views.RecordReportView.as_view(), name="record"),
    path("receipt/<uuid:handover_id>/", views.receipt, name="receipt"),
    path("paper-form/", views.blank_paper_form, name="paper_form"),
]
