import pytest


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    """Tests walk the steps in milliseconds, faster than the bot check allows a person."""
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0
