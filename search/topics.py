"""The search index follows the cases through the outbox, and says when a case is indexed.

`CASE_INDEXED` is published once a case's entry has been rebuilt (search/indexing.py), so an
app reacting to it (alerts, which matches saved searches) never acts before the queue's
search box would find the case.
"""

from django.utils.translation import gettext_lazy as _

from cases.topics import CASE_CHANGED, CASE_PURGED
from jobs.registry import Event, Topic, register_topics

CASE_INDEXED = Event("search.case_indexed")

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
