"""Staff sign in to the Wagtail admin; people without a role cannot."""

import pytest

from cases.roles import Role
from tests.factories import STAFF_PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_a_staff_member_signs_in_to_the_back_office(client):
    staff_user(role=Role.EQUITY_OFFICER, username="officer")

    response = client.post(
        "/admin/login/", {"username": "officer", "password": STAFF_PASSWORD}, follow=True
    )

    assert response.status_code == 200
    assert response.wsgi_request.user.username == "officer"
    # The password is only the first step: two-factor comes next (test_two_factor.py).
    assert response.redirect_chain[-1][0].startswith("/admin/2fa/set-up/")


def test_a_user_without_a_role_is_not_let_in(client):
    UserFactory(username="visitor")
    client.post("/admin/login/", {"username": "visitor", "password": STAFF_PASSWORD})
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_home_page_and_admin_login_are_served(client):
    from cms.demo import seed_home_page

    seed_home_page()
    home = client.get("/")
    assert home.status_code == 200
    assert b"Report an incident" in home.content
    assert client.get("/admin/login/").status_code == 200
