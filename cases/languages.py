"""Which of the site's languages a report, a reply or a label is in.

The supported languages are settings.LANGUAGES and nothing else: adding one there is all a
report needs to be sent, stored and answered in it. Everything that picks a language for a
reporter goes through `report_language`, so no code decides "Spanish or else English".
"""

from django.conf import settings
from django.utils.translation import get_language


def report_languages() -> list[str]:
    """The codes of settings.LANGUAGES, in their order."""
    return [code for code, _name in settings.LANGUAGES]


def default_report_language() -> str:
    """settings.LANGUAGE_CODE when it is one of the languages, else the first of them."""
    return _supported(settings.LANGUAGE_CODE) or report_languages()[0]


def _supported(code: str) -> str | None:
    """`code` or its base language ("es-MX" -> "es") when supported, else None."""
    code = code.strip().lower().replace("_", "-")
    supported = {language.lower(): language for language in report_languages()}
    if code in supported:
        return supported[code]
    return supported.get(code.split("-")[0]) if code else None


def supported_language(code: str) -> str:
    """The supported language for `code` ("es-MX" -> "es"); the default for anything else."""
    return _supported(code) or default_report_language()


def report_language(requested: str | None = None) -> str:
    """The supported language for `requested`, or for the active language when nothing was
    requested (a portal page, an API call's Accept-Language)."""
    return supported_language(requested or get_language() or "")
