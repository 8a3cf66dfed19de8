"""Which language a public page is served in, without a cookie (issue 19).

The choice is carried in the URL: English at /, every other language under its prefix
(/vi/, /ar/...), as i18n_patterns serves them. This middleware adds what Django's
LocaleMiddleware does not know, the district's enabled languages
(`cases.selectors.languages.portal_languages`):

- a first visit to an address without a prefix follows the browser's Accept-Language among
  the enabled languages: a browser asking for Vietnamese is sent to /vi/... when the district
  offers it, and stays on English when it does not. "First visit" means a GET that did not
  come from a page of this site (Sec-Fetch-Site is not same-origin: a typed address, a
  bookmark, a link from the district's own site). Following a link here, the language
  switcher's English link included, keeps the language of the address, so choosing English
  sticks with no cookie;
- an address in a language the district did not enable is sent to the same page in English.

`request.portal_languages` (computed on first use) is what the language switcher offers.
Nothing here runs for the back office, the API, static files or the health probes.
"""

from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language_from_path
from wagtail.models import Site

from cases.languages import default_report_language, negotiate, report_languages
from cases.selectors.languages import portal_languages

NOT_PUBLIC_PREFIXES = ("/admin/", "/api/", "/static/", "/media/")
NOT_PUBLIC_PATHS = ("/healthz", "/readyz")
SAFE_METHODS = ("GET", "HEAD")


def is_public_path(path: str) -> bool:
    return not path.startswith(NOT_PUBLIC_PREFIXES) and path not in NOT_PUBLIC_PATHS


def _first_visit(request) -> bool:
    return request.headers.get("Sec-Fetch-Site", "") != "same-origin"


class PortalLanguageMiddleware:
    """Keep after LocaleMiddleware: it activated the language of the address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_path(request.path_info):
            return self.get_response(request)
        request.portal_languages = SimpleLazyObject(
            lambda: portal_languages(site=Site.find_for_request(request))
        )
        default = default_report_language()
        prefix = get_language_from_path(request.path_info)
        if request.method in SAFE_METHODS:
            if prefix and prefix != default and prefix not in request.portal_languages:
                return HttpResponseRedirect(_without_prefix(request, prefix))
            if not prefix and _first_visit(request):
                preferred = _preferred(request, default)
                if preferred is not None:
                    return _vary(HttpResponseRedirect(f"/{preferred}{request.get_full_path()}"))
        response = self.get_response(request)
        return response if prefix else _vary(response)


def _preferred(request, default: str) -> str | None:
    """The enabled language the browser prefers, when it is not the default; None otherwise.
    The district's languages are read only when the browser prefers another language."""
    header = request.headers.get("Accept-Language", "")
    if negotiate(header, report_languages()) in (None, default):
        return None
    chosen = negotiate(header, list(request.portal_languages))
    return chosen if chosen not in (None, default) else None


def _without_prefix(request, prefix: str) -> str:
    full = request.get_full_path()
    rest = full[len(prefix) + 1 :]
    return rest if rest.startswith("/") else "/" + rest


def _vary(response):
    patch_vary_headers(response, ("Accept-Language", "Sec-Fetch-Site"))
    return response
