from django.urls import path

from reporting.views.receipt import download_receipt, sent
from reporting.views.report import report
from reporting.views.status import status

app_name = "reporting"

urlpatterns = [
    path("report/", report, name="report"),
    path("report/receipt/", download_receipt, name="receipt"),
    path("report/sent/", sent, name="sent"),
    path("report/status/", status, name="status"),
]
