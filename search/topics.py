"""The search index follows the cases through the outbox."""

from django.utils.translation import gettext_lazy as _

from cases.topics import CASE_CHANGED, CASE_PURGED
from jobs.registry import Topic, register_topics

SEARCH_INDEX_CASE = Topic(
    "search.index_case",
    _("Update a case's search entry"),
    "search.indexing.index_case_job",
    on=CASE_CHANGED,
)
SEARCH_REMOVE_CASE = Topic(
    "search.remove_case",
    _("Remove a purged case from search"),
    "search.indexing.remove_case_job",
    on=CASE_PURGED,
)

register_topics(SEARCH_INDEX_CASE, SEARCH_REMOVE_CASE)
