"""Fixtures shared by the test folders of several apps."""

from contextlib import contextmanager

import pytest


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (dispatch, and eager tasks) as a real commit would."""

    @contextmanager
    def committing():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return committing
