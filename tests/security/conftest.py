import pytest

from tests.cases.admin.conftest import world  # noqa: F401 - the shared two-district world


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    """Tests walk the portal in milliseconds, faster than the bot check allows a person."""
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0
