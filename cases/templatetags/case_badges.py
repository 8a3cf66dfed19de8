"""The badges beside a case (possible imminent harm, overdue, ...) on the queue and its page.

Written in Python rather than a template: the queue shows them on every row of a page of up
to 100 (issue 20), and one home keeps both screens saying the same."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

DANGER = "case-badge case-badge--danger"


@register.simple_tag
def case_badges(case, overdue: bool = False) -> SafeString:
    """`overdue` for a page that worked it out itself; the queue's rows carry `is_overdue`."""
    badges = []
    if case.life_safety:
        badges.append((DANGER, _("Possible imminent harm")))
    if overdue or getattr(case, "is_overdue", False):
        badges.append(("case-badge case-badge--overdue", _("Overdue")))
    if case.retaliation_follow_up:
        badges.append((DANGER, _("Retaliation follow-up")))
    if case.district_only:
        badges.append(("case-badge", _("District level only")))
    if case.legal_hold:
        badges.append(("case-badge case-badge--hold", _("Legal hold")))
    unread = getattr(case, "unread_replies", 0)
    if unread:
        text = ngettext("%(counter)s unread reply", "%(counter)s unread replies", unread)
        badges.append(("case-badge case-badge--unread", text % {"counter": unread}))
    return format_html_join("\n", '<span class="{}">{}</span>', badges)
