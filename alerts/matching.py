"""The outbox job run after search indexed a case (alerts/topics.py). Safe to run twice: a
(saved search, case) pair is recorded once, and its email is queued once."""

from alerts.services import record_matches


def match_case_job(payload: dict) -> None:
    record_matches(case_id=payload["case"])
