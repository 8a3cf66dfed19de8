from django.urls import path

from accounts import invitation_views

app_name = "staff_invitation"

urlpatterns = [
    path("", invitation_views.open_invitation, name="open"),
]
