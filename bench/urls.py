"""The product's URLs plus the two intake benchmark endpoints (never in `config.urls`)."""

from django.urls import path

from bench import views
from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/intake/", views.intake),
    path("bench/bare-insert/", views.bare_insert),
    *product_urlpatterns,
]
