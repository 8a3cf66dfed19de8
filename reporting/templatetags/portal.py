"""Template helpers of the portal: the other language's address of the same page, and the
proof-of-work challenge of the start button."""

from django import template
from django.conf import settings
from django.urls import translate_url

from cases.languages import report_language
from reporting import pow
from reporting.pow import Challenge

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context) -> list[dict[str, str]]:
    """[{code, name, url}] for each language other than the current one."""
    request = context.get("request")
    path = request.path if request is not None else "/"
    current = report_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
        if code != current
    ]


@register.simple_tag(takes_context=True)
def draft_challenge(context) -> Challenge:
    """The proof-of-work challenge of the "Start a report" button: the view's, when it must
    keep one whose age a no-JavaScript wait counts, else a fresh one."""
    return context.get("challenge") or pow.issue(pow.Purpose.DRAFT)
