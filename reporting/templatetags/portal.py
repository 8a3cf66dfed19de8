"""Template helpers of the portal: the proof-of-work challenge of the start button. (The
language switcher is in templates/base.html, cms_tags.language_links.)"""

from django import template

from reporting import pow
from reporting.pow import Challenge

register = template.Library()


@register.simple_tag(takes_context=True)
def draft_challenge(context) -> Challenge:
    """The proof-of-work challenge of the "Start a report" button: the view's, when it must
    keep one whose age a no-JavaScript wait counts, else a fresh one."""
    return context.get("challenge") or pow.issue(pow.Purpose.DRAFT)
