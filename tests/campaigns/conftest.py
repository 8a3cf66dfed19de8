"""Two districts and their staff (tests/two_districts.py); grouping runs through the outbox."""

import pytest

from tests.two_districts import two_districts


@pytest.fixture
def world(db):
    return two_districts()
