from django.urls import path

from accounts import views

app_name = "staff_security"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.enrol, name="enrol"),
    path("set-up/qr-code.svg", views.enrolment_qr_code, name="enrol_qr"),
]
