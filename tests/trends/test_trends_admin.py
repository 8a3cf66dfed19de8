"""A district administrator reads trend charts and downloads suppressed CSVs, and nobody else."""

import csv
import io
import re

import pytest
from django.urls import reverse

from cases.models import AuditEvent
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

NARRATIVE = "Someone wrote a slur about Priyanka on the trombone lockers."


@pytest.fixture
def seeded(trends_world, django_capture_on_commit_callbacks):
    """26 cases: 12 race at Cedar, 11 disability and 3 religion at Lakeview, 1 elsewhere.

    Each submission commits and its outbox jobs run, as in production: that is what counts
    the case into the trend cells."""
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(12):
            submit_report(school=trends_world.school, narrative=NARRATIVE)
        for _ in range(11):
            submit_report(school=trends_world.other_school, bias_basis_codes=["disability"])
        for _ in range(3):
            submit_report(school=trends_world.other_school, bias_basis_codes=["religion"])
        submit_report(school=trends_world.far_school)  # Riverbend: never in Northvale's numbers
    return trends_world


def _csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_an_administrator_sees_trend_charts_without_any_narrative(client, seeded):
    login_staff(client, seeded.administrator)

    response = client.get(reverse("trends_admin:dashboard"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page
    assert "Cases by bias basis" in page
    assert "Year over year" in page
    # Nothing is loaded from another host (a CDN or a chart service).
    assert not re.search(r'src="(?:https?:)?//', page)
    assert not re.search(r'<link[^>]*href="(?:https?:)?//', page)
    for word in ("Priyanka", "trombone", "Jordan Pike"):
        assert word not in page


def test_the_basis_csv_suppresses_small_cells_and_their_complement(client, seeded):
    login_staff(client, seeded.administrator)

    rows = _csv(client.get(reverse("trends_admin:csv", args=["basis"])))

    header, cases = rows
    values = dict(zip(header, cases, strict=True))
    assert values["Race"] == "12"
    assert values["Religion"] == "suppressed"  # 3 is below 10
    assert values["Disability"] == "suppressed"  # else 26 - 12 = 14 - 11 gives the 3 back
    assert values["Total"] == "26"
    assert AuditEvent.objects.filter(action="trends.exported", district=seeded.district).exists()


def test_the_crdc_export_counts_allegations_per_school_and_suppresses(client, seeded):
    login_staff(client, seeded.administrator)

    rows = _csv(client.get(reverse("trends_admin:csv", args=["crdc"])))

    header = rows[0]
    by_school = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert header[1:6] == [
        "Sex",
        "Race, color or national origin",
        "Disability",
        "Sexual orientation",
        "Religion",
    ]
    assert by_school["Cedar Middle"]["Race, color or national origin"] == "12"
    assert by_school["Lakeview Middle"]["Religion"] == "suppressed"
    assert by_school["Lakeview Middle"]["Disability"] == "suppressed"
    assert by_school["Lakeview Middle"]["Total"] == "14"
    assert "Hill Middle" not in by_school


def test_another_districts_trends_answer_404(client, seeded):
    login_staff(client, seeded.administrator)
    other = seeded.other_district.pk

    assert client.get(reverse("trends_admin:dashboard"), {"district": other}).status_code == 404
    url = reverse("trends_admin:csv", args=["basis"])
    assert client.get(url, {"district": other}).status_code == 404


def test_officers_without_the_trend_role_get_404(client, seeded):
    login_staff(client, seeded.officer)

    assert client.get(reverse("trends_admin:dashboard")).status_code == 404
    assert client.get(reverse("trends_admin:csv", args=["month"])).status_code == 404


def test_a_malformed_year_is_explained_not_a_server_error(client, seeded):
    login_staff(client, seeded.administrator)

    response = client.get(reverse("trends_admin:dashboard"), {"year": "abc"})

    assert response.status_code == 200
    assert "Choose one of the listed school years." in response.content.decode()
    assert client.get("/admin/trends/nonsense.csv").status_code == 404


def test_the_trends_menu_item_shows_only_to_trend_readers(client, trends_world):
    login_staff(client, trends_world.administrator)
    assert reverse("trends_admin:dashboard") in client.get("/admin/").content.decode()

    client.logout()
    login_staff(client, trends_world.officer)
    assert reverse("trends_admin:dashboard") not in client.get("/admin/").content.decode()
