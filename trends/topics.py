"""Trend cells follow the cases through the outbox; the nightly rebuild repairs the rest."""

from django.utils.translation import gettext_lazy as _

from cases.topics import CASE_CHANGED, CASE_PURGED
from jobs.registry import Topic, register_topics

TRENDS_RECOUNT_CASE = Topic(
    "trends.recount_case",
    _("Recount the trend figures of a case's month"),
    "trends.counts.recount_case_job",
    on=CASE_CHANGED,
)
TRENDS_RECOUNT_PURGED = Topic(
    "trends.recount_purged",
    _("Recount the trend figures after a purge"),
    "trends.counts.recount_purged_case_job",
    on=CASE_PURGED,
)

register_topics(TRENDS_RECOUNT_CASE, TRENDS_RECOUNT_PURGED)
