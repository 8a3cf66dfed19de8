"""Fixtures shared by the test folders of several apps."""

from contextlib import contextmanager

import pytest

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
