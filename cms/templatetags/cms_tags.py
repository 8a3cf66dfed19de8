"""Template helpers of the public pages."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def page_translations(page) -> list[dict[str, str]]:
    """[{code, name, url}] for each live translation of `page` in another language."""
    names = dict(settings.LANGUAGES)
    translations = page.get_translations().live().select_related("locale")
    return [
        {"code": code, "name": names.get(code, code), "url": other.url}
        for other in translations
        if (code := other.locale.language_code) in names
    ]


@register.simple_tag
def named_url(name: str, fallback: str) -> str:
    """A URL by name in the active language, or `fallback` when no app serves that name."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback
