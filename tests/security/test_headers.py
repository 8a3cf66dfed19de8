"""Security headers on the portal, the public pages and the staff admin."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = {"portal": "/report/", "cms": "/", "admin": "/admin/login/"}


@pytest.mark.parametrize("where", sorted(PAGES))
def test_every_kind_of_page_carries_csp_frame_and_referrer_headers(client, where):
    response = client.get(PAGES[where])

    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy or "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy or response["X-Frame-Options"] == "DENY"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in ("no-referrer", "same-origin")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "http://" not in policy
    assert "https://" not in policy


@pytest.mark.parametrize("where", sorted(PAGES))
def test_every_kind_of_page_denies_camera_microphone_and_location(client, where):
    policy = client.get(PAGES[where])["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy


@pytest.mark.parametrize("where", sorted(PAGES))
def test_https_responses_carry_hsts_with_the_production_values(client, settings, where):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get(PAGES[where], secure=True)

    assert response["Strict-Transport-Security"] == ("max-age=63072000; includeSubDomains; preload")
