"""Fixtures shared by the test folders of several apps."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.utils import translation

from jobs import tasks as jobs_tasks
from tests.migrations.executor import migrate_to_latest


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (dispatch, and eager tasks) as a real commit would."""

    @contextmanager
    def committing():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return committing


@pytest.fixture
def latest_schema_afterwards():
    """For a test that migrates back to test one migration: the schema ends at the latest
    migrations again, before the database is restored for the next test."""
    yield
    migrate_to_latest()


@pytest.fixture(autouse=True)
def _broker_outage_forgotten(monkeypatch):
    """A broker outage one test simulates makes the next commits skip the broker for a while
    (jobs.tasks.BROKER_BACKOFF_SECONDS): each test starts with the broker presumed up."""
    monkeypatch.setattr(jobs_tasks, "_broker_unreachable_until", 0.0)


@pytest.fixture(autouse=True)
def _site_language_outside_requests():
    """Each test starts in the site's language: LocaleMiddleware leaves the language of a test's
    last request active in the thread, so a Spanish page in one test would otherwise turn the
    next test's service messages Spanish."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
