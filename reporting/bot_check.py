"""Is this submission from a person? Checked without any third party and without knowing who.

A draft is created server-side when the reporter starts, so its age is a time token no bot can
forge; the review form carries a honeypot. If the check itself fails, the submission is refused
(fail closed): the draft is kept, so the reporter loses nothing and can press Send again.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.models import ReportDraft

logger = logging.getLogger(__name__)


def minimum_draft_age() -> timedelta:
    return timedelta(seconds=getattr(settings, "REPORTING_MIN_SECONDS_TO_SUBMIT", 10))


def refusal_reason(*, draft: ReportDraft) -> str | None:
    """None when the draft looks like a person's work, else a message the reporter can act on."""
    try:
        if timezone.now() - draft.created_at < minimum_draft_age():
            return _("That was very fast. Check your answers, then press Send again.")
        return None
    except Exception:
        logger.warning("Bot check failed; submission refused and draft kept.")
        return _("We could not check your report just now. Wait a moment and press Send again.")
