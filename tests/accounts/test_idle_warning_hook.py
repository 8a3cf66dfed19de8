"""Every admin page carries the idle-timeout warning, timed from the configured timeout."""

import pytest

from tests.factories import staff_user
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


def test_admin_pages_carry_the_idle_warning_timed_before_the_sign_out(client, settings):
    settings.STAFF_IDLE_TIMEOUT_SECONDS = 15 * 60
    login_staff(client, staff_user())

    page = client.get("/admin/cases/").content.decode()

    assert "accounts/idle-warning.js" in page
    assert 'data-idle-seconds="840"' in page  # 15 minutes less the one-minute refresh step
    assert 'data-warn-seconds="120"' in page
    assert "Stay signed in" in page
