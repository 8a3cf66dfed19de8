"""Helpers for the invitation tests: the link out of the e-mail a new staff member receives."""

import re
from urllib.parse import urlsplit

from django.core import mail

LINK = re.compile(r"https?://\S+/admin/invitation/\?token=[\w-]+")


def link_in_last_email(to: str) -> str:
    sent = [message for message in mail.outbox if to in message.to]
    assert sent, f"no e-mail to {to}"
    found = LINK.search(sent[-1].body)
    assert found, sent[-1].body
    return found.group(0)


def path_of(link: str) -> str:
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"
