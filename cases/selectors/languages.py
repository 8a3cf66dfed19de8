"""Which languages the public site offers: those its district enabled (District.languages).

A Wagtail Site that serves one district (District.site) offers that district's languages. A
site shared by several districts, as the demo's, offers every language any of them enabled, so
each district's families find theirs. Always in settings.LANGUAGES order, always with English
(the site's addresses without a language prefix), one or two queries.
"""

from wagtail.models import Site

from cases.languages import default_district_languages, default_report_language, report_languages
from cases.models import District


def portal_languages(*, site: Site | None) -> list[str]:
    """The language codes the public site `site` offers, in settings.LANGUAGES order."""
    own = None
    if site is not None:
        own = District.objects.filter(site=site).values_list("languages", flat=True).first()
    if own is not None:
        chosen = set(own)
    else:
        rows = District.objects.filter(site__isnull=True).values_list("languages", flat=True)
        chosen = {code for languages in rows for code in languages}
        if not chosen:  # no district yet: what a new district would offer
            chosen = set(default_district_languages())
    chosen.add(default_report_language())
    return [code for code in report_languages() if code in chosen]
