"""Reads: an officer's own saved searches, and the matches their digest lists."""

from datetime import date, timedelta

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Count, Max, Q, QuerySet

from alerts.models import Delivery, SavedSearch, SavedSearchMatch
from cases.models import Case
from cases.selectors.cases import cases_for_user


def saved_searches_of(*, owner: AbstractBaseUser) -> QuerySet[SavedSearch]:
    """`owner`'s saved searches (nobody else's), with how many cases they matched that the
    owner may still open and the day of the latest, in one query."""
    visible = Q(matches__case__in=cases_for_user(user=owner).values("pk"))
    return (
        SavedSearch.objects.filter(owner=owner)
        .select_related("school", "bias_basis", "incident_type")
        .annotate(
            match_count=Count("matches", filter=visible),
            last_matched_on=Max("matches__matched_on", filter=visible),
        )
    )


def digest_matches(*, user: AbstractBaseUser, day: date) -> QuerySet[Case]:
    """Cases matched the day before `day` by `user`'s saved searches for their digest,
    among the cases they may handle now."""
    matched = SavedSearchMatch.objects.filter(
        saved_search__owner=user,
        delivery=Delivery.DIGEST,
        matched_on=day - timedelta(days=1),
    ).values("case_id")
    return cases_for_user(user=user).filter(pk__in=matched).order_by("opened_on", "sequence")
