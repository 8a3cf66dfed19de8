"""Demo public pages in English and Spanish, linked as Wagtail translations.

Idempotent: a page that already exists (matched by translation key and locale) is left as an
editor may have changed it.
"""

import uuid

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms import demo_content, models
from cms.models import HomePage

LANGUAGES = ("en", "es")
_KEY_NAMESPACE = uuid.UUID("8c5f0a52-5d8e-4b8e-9f0c-2b2f7d1e6a10")


@transaction.atomic
def seed_home_page() -> HomePage:
    """English home as the default site's root, its Spanish translation, and the info pages."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    home = _seed_english_home(locales["en"])
    _make_site_root(home)
    homes = {"en": home, "es": _seed_translation(home, locales["es"])}
    for key, type_name, content in demo_content.PAGES:
        page_class = getattr(models, type_name)
        translation_key = uuid.uuid5(_KEY_NAMESPACE, key)
        for code in LANGUAGES:
            _seed_child(homes[code], page_class, translation_key, locales[code], content[code])
    return home


def _seed_english_home(locale: Locale) -> HomePage:
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        fields = demo_content.HOME["en"]
        home = Page.get_first_root_node().add_child(
            instance=HomePage(slug="home-en", locale=locale, **fields)
        )
    return home


def _seed_translation(home: HomePage, locale: Locale) -> HomePage:
    existing = HomePage.objects.filter(translation_key=home.translation_key, locale=locale).first()
    if existing is not None:
        return existing
    return Page.get_first_root_node().add_child(
        instance=HomePage(
            slug=f"home-{locale.language_code}",
            locale=locale,
            translation_key=home.translation_key,
            **demo_content.HOME[locale.language_code],
        )
    )


def _seed_child(parent, page_class, translation_key, locale, content: dict) -> None:
    if Page.objects.filter(translation_key=translation_key, locale=locale).exists():
        return
    fields = {name: value for name, value in content.items() if name in ("title", "slug")}
    fields["summary"] = content.get("summary", "")
    for name in ("body", "contacts", "questions"):
        if name in content:
            fields[name] = _stream(name, content[name])
    parent.add_child(
        instance=page_class(
            locale=locale, translation_key=translation_key, show_in_menus=True, **fields
        )
    )


def _stream(name: str, items: list) -> list[dict]:
    """Raw StreamField data: body items are (type, value) pairs, the others are one type."""
    if name == "body":
        return [{"type": block_type, "value": value} for block_type, value in items]
    block_type = {"contacts": "contact", "questions": "question"}[name]
    return [{"type": block_type, "value": value} for value in items]


def _make_site_root(home: HomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=8000, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.save()
        if welcome.specific_class is Page and welcome.slug == "home":
            welcome.delete()
