"""Optimistic concurrency for staff edits of a case or a transfer request.

Every edit form carries the `version` of the row it was built from; the service names it as
`expected_version` and claims the row before writing anything. A stale save is refused with
StaleVersion, which carries the row as it is now, so the screen can show the newer value next
to what the user typed. Nothing is written and nothing is audited for a refused save.
"""

from django.db import models
from django.db.models import F


class StaleVersion(Exception):
    """Someone else saved the row after this form was built; nothing was written."""

    def __init__(self, *, current: models.Model):
        super().__init__(f"{current._meta.label} changed since the form was built")
        self.current = current


def claim_version(*, model: type[models.Model], pk, expected_version: int) -> models.Model:
    """Bump the row's version if it still is `expected_version`; return the row, locked.

    One conditional `UPDATE ... SET version = version + 1 WHERE version = expected`: on
    PostgreSQL the second of two concurrent writers waits for the first one's row lock, then
    finds the version moved and updates nothing; SQLite runs one writer at a time. Call it
    inside the use case's transaction before any other write, so a later refusal (a workflow
    rule, a legal hold) rolls the bump back with everything else.
    """
    rows = model._default_manager.filter(pk=pk)
    if not rows.filter(version=expected_version).update(version=F("version") + 1):
        raise StaleVersion(current=rows.get())
    return rows.select_for_update().get()


def bump_version(*, model: type[models.Model], pks) -> None:
    """For writes without a form (merge sources, bulk assignment): any form still open on
    these rows becomes stale, so its save is refused instead of undoing this write."""
    model._default_manager.filter(pk__in=list(pks)).update(version=F("version") + 1)
