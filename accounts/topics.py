"""The background jobs of the accounts app: the invitation e-mail."""

from django.utils.translation import gettext_lazy as _

from jobs.registry import Topic, register_topics

INVITATION_EMAIL = Topic(
    "staff.invitation_email",
    _("Email a staff invitation"),
    "accounts.services.invitations.send_invitation_email",
    at_most_once=True,  # an e-mail: never sent twice by a retry after a crash
)

register_topics(INVITATION_EMAIL)
