"""Keeping the index in step with the cases: after commit, through the outbox.

Every case service that changes what a case shows publishes `cases.topics.CASE_CHANGED` in
its own transaction; this app's `search.index_case` job, subscribed to it (search/topics.py),
rebuilds that case's entry from fresh rows. A purge publishes `CASE_PURGED`, and
`search.remove_case` drops the entry.
"""

from search.backends import get_backend


def index_case_job(payload: dict) -> None:
    get_backend().index_cases([payload["case"]])


def remove_case_job(payload: dict) -> None:
    get_backend().delete_cases([payload["case"]])
