"""Saved searches follow the case index: each freshly indexed case is matched against them."""

from django.utils.translation import gettext_lazy as _

from jobs.registry import Topic, register_topics
from search.topics import CASE_INDEXED

ALERTS_MATCH_CASE = Topic(
    "alerts.match_case",
    _("Match a case against saved searches"),
    "alerts.matching.match_case_job",
    on=CASE_INDEXED,
)

register_topics(ALERTS_MATCH_CASE)
