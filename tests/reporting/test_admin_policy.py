"""The staff admin keeps working under its Content-Security-Policy."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.staff import login_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/pages/", "/admin/images/"])
def test_admin_pages_work_under_a_policy_that_allows_no_other_origin(client, path):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 20)
    if path != "/admin/login/":
        login_staff(client, user)
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "http" not in policy  # no third-party origin is allowed for anything
    page = response.content.decode()
    assert not re.findall(r'src="(https?://[^/"]+)', page)


def test_the_public_site_policy_is_strict_and_the_admin_one_is_scoped_to_admin(client):
    public = client.get("/report/")["Content-Security-Policy"]
    assert "unsafe-inline" not in public
    assert "frame-ancestors 'none'" in public
