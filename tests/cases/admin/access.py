"""The staff roles of the case world (tests/cases/admin/world.py) by what they may do with its
case, and every case URL with the request that uses it: the role-by-role matrix of
test_access.py, which tests/security/test_access_matrix.py reads too."""

from cases.models import Case, IdentityDisclosure, IdentityRevealRequest
from cases.services.identity import share_identity
from cases.services.identity_reveal import request_identity_reveal
from tests.factories import staff_user, submit_report

HANDLERS = ("equity_officer", "title_ix", "school_officer_same_school")
CASE_HIDDEN = ("school_officer_other_school", "other_district_officer")
NO_CASE_ACCESS = ("transfer_officer", "district_admin", "content_editor")
ALL_ROLES = (*HANDLERS, *CASE_HIDDEN, *NO_CASE_ACCESS)


def _case_kwargs(world):
    return {"case_id": world.case.pk}


def _version(world) -> int:
    """The version the case page would carry now (optimistic concurrency)."""
    return Case.objects.get(pk=world.case.pk).version


def _disclosure(world) -> IdentityDisclosure:
    """The world's reporter has shared their name from the status page."""
    share_identity(report=world.report, name="Jordan Example")
    return IdentityDisclosure.objects.get(report=world.report)


def _reveal_request(world) -> IdentityRevealRequest:
    """A reveal request by an officer of the district who is none of the tested roles."""
    return request_identity_reveal(
        case=world.case,
        disclosure=_disclosure(world),
        requester=staff_user(district=world.district),
        reason="To call the family back.",
    )


# name -> (method, kwargs builder, POST data builder)
CASE_URLS = {
    "detail": ("get", _case_kwargs, None),
    "change_status": (
        "post",
        _case_kwargs,
        lambda w: {"to_status": "triage", "version": _version(w)},
    ),
    "assign": (
        "post",
        _case_kwargs,
        lambda w: {"assignee": w.staff["equity_officer"].pk, "version": _version(w)},
    ),
    "priority": ("post", _case_kwargs, lambda w: {"priority": "3", "version": _version(w)}),
    "add_note": ("post", _case_kwargs, lambda w: {"body": "Called the principal."}),
    "findings": (
        "post",
        _case_kwargs,
        lambda w: {
            "findings": "Substantiated.",
            "actions_taken": "Training.",
            "version": _version(w),
        },
    ),
    "legal_hold": ("post", _case_kwargs, lambda w: {"on": "1", "version": _version(w)}),
    "declare_conflict": ("post", _case_kwargs, lambda w: {"reason": "My nephew is in this class."}),
    "merge": (
        "post",
        _case_kwargs,
        lambda w: {
            "numbers": submit_report(school=w.school).case.number,
            "confirm": "on",
            "version": _version(w),
        },
    ),
    "send_message": (
        "post",
        lambda w: {"case_id": w.case.pk, "report_id": w.report.pk},
        lambda w: {"body": "Thank you, we are looking into it."},
    ),
    "request_identity_reveal": (
        "post",
        lambda w: {"case_id": w.case.pk, "disclosure_id": _disclosure(w).pk},
        lambda w: {"reason": "The family asked us to call."},
    ),
    "decide_identity_reveal": (
        "post",
        lambda w: {"case_id": w.case.pk, "request_id": _reveal_request(w).pk},
        lambda w: {"decision": "approve"},
    ),
    "evidence_download": (
        "get",
        lambda w: {"case_id": w.case.pk, "evidence_id": w.report.evidence.get().pk},
        None,
    ),
}
LIST_URLS = {
    "queue": ("get", lambda w: {}, None),
    "queue_results": ("get", lambda w: {}, None),
}
