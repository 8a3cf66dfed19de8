"""The product's URLs plus the three intake benchmark endpoints (never in `config.urls`)."""

from django.urls import path

from bench import views
from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/intake/", views.intake),
    path("bench/bare-insert/", views.bare_insert),
    path("bench/insert-with-receipt-hash/", views.insert_with_receipt_hash),
    *product_urlpatterns,
]
