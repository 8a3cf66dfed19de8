"""Wagtail seams: the "Saved searches" screen, "Save this search" in the case queue, and the
daily digest's list of new reports matching the officer's saved searches."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from alerts.admin import SavedSearchViewSet
from alerts.selectors import digest_matches
from cases.admin.queue import QUEUE_SEARCH_ACTIONS_HOOK
from cases.notifications import DigestSection
from cases.services.reminders import STAFF_DIGEST_SECTIONS_HOOK


@hooks.register("register_admin_viewset")
def register_saved_searches_viewset():
    return SavedSearchViewSet()


@hooks.register(QUEUE_SEARCH_ACTIONS_HOOK)
def save_this_search_button(request) -> str:
    return render_to_string("alerts/_save_this_search.html", request=request)


@hooks.register(STAFF_DIGEST_SECTIONS_HOOK)
def saved_search_digest_section(*, user, day) -> DigestSection | None:
    cases = list(digest_matches(user=user, day=day))
    if not cases:
        return None
    # Lazy: the digest renders it in the recipient's language.
    return DigestSection(title=_("Matching your saved searches:"), cases=cases)
