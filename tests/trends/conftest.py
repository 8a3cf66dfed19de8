import pytest

from tests.two_districts import two_districts


@pytest.fixture
def trends_world(db):
    """Northvale and Riverbend with their staff (tests/two_districts.py)."""
    return two_districts()
