"""The blank paper form is the portal's questions on paper: every field of every step, in the
language asked for, so a question added to the portal is printed with no other change."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from cases.roles import Role
from reporting.steps import STEPS
from tests.factories import staff_user
from tests.staff import login_staff
from tests.staff_intake.intake import officer_and_school

pytestmark = pytest.mark.django_db

PAPER = reverse("staff_intake_admin:paper_form")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_question_of_every_step_is_printed_in_the_language(client, language):
    officer, _school = officer_and_school()
    login_staff(client, officer)

    page = client.get(PAPER, {"language": language})

    text = page.content.decode()
    assert page.status_code == 200
    assert f'<html lang="{language}">' in text
    with override(language):
        for step in STEPS:
            for name, field in step.form_class().fields.items():
                if name == "website":  # the honeypot people never see
                    assert 'data-field="website"' not in text
                    continue
                assert f'data-field="{name}"' in text, name
                assert str(field.label).replace("'", "&#x27;") in text, name


def test_choices_are_boxes_to_tick_in_spanish(client):
    officer, _school = officer_and_school()
    login_staff(client, officer)

    text = client.get(PAPER, {"language": "es"}).content.decode()

    assert "Autobús escolar o parada del autobús" in text
    assert "☐" in text


def test_an_unknown_language_prints_the_default_one(client):
    officer, _school = officer_and_school()
    login_staff(client, officer)

    page = client.get(PAPER, {"language": "xx"})

    assert '<html lang="en">' in page.content.decode()


def test_staff_who_handle_no_cases_get_404(client):
    _officer, school = officer_and_school()
    login_staff(client, staff_user(role=Role.DISTRICT_ADMINISTRATOR, district=school.district))

    assert client.get(PAPER, {"language": "es"}).status_code == 404
