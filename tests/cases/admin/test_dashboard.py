"""The back-office dashboard: case handlers get a summary and a menu entry; others do not."""

import pytest
from django.urls import reverse

from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def test_an_officer_sees_the_case_summary_and_the_cases_menu(client, world):
    submit_report(school=world.school, narrative="He said he would kill himself.")
    login_staff(client, world.staff["equity_officer"])

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "2 new cases to acknowledge" in page
    assert "1 open case may involve imminent harm" in page
    assert reverse("cases_admin:queue") in page


@pytest.mark.parametrize("role", ["district_admin", "transfer_officer", "content_editor"])
def test_roles_without_case_access_see_neither(client, world, role):
    login_staff(client, world.staff[role])

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "cases to acknowledge" not in page
    assert reverse("cases_admin:queue") not in page


def test_the_dashboard_draws_the_avatar_here_without_asking_gravatar(client, world):
    """The CSP allows images from this site only, so a Gravatar avatar would show broken
    (and would tell gravatar.com who is signed in)."""
    officer = world.staff["equity_officer"]
    officer.email = "officer@district.example"
    officer.save(update_fields=["email"])
    login_staff(client, officer)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "gravatar" not in page.lower()
    assert 'class="avatar' in page  # the default avatar, from Wagtail's own files
