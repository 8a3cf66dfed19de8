"""Keeping the index in step with the cases: after commit, through the outbox.

Every case service that changes what a case shows publishes `cases.topics.CASE_CHANGED` in
its own transaction; this app's `search.index_case` job, subscribed to it (search/topics.py),
rebuilds that case's entry from fresh rows. A purge publishes `CASE_PURGED`, and
`search.remove_case` drops the entry.

Once the entry is rebuilt, `search.topics.CASE_INDEXED` is published in the job's own
transaction (alerts matches saved searches on it). A retried job publishes it again:
subscribers must be safe to run twice.
"""

from jobs.outbox import publish
from search.backends import get_backend
from search.topics import CASE_INDEXED


def index_case_job(payload: dict) -> None:
    get_backend().index_cases([payload["case"]])
    publish(event=CASE_INDEXED, payload=payload)


def remove_case_job(payload: dict) -> None:
    get_backend().delete_cases([payload["case"]])
