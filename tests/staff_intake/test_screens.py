"""The "Record a report" screen: an officer types in a phone report, in the portal's own
questions, and gets its receipt once, in the reporter's language. Nobody else finds it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, Report
from cases.roles import Role
from privacy.receipts import hash_receipt, normalise_receipt
from tests.factories import SchoolFactory, staff_user
from tests.staff import login_staff
from tests.staff_intake.intake import NARRATIVE, officer_and_school, screen_data

pytestmark = pytest.mark.django_db

RECORD = reverse("staff_intake_admin:record")


def test_the_screen_offers_only_the_officers_schools_with_breadcrumbs(client):
    officer, _school = officer_and_school()
    SchoolFactory(name="Elsewhere High")
    login_staff(client, officer)

    page = client.get(RECORD)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Cedar Middle" in text
    assert "Elsewhere High" not in text
    assert 'aria-label="Breadcrumb"' in text or "breadcrumb" in text
    assert "Record a report" in text
    assert "Phone call" in text
    assert "E-mail" in text
    assert "Online form" not in text  # staff never enter a web report
    assert page["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize("role", [Role.DISTRICT_ADMINISTRATOR, Role.TRANSFER_OFFICER])
def test_staff_who_handle_no_cases_get_404(client, role):
    _officer, school = officer_and_school()
    login_staff(client, staff_user(role=role, district=school.district))

    assert client.get(RECORD).status_code == 404
    assert client.post(RECORD, screen_data(school)).status_code == 404
    assert not Case.objects.exists()


def test_a_phone_report_in_spanish_ends_on_its_receipt_shown_once(client):
    officer, school = officer_and_school()
    login_staff(client, officer)
    received = timezone.localdate() - timedelta(days=2)

    sent = client.post(RECORD, screen_data(school, received_on=received.isoformat()))

    report = Report.objects.get()
    assert (report.channel, report.language, report.submitted_on) == ("phone", "es", received)
    assert report.narrative == NARRATIVE
    assert sent.status_code == 302
    receipt_page = client.get(sent["Location"])
    text = receipt_page.content.decode()
    assert '<html lang="es">' in text
    assert "Su código de recibo" in text
    assert 'media="print"' in text
    code = receipt_page.context["receipt_groups"]
    assert report.receipt_hash == hash_receipt(normalise_receipt("".join(code)))
    again = client.get(sent["Location"])
    assert again.status_code == 410
    assert "".join(code) not in again.content.decode().replace(" ", "")
    assert "already been shown" in again.content.decode()


def test_another_officers_receipt_is_a_404(client):
    officer, school = officer_and_school()
    login_staff(client, officer)
    sent = client.post(RECORD, screen_data(school))
    client.logout()
    colleague = staff_user(district=school.district, username="officer.lee")
    login_staff(client, colleague)

    assert client.get(sent["Location"]).status_code == 404


def test_a_declined_receipt_goes_to_the_case(client):
    officer, school = officer_and_school()
    login_staff(client, officer)

    sent = client.post(RECORD, screen_data(school, receipt="declined"), follow=True)

    case = Case.objects.get()
    assert sent.redirect_chain[-1][0] == reverse("cases_admin:detail", args=[case.pk])
    assert "The reporter declined a receipt." in sent.content.decode()


def test_mistakes_are_explained_and_nothing_typed_is_lost(client):
    officer, school = officer_and_school()
    login_staff(client, officer)
    tomorrow = timezone.localdate() + timedelta(days=1)

    page = client.post(
        RECORD,
        screen_data(
            school,
            received_on=tomorrow.isoformat(),
            bias_bases=[],
            people_involved="Jordan, the bus driver",
        ),
    )

    text = page.content.decode()
    assert page.status_code == 400
    assert "The day received cannot be in the future." in text
    assert "Choose at least one reason, or &#x27;Something else&#x27;." in text
    assert NARRATIVE in text
    assert "Jordan, the bus driver" in text
    assert not Case.objects.exists()


def test_a_day_before_the_district_took_reports_is_refused_in_words(client):
    officer, school = officer_and_school(name="Northvale", established_on=date(2024, 9, 1))
    login_staff(client, officer)

    page = client.post(RECORD, screen_data(school, received_on="2024-08-30", narrative=""))

    text = page.content.decode()
    assert page.status_code == 400
    assert "Northvale takes reports since Sept. 1, 2024." in text
    assert "Tell us what happened, even in a few words." in text  # both at once
    assert not Case.objects.exists()


def test_a_school_the_officer_does_not_handle_is_refused(client):
    officer, _school = officer_and_school()
    elsewhere = SchoolFactory()
    login_staff(client, officer)

    page = client.post(RECORD, screen_data(elsewhere))

    assert page.status_code == 400
    assert not Case.objects.exists()


def test_the_menu_offers_record_a_report_to_officers_only(client):
    officer, school = officer_and_school()
    login_staff(client, officer)
    assert RECORD in client.get(reverse("wagtailadmin_home")).content.decode()

    client.logout()
    login_staff(client, staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=school.district))
    assert RECORD not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_report_that_mentions_harm_prints_the_crisis_contacts_on_the_receipt(client):
    officer, school = officer_and_school()
    login_staff(client, officer)

    sent = client.post(
        RECORD, screen_data(school, narrative="Dijo que va a traer una pistola a la escuela.")
    )

    sheet = client.get(sent["Location"]).content.decode()
    assert Case.objects.get().life_safety
    assert "988" in sheet
    assert 'role="alert"' in sheet
