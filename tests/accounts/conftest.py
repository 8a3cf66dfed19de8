import pytest

from tests.cases.admin.world import case_world


@pytest.fixture
def world(db):
    """Two districts, staff in every role, one case (tests/cases/admin/world.py)."""
    return case_world()
