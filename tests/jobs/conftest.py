"""Fixtures for the outbox and the worker (the broker helpers are in tests/jobs/broker.py)."""

import pytest

from tests.factories import SchoolFactory, staff_user
from tests.jobs.broker import celery_broker, closed_port_url


@pytest.fixture
def broker_down():
    with celery_broker(closed_port_url()):
        yield


@pytest.fixture
def school():
    return SchoolFactory()


@pytest.fixture
def officer(school):
    return staff_user(school=school)
