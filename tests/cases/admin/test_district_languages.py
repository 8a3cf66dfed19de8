"""A district administrator chooses the languages of the public site ("Public site languages").

The world (tests/cases/admin/world.py): Northvale, administered by "districtadmin";
Riverbend, with its own officer.
"""

import re

import pytest
from django.urls import reverse

from cases.models import AuditEvent, District
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

SCREEN = reverse("district_languages_admin_edit")


def _post(client, district, languages):
    return client.post(
        SCREEN, {"district": district.pk, f"d{district.pk}-languages": languages}, follow=True
    )


def test_the_administrator_enables_vietnamese_and_arabic_for_their_district(client, world):
    admin = world.staff["district_admin"]
    login_staff(client, admin)

    page = client.get(SCREEN)
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    html = page.content.decode()
    assert "Northvale" in html
    assert "Riverbend" not in html  # not theirs
    assert "Tiếng Việt" in html
    assert "العربية" in html

    response = _post(client, world.district, ["en", "es", "ar", "vi"])

    assert "The public site languages of Northvale are saved." in response.content.decode()
    world.district.refresh_from_db()
    assert world.district.languages == ["en", "es", "ar", "vi"]
    event = AuditEvent.objects.get(action="district.languages_changed")
    assert event.actor == admin
    assert event.detail == {"before": "en/es", "after": "en/es/ar/vi"}
    assert client.get("/vi/report/").status_code == 200  # the public site offers it now


def test_english_stays_and_the_choice_is_kept_on_an_error(client, world):
    login_staff(client, world.staff["district_admin"])

    response = _post(client, world.district, ["es", "vi"])

    assert response.status_code == 400
    html = response.content.decode()
    assert "English is always offered: keep it checked." in html
    assert re.search(r'value="vi"[^>]*checked', html)  # what was ticked is kept
    assert not re.search(r'value="en"[^>]*checked', html)
    world.district.refresh_from_db()
    assert world.district.languages == ["en", "es"]
    assert not AuditEvent.objects.filter(action="district.languages_changed").exists()


def test_another_district_or_another_role_gets_404(client, world):
    login_staff(client, world.staff["district_admin"])
    assert _post(client, world.other_district, ["en", "vi"]).status_code == 404
    assert District.objects.get(pk=world.other_district.pk).languages == ["en", "es"]

    login_staff(client, world.staff["equity_officer"])
    assert client.get(SCREEN).status_code == 404
