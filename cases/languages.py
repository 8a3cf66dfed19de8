"""Which of the site's languages a report, a reply, a label or a page is in.

The supported languages are settings.LANGUAGES and nothing else: adding one there (with its
catalog) is all a report needs to be sent, stored and answered in it. Everything that picks a
language for a reporter goes through this module, so no code decides "Spanish or else English":

- `report_language` / `supported_language`: the language of a report, a reply, a label;
- `negotiate`: the best of a district's enabled languages for a browser's Accept-Language;
- `default_district_languages`: what a new district offers (District.languages).

Which languages the public site offers for a request (the district's choice) is a read:
`cases.selectors.languages.portal_languages`.
"""

import functools
import json
from pathlib import Path

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_language
from django.utils.translation.trans_real import parse_accept_lang_header

# What a new district offers until its administrator chooses: English and Spanish.
DISTRICT_DEFAULT_LANGUAGES = ("en", "es")


def report_languages() -> list[str]:
    """The codes of settings.LANGUAGES, in their order."""
    return [code for code, _name in settings.LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    """(code, name in itself) for each language: the choices of a report's language and of a
    district's languages (a callable, so adding a language needs no migration)."""
    return list(settings.LANGUAGES)


def default_report_language() -> str:
    """settings.LANGUAGE_CODE when it is one of the languages, else the first of them."""
    return _supported(settings.LANGUAGE_CODE) or report_languages()[0]


def default_district_languages() -> list[str]:
    """English and Spanish (those of them the site has), the default of District.languages."""
    return [code for code in DISTRICT_DEFAULT_LANGUAGES if code in report_languages()]


def is_right_to_left(code: str) -> bool:
    """Whether a language is written right to left (Django's LANG_INFO, "bidi")."""
    return bool(LANG_INFO.get(code, {}).get("bidi", False))


def best_match(code: str, among: list[str] | tuple[str, ...]) -> str | None:
    """The language of `among` that serves a browser's `code`, or None.

    "vi" and "vi-VN" -> "vi"; "zh-CN", "zh-SG" -> "zh-hans" and "zh-TW", "zh-HK" -> "zh-hant"
    (Django's LANG_INFO fallbacks); "pt" and "pt-PT" -> "pt-br"; "es-MX" -> "es".
    """
    code = code.strip().lower().replace("_", "-")
    if not code or code == "*":
        return None
    supported = {language.lower(): language for language in among}
    candidates = [code, *LANG_INFO.get(code, {}).get("fallback", [])]
    base = code.split("-")[0]
    candidates.append(base)
    for candidate in candidates:
        if candidate in supported:
            return supported[candidate]
    for language in among:  # "pt" -> "pt-br", "zh" -> "zh-hans": the first variant offered
        if language.lower().startswith(base + "-"):
            return language
    return None


def _supported(code: str) -> str | None:
    """`code` or its nearest supported variant ("es-MX" -> "es"), else None."""
    return best_match(code, report_languages())


def supported_language(code: str) -> str:
    """The supported language for `code` ("es-MX" -> "es"); the default for anything else."""
    return _supported(code) or default_report_language()


def report_language(requested: str | None = None) -> str:
    """The supported language for `requested`, or for the active language when nothing was
    requested (a portal page, an API call's Accept-Language)."""
    return supported_language(requested or get_language() or "")


def negotiate(accept_language: str, enabled: list[str] | tuple[str, ...]) -> str | None:
    """The enabled language a browser prefers most (its Accept-Language header), or None
    when it names none of them: the site's default language applies then."""
    for code, _quality in parse_accept_lang_header(accept_language or ""):
        match = best_match(code, enabled)
        if match is not None:
            return match
    return None


TAXONOMY_LABELS_FOLDER = Path(__file__).resolve().parent / "taxonomy_labels"


@functools.cache
def taxonomy_labels(code: str) -> dict[str, dict[str, str]]:
    """The shipped labels of the incident types and bias bases in language `code`,
    {"incident_types": {type code: label}, "bias_bases": {...}}, from
    cases/taxonomy_labels/<code>.json; empty when there is no file.

    They are the defaults under the labels kept in the database (LabelledChoice.labels and a
    district's own): a new language brings its file and needs no migration, and a district
    that relabels a choice in that language overrides it on the taxonomy screen."""
    path = TAXONOMY_LABELS_FOLDER / f"{code}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
