"""The district administrator's "Outcome notice texts" and "Outcome check-ins" screens."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import AuditEvent
from outcomes.models import NoticeTemplate, OutcomeSettings
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

TEXTS = "/admin/outcome-texts/"
DAYS = "/admin/outcome-check-ins/"


def _text(district, **overrides) -> NoticeTemplate:
    values = {
        "district": district,
        "language": "en",
        "kind": "outcome",
        "name": "Substantiated",
        "body": "We found it happened.",
    }
    return NoticeTemplate.objects.create(**{**values, **overrides})


def test_the_administrator_adds_the_appeal_and_ocr_text_in_spanish(client, world):
    admin = world.staff["district_admin"]
    login_staff(client, admin)

    response = client.post(
        f"{TEXTS}new/",
        {
            "district": world.district.pk,
            "language": "es",
            "kind": "rights",
            "name": "Derechos",
            "body": "Puede apelar en 15 días.",
        },
    )

    assert response.status_code == 302
    text = NoticeTemplate.objects.get()
    assert (text.kind, text.language) == ("rights", "es")
    event = AuditEvent.objects.get(action="outcome.text_added")
    assert event.actor == admin


def test_a_second_rights_text_in_one_language_is_refused_in_words(client, world):
    _text(world.district, kind="rights", name="Rights")
    login_staff(client, world.staff["district_admin"])

    response = client.post(
        f"{TEXTS}new/",
        {
            "district": world.district.pk,
            "language": "en",
            "kind": "rights",
            "name": "Other rights",
            "body": "Typed text kept",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "already has an appeal and OCR text in this language" in page
    assert "Typed text kept" in page


def test_the_administrator_sets_the_check_in_days(client, world):
    login_staff(client, world.staff["district_admin"])

    response = client.post(f"{DAYS}new/", {"district": world.district.pk, "check_in_days": "60,14"})

    assert response.status_code == 302
    assert OutcomeSettings.objects.get(district=world.district).check_in_days == "14, 60"


def test_unusable_days_are_refused_in_words_and_kept(client, world):
    login_staff(client, world.staff["district_admin"])

    response = client.post(
        f"{DAYS}new/", {"district": world.district.pk, "check_in_days": "30, soon"}
    )

    page = response.content.decode()
    assert "is not a number of days between 1 and 730" in page
    assert "30, soon" in page
    assert not OutcomeSettings.objects.exists()


def test_another_districts_rows_are_not_found(client, world):
    other = _text(world.other_district)
    other_days = OutcomeSettings.objects.create(district=world.other_district)
    login_staff(client, world.staff["district_admin"])

    assert other.name not in client.get(TEXTS).content.decode()
    assert client.get(f"{TEXTS}edit/{other.pk}/").status_code == 404
    assert client.post(f"{TEXTS}delete/{other.pk}/").status_code == 404
    assert client.get(f"{DAYS}edit/{other_days.pk}/").status_code == 404
    assert NoticeTemplate.objects.filter(pk=other.pk).exists()


def test_a_text_cannot_be_moved_to_a_district_one_does_not_administer(client, world):
    mine = _text(world.district)
    login_staff(client, world.staff["district_admin"])

    client.post(
        f"{TEXTS}edit/{mine.pk}/",
        {
            "district": world.other_district.pk,
            "language": "en",
            "kind": "outcome",
            "name": "Moved",
            "body": "x",
        },
    )

    mine.refresh_from_db()
    assert mine.district == world.district


@pytest.mark.parametrize(
    "role", ["equity_officer", "title_ix", "transfer_officer", "other_district_officer"]
)
def test_staff_who_administer_no_district_get_404(client, world, role):
    mine = _text(world.district)
    login_staff(client, world.staff[role])

    for url in (TEXTS, f"{TEXTS}new/", f"{TEXTS}edit/{mine.pk}/", DAYS, f"{DAYS}new/"):
        assert client.get(url).status_code == 404, url


def test_the_menu_shows_the_screens_to_the_administrator_only(client, world):
    login_staff(client, world.staff["district_admin"])
    assert "Outcome notice texts" in client.get(reverse("wagtailadmin_home")).content.decode()

    login_staff(client, world.staff["equity_officer"])
    assert "Outcome notice texts" not in client.get(reverse("wagtailadmin_home")).content.decode()


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_texts_list_costs_the_same_for_2_and_20_texts(client, world):
    login_staff(client, world.staff["district_admin"])
    for index in range(2):
        _text(world.district, name=f"Wording {index}")
    few = _queries(client, TEXTS)
    for index in range(2, 20):
        _text(world.district, name=f"Wording {index}", language="es" if index % 2 else "en")
    many = _queries(client, TEXTS)

    assert few == many
