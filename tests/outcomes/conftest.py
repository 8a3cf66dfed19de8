import pytest

from tests.cases.admin.world import case_world


@pytest.fixture
def world(db):
    """Two districts, staff in every role, one case with a contact-consented reporter."""
    return case_world()


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    """Tests walk the portal in milliseconds, faster than the bot check allows a person."""
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0
