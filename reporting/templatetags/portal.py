"""Template helpers of the portal: the other language's address of the same page."""

from django import template
from django.conf import settings
from django.urls import translate_url

from cases.languages import report_language

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
