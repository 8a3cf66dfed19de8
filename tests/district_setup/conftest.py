import pytest

from tests.two_districts import two_districts


@pytest.fixture
def world():
    return two_districts()
