"""Signatures follow the cases through the outbox, like the search index does."""

from django.utils.translation import gettext_lazy as _

from cases.topics import CASE_CHANGED, CASE_PURGED
from jobs.registry import Topic, register_topics

CAMPAIGN_SIGN_CASE = Topic(
    "campaigns.sign_case",
    _("Update a case's similar-report grouping"),
    "campaigns.grouping.sign_case_job",
    on=CASE_CHANGED,
)
CAMPAIGN_FORGET_CASE = Topic(
    "campaigns.forget_case",
    _("Regroup similar reports after a purge"),
    "campaigns.grouping.forget_purged_case_job",
    on=CASE_PURGED,
)

register_topics(CAMPAIGN_SIGN_CASE, CAMPAIGN_FORGET_CASE)
