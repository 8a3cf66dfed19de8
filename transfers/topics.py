"""The background jobs of transfer requests: telling the other district's officers."""

from django.utils.translation import gettext_lazy as _

from jobs.registry import Topic, register_topics

TRANSFER_STEP = Topic(
    "transfer.step",
    _("Tell a district's transfer officers that a request moved"),
    "transfers.side_effects.fan_out_transfer_step",
)
TRANSFER_EMAIL = Topic(
    "transfer.email",
    _("Email a transfer officer"),
    "transfers.side_effects.send_transfer_email",
    at_most_once=True,  # an email: never sent twice by a retry after a crash
)

register_topics(TRANSFER_STEP, TRANSFER_EMAIL)
