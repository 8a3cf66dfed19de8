"""Writes: saving and deleting a saved search, and recording the new reports that match one.

The officer's words become blind-index tokens here (`search.backends.CaseQuery`, the same
tokens the queue's search box looks up) and are never stored, logged or audited. Each write
checks who may do it itself, so a screen that forgot a check still cannot write.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.models import Delivery, SavedSearch, SavedSearchMatch
from cases import notifications
from cases.models import BiasBasis, Case, DigestFrequency, IncidentType, Report, School
from cases.selectors.organisation import schools_for_case_handling
from cases.selectors.queue import user_handles_cases
from cases.selectors.staff import digest_preference, handlers_for_case
from cases.services.audit import record_audit_event
from cases.services.side_effects import new_report_delay
from cases.topics import STAFF_EMAIL
from jobs.outbox import enqueue_side_effect
from jobs.selectors import already_queued
from privacy.blind_index import blind_tokens
from search.backends import CaseQuery
from search.documents import TOKEN_FIELDS, case_document, cases_for_indexing

# Enough to watch a handful of words per school; a saved search is read on every new report.
MAX_SAVED_SEARCHES = 25

_DELIVERY = {
    DigestFrequency.EACH: Delivery.EMAIL,
    DigestFrequency.DAILY: Delivery.DIGEST,
    DigestFrequency.NONE: Delivery.NONE,
}


def watched_tokens(*, words: str) -> list[str]:
    """The tokens to store for `words`; ValidationError when they could never match a report."""
    query = CaseQuery(text=words)
    if query.case_number:
        raise ValidationError(
            _(
                "A case number finds a case that already exists, never a new report. "
                "Save words instead."
            ),
            code="case_number",
        )
    if query.has_unsearchable_text:
        raise ValidationError(
            _("These words are too common to search for. Add a more specific word."),
            code="unsearchable",
        )
    return query.tokens


def check_label(*, label: str, tokens: list[str]) -> None:
    """A label repeating a watched word would store that word: refused."""
    if set(tokens) & blind_tokens(label):
        raise ValidationError(
            _(
                "The label repeats one of the watched words, which are never stored. "
                "Describe the search in other words."
            ),
            code="label_repeats_words",
        )


def check_may_save(*, owner: AbstractBaseUser, school: School | None = None) -> None:
    """PermissionDenied unless `owner` handles cases (at `school`, when one is given)."""
    if not user_handles_cases(user=owner):
        raise PermissionDenied(_("Only staff who handle cases may save a search."))
    if school is not None and not schools_for_case_handling(user=owner).filter(pk=school.pk):
        raise PermissionDenied(_("You do not handle the cases of this school."))


def validate_saved_search(
    *,
    owner: AbstractBaseUser,
    label: str,
    words: str,
    school: School | None,
    bias_basis: BiasBasis | None,
    incident_type: IncidentType | None,
) -> list[str]:
    """The watched words' tokens, or ValidationError naming the form field at fault (the
    screen's form shows these beside what was typed)."""
    try:
        tokens = watched_tokens(words=words)
    except ValidationError as error:
        raise ValidationError({"words": error.error_list}) from None
    if not " ".join(label.split()):
        raise ValidationError({"label": _("Give the search a label.")}, code="label_required")
    try:
        check_label(label=label, tokens=tokens)
    except ValidationError as error:
        raise ValidationError({"label": error.error_list}) from None
    if not tokens and not (school or bias_basis or incident_type):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: ValidationError(
                    _("Give at least one word or one filter: otherwise every new report matches."),
                    code="empty",
                )
            }
        )
    if SavedSearch.objects.filter(owner=owner).count() >= MAX_SAVED_SEARCHES:
        message = _(
            "You have %(count)s saved searches, the most one person may keep. Delete one first."
        ) % {"count": MAX_SAVED_SEARCHES}
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(message, code="too_many")})
    return tokens


@transaction.atomic
def create_saved_search(
    *,
    owner: AbstractBaseUser,
    label: str,
    words: str,
    school: School | None = None,
    bias_basis: BiasBasis | None = None,
    incident_type: IncidentType | None = None,
) -> SavedSearch:
    """Save `owner`'s search: new reports matching it will be announced to them."""
    check_may_save(owner=owner, school=school)
    tokens = validate_saved_search(
        owner=owner,
        label=label,
        words=words,
        school=school,
        bias_basis=bias_basis,
        incident_type=incident_type,
    )
    saved = SavedSearch.objects.create(
        owner=owner,
        label=" ".join(label.split()),
        tokens=tokens,
        school=school,
        bias_basis=bias_basis,
        incident_type=incident_type,
    )
    record_audit_event(
        action="saved_search.created",
        actor=owner,
        target=saved,
        district=school.district if school else None,
        detail={
            "words": len(tokens),
            "school": school.pk if school else None,
            "bias_basis": bias_basis.pk if bias_basis else None,
            "incident_type": incident_type.pk if incident_type else None,
        },
    )
    return saved


@transaction.atomic
def delete_saved_search(*, saved_search: SavedSearch, actor: AbstractBaseUser) -> None:
    """Only its owner deletes a saved search; its alerts stop at once."""
    if saved_search.owner_id != actor.pk:
        raise PermissionDenied(_("Only the person who saved a search may delete it."))
    record_audit_event(action="saved_search.deleted", actor=actor, target=saved_search)
    saved_search.delete()


def _matches(saved: SavedSearch, *, document: dict, tokens: set[str]) -> bool:
    if saved.school_id and saved.school_id != document["school_id"]:
        return False
    if saved.bias_basis_id and saved.bias_basis.code not in document["bias_bases"]:
        return False
    if saved.incident_type_id and saved.incident_type.code not in document["incident_types"]:
        return False
    return set(saved.tokens) <= tokens


@transaction.atomic
def record_matches(*, case_id: str) -> list[SavedSearchMatch]:
    """Match a freshly indexed case against the saved searches of the staff who may handle it.

    A saved search matches a case that received a report on or after the day it was saved,
    holds every watched word (in any of its texts, as the search box) and fits its filters.
    Each (saved search, case) matches once, whatever later changes re-index the case. The
    owner hears of it as they chose: an email (once per case, however many of their searches
    match; delayed like the new-report notice), the daily digest, or only this app's screen.
    """
    case = cases_for_indexing([case_id]).first()
    if case is None:  # purged or merged away meanwhile
        return []
    latest_report = Report.objects.filter(case=case).aggregate(day=Max("submitted_on"))["day"]
    if latest_report is None:
        return []
    document = case_document(case)
    tokens = {token for field in TOKEN_FIELDS for token in document[field]}
    candidates = (
        SavedSearch.objects.filter(owner__in=handlers_for_case(case=case))
        .exclude(matches__case=case)
        .select_related("owner__case_preferences", "bias_basis", "incident_type")
    )
    recorded = []
    for saved in candidates:
        if timezone.localdate(saved.created_at) > latest_report:
            continue
        if not _matches(saved, document=document, tokens=tokens):
            continue
        delivery = _DELIVERY.get(digest_preference(saved.owner), Delivery.EMAIL)
        recorded.append(
            SavedSearchMatch.objects.create(saved_search=saved, case=case, delivery=delivery)
        )
        if delivery == Delivery.EMAIL:
            _queue_email(case=case, owner=saved.owner)
    return recorded


def _queue_email(*, case: Case, owner: AbstractBaseUser) -> None:
    keys = {"kind": notifications.SAVED_SEARCH_MATCH, "case": str(case.pk), "user": owner.pk}
    if already_queued(topic=STAFF_EMAIL, **keys):
        return
    # Delayed and jittered like the new-report notice: its time must not date the report.
    enqueue_side_effect(
        topic=STAFF_EMAIL, payload={**keys, "district": case.district_id}, delay=new_report_delay()
    )
