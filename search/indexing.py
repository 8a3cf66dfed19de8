"""Keeping the index in step with the cases: after commit, through the outbox.

Saving a case or adding a message records a `search.index_case` job in the same transaction
(`case_search_stale`); the outbox publishes it to Celery after commit, and the handler rebuilds
that case's entry from fresh rows, and recounts the trend cells of the case's month
(`search.trend_counts`). A purge removes the entry and recounts the month it leaves.
"""

from django.db.models.signals import post_save

from cases.models import Case, ReporterMessage
from cases.services.outbox import enqueue_side_effect
from cases.services.retention import case_purged
from cases.services.side_effects import register_handler
from search.backends import get_backend
from search.trend_counts import refresh_case_trend_counts, refresh_purged_case_trend_counts

SEARCH_INDEX_CASE = "search.index_case"

# Saves touching only these fields change nothing the index holds.
_NOT_INDEXED = frozenset({"updated_at", "findings", "actions_taken", "legal_hold"})


def sync_case(*, case_id) -> None:
    get_backend().index_cases([case_id])


def remove_case(*, case_id) -> None:
    get_backend().delete_cases([case_id])


def case_search_stale(*, case_id, district_id: int) -> None:
    """The case's search entry must be rebuilt once this transaction commits."""
    enqueue_side_effect(
        topic=SEARCH_INDEX_CASE, payload={"case": str(case_id), "district": district_id}
    )


def _index_case(payload: dict) -> None:
    # Trend cells first: they live in the database, so a search engine that is down and makes
    # this job retry does not hold the trend reports back.
    refresh_case_trend_counts(case_id=payload["case"])
    sync_case(case_id=payload["case"])


def _case_saved(sender, instance: Case, update_fields=None, raw=False, **kwargs) -> None:
    if raw or (update_fields is not None and set(update_fields) <= _NOT_INDEXED):
        return
    case_search_stale(case_id=instance.pk, district_id=instance.district_id)


def _message_saved(sender, instance: ReporterMessage, created=False, raw=False, **kwargs) -> None:
    if raw or not created:
        return
    case = Case.objects.only("pk", "district_id").get(reports__messages=instance)
    case_search_stale(case_id=case.pk, district_id=case.district_id)


def _case_purged(sender, case_id, district_id, **kwargs) -> None:
    refresh_purged_case_trend_counts(case_id=case_id, district_id=district_id)
    remove_case(case_id=case_id)


def connect_signals() -> None:
    register_handler(topic=SEARCH_INDEX_CASE, handler=_index_case)
    post_save.connect(_case_saved, sender=Case, dispatch_uid="search.case_saved")
    post_save.connect(_message_saved, sender=ReporterMessage, dispatch_uid="search.message_saved")
    case_purged.connect(_case_purged, dispatch_uid="search.case_purged")
