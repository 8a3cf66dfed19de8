"""Demo public pages in every language of the site that has seed text, linked as Wagtail
translations.

English and Spanish are in cms/demo_content.py; every other language reads
cms/demo_pages/<code>.json (the translators' pages.json: {"home": {...}, "<page key>": {...}},
the same fields as the English ones). A language of settings.LANGUAGES without seed text gets
no pages: its home page shows the English one.

Idempotent: a page that already exists (matched by translation key and locale) is left as an
editor may have changed it.
"""

import json
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms import demo_content, models
from cms.models import HomePage

PAGES_FOLDER = Path(__file__).resolve().parent / "demo_pages"
_KEY_NAMESPACE = uuid.UUID("8c5f0a52-5d8e-4b8e-9f0c-2b2f7d1e6a10")


def seed_text(code: str) -> dict | None:
    """{"home": fields, page key: fields} in language `code`, or None when it has none."""
    if code in demo_content.HOME:
        pages = {key: content[code] for key, _type, content in demo_content.PAGES}
        return {"home": demo_content.HOME[code], **pages}
    path = PAGES_FOLDER / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def seeded_languages() -> list[str]:
    """The site's languages (settings.LANGUAGES order) that have seed text, English first."""
    return [code for code, _name in settings.LANGUAGES if seed_text(code) is not None]


@transaction.atomic
def seed_home_page(languages: list[str] | tuple[str, ...] = ("en", "es")) -> HomePage:
    """English home as the default site's root, its translations, and the info pages, in
    `languages` that have seed text (English and Spanish unless asked: `seed_demo` asks for
    every language, `seeded_languages()`)."""
    texts = {code: seed_text(code) for code in languages}
    texts = {code: text for code, text in texts.items() if text is not None}
    texts.setdefault("en", seed_text("en"))
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in texts}
    home = _seed_english_home(locales["en"])
    _make_site_root(home)
    homes = {
        code: home if code == "en" else _seed_translation(home, locales[code], texts[code]["home"])
        for code in texts
    }
    for key, type_name, _content in demo_content.PAGES:
        page_class = getattr(models, type_name)
        translation_key = uuid.uuid5(_KEY_NAMESPACE, key)
        for code, text in texts.items():
            if key in text:
                _seed_child(homes[code], page_class, translation_key, locales[code], text[key])
    return home


def _seed_english_home(locale: Locale) -> HomePage:
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        fields = demo_content.HOME["en"]
        home = Page.get_first_root_node().add_child(
            instance=HomePage(slug="home-en", locale=locale, **fields)
        )
    return home


def _seed_translation(home: HomePage, locale: Locale, fields: dict) -> HomePage:
    existing = HomePage.objects.filter(translation_key=home.translation_key, locale=locale).first()
    if existing is not None:
        return existing
    return Page.get_first_root_node().add_child(
        instance=HomePage(
            slug=f"home-{locale.language_code}",
            locale=locale,
            translation_key=home.translation_key,
            **fields,
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
