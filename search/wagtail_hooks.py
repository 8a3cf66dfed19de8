"""The search app answers the case queue's search box (`cases.selectors.queue`)."""

from wagtail import hooks

from cases.selectors.queue import NARROW_CASE_QUEUE_HOOK
from search.selectors import search_case_queue

hooks.register(NARROW_CASE_QUEUE_HOOK, search_case_queue)
