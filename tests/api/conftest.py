import pytest


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    """Tests send a report within milliseconds, faster than the bot check allows a person;
    the test of the bot check itself sets the delay back."""
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0
