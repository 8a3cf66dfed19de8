"""Routing's outbox topics: it subscribes to intake's REPORT_RECEIVED and routes the case
after the new-report delay (routing/services.py says why)."""

from django.utils.translation import gettext_lazy as _

from cases.topics import REPORT_RECEIVED
from jobs.registry import Topic, register_topics

REPORT_RECEIVED_ROUTING = Topic(
    "routing.report_received",
    _("Schedule the routing of a new case"),
    "routing.services.route_new_case",
    on=REPORT_RECEIVED,
)
ROUTE_NEW_CASE = Topic(
    "routing.route_new_case",
    _("Apply the routing rules to a new case"),
    "routing.services.apply_rules_to_new_case",
)

register_topics(REPORT_RECEIVED_ROUTING, ROUTE_NEW_CASE)
