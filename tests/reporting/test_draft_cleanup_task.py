"""Abandoned drafts disappear on schedule, so half-written reports are not kept."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from reporting.drafts import find_draft, start_draft
from reporting.models import ReportDraft
from reporting.tasks import purge_expired_drafts

pytestmark = pytest.mark.django_db


def test_the_periodic_task_deletes_expired_drafts_and_keeps_live_ones():
    abandoned, live = start_draft(), start_draft()
    ReportDraft.objects.filter(pk=abandoned.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )

    result = purge_expired_drafts.delay().get()

    assert result["drafts"] == 1
    assert find_draft(str(abandoned.pk)) is None
    assert find_draft(str(live.pk)) is not None


def test_the_cleanup_is_on_the_beat_schedule():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reporting.tasks.purge_expired_drafts" in tasks
