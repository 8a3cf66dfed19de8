"""Template helpers of the public pages."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_from_path
from wagtail.models import Page

register = template.Library()


@register.simple_tag
def named_url(name: str, fallback: str) -> str:
    """A URL by name in the active language, or `fallback` when no app serves that name."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict[str, object]]:
    """[{code, name, url, current}] for each language the public site offers, the current one
    included, in settings.LANGUAGES order; empty when it offers one language only.

    The offered languages are the district's (`request.portal_languages`, set by
    config.language_choice; an error page gets them as `portal_languages`). A public page
    links to its translation, or to the home page of a language it has none in; any other
    page (the report, the status page, an error) to the same address under the other prefix.
    """
    request = context.get("request")
    offered = getattr(request, "portal_languages", None) or context.get("portal_languages")
    offered = [code for code, _name in settings.LANGUAGES if code in (offered or ())]
    if len(offered) < 2:
        return []
    page = context.get("page")
    if isinstance(page, Page):
        urls = {code: _prefixed("/", code) for code in offered}
        translations = (
            Page.objects.filter(
                translation_key=page.translation_key, locale__language_code__in=offered
            )
            .live()
            .select_related("locale")
        )
        for other in translations:
            url = other.get_url(request)
            if url:
                urls[other.locale.language_code] = url
    else:
        path = request.path if request is not None else context.get("path") or "/"
        urls = {code: _prefixed(path, code) for code in offered}
    names, current = dict(settings.LANGUAGES), get_language()
    return [
        {"code": code, "name": names[code], "url": urls[code], "current": code == current}
        for code in offered
    ]


def _prefixed(path: str, code: str) -> str:
    """`path` under the prefix of language `code` (none for the default language)."""
    prefix = get_language_from_path(path)
    if prefix:
        path = path[len(prefix) + 1 :] or "/"
    return path if code == settings.LANGUAGE_CODE else f"/{code}{path}"
