"""The search app answers the case queue's search box (`cases.selectors.queue`)."""

from wagtail import hooks

from cases.selectors.queue import FIRST_CASE_QUEUE_MATCHES_HOOK, NARROW_CASE_QUEUE_HOOK
from search.selectors import first_case_queue_matches, search_case_queue

hooks.register(NARROW_CASE_QUEUE_HOOK, search_case_queue)
hooks.register(FIRST_CASE_QUEUE_MATCHES_HOOK, first_case_queue_matches)
