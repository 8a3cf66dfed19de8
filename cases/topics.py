"""The background jobs the cases app records, and the events it announces to other apps.

`CASE_CHANGED` is published by every service that changes what a case shows (status, school,
assignee, a new report or message ...); `CASE_PURGED` by the retention purge;
`REPORT_RECEIVED` by intake, once per new case. Apps that keep
derived data about cases (search, trends) subscribe to them in their own topics.py.
"""

from django.utils.translation import gettext_lazy as _

from jobs.registry import Event, Topic, register_topics

CASE_CHANGED = Event("case.changed")
CASE_PURGED = Event("case.purged")
# A new case was opened from a report (any channel), published by intake in its transaction:
# routing rules subscribe to it (routing/topics.py). Payload: the case and district ids.
REPORT_RECEIVED = Event("report.received")

REPORT_SUBMITTED = Topic(
    "report.submitted",
    _("Announce a new report to its officers"),
    "cases.services.side_effects.fan_out_new_report",
)
# The email topics are at most once: a worker that dies mid-send never sends twice.
STAFF_EMAIL = Topic(
    "staff.email",
    _("Email a staff member"),
    "cases.services.side_effects.send_staff_email",
    at_most_once=True,
)
STAFF_DIGEST = Topic(
    "staff.digest",
    _("Daily digest email"),
    "cases.services.side_effects.send_digest",
    at_most_once=True,
)
REPORTER_UPDATE = Topic(
    "reporter.update",
    _("Tell a reporter there is an update"),
    "cases.services.side_effects.send_reporter_update",
    at_most_once=True,
)

register_topics(REPORT_SUBMITTED, STAFF_EMAIL, STAFF_DIGEST, REPORTER_UPDATE)
