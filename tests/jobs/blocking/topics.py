"""Registered only in the worker started by the recovery test (tests/jobs/worker_settings.py)."""

from jobs.registry import Topic, register_topics

HOLD = Topic("test.hold", "Hold until released (tests only)", "tests.jobs.blocking.handlers.hold")

register_topics(HOLD)
