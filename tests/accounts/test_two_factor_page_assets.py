"""The set-up page loads Wagtail's icons and translations before the second factor is entered,
so the page shows its icons and its form once (not a copy of the page inside itself)."""

import pytest

from tests.factories import staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/admin/sprite/", "image/svg+xml"), ("/admin/jsi18n/", "text/javascript")],
)
def test_an_officer_setting_up_two_factor_gets_the_pages_icons_and_translations(
    client, path, content_type
):
    client.force_login(staff_user(username="newofficer"))
    assert client.get("/admin/cases/").status_code == 302  # still behind the second factor

    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
