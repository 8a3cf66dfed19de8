import pytest

from tests.two_districts import two_districts


@pytest.fixture
def world(db):
    """Northvale (Cedar and Lakeview, an officer, a Lakeview officer, an administrator) and
    Riverbend (Hill, the "stranger" officer): tests/two_districts.py."""
    return two_districts()
