"""Declaring a conflict of interest on a case: the officer steps aside at once."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case, ConflictDeclaration
from cases.selectors.cases import check_can_handle_case
from cases.services.audit import record_audit_event
from cases.services.side_effects import case_changed
from cases.services.versions import bump_version

MAX_REASON = 2_000


@transaction.atomic
def declare_conflict(*, case: Case, officer: AbstractBaseUser, reason: str) -> ConflictDeclaration:
    """Record that `officer` has a conflict on `case`; from now on they cannot see it.

    Only someone who can handle the case may declare (a stranger is refused before anything
    is written). An assigned officer is unassigned so a supervisor (a district-level officer,
    who sees the declarations on the case page) reassigns it. The reason may name people: it
    is stored encrypted and never copied into the audit event. No version is asked for: the
    declaration only removes access, and bumping the version makes any form the officer still
    has open on the case stale."""
    check_can_handle_case(user=officer, case=case)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why you have a conflict of interest on this case."))
    if len(reason) > MAX_REASON:
        raise ValidationError(
            _("Keep the reason under %(limit)d characters.") % {"limit": MAX_REASON}
        )
    case = Case.objects.select_for_update().get(pk=case.pk)
    declaration = ConflictDeclaration.objects.create(case=case, officer=officer, reason=reason)
    unassigned = case.assignee_id == officer.pk
    if unassigned:
        case.assignee = None
        case.save(update_fields=["assignee", "updated_at"])
    bump_version(model=Case, pks=[case.pk])
    record_audit_event(
        action="case.conflict_declared",
        actor=officer,
        target=case,
        district=case.district,
        detail={"declaration": str(declaration.pk), "unassigned": unassigned},
    )
    case_changed(case=case)
    return declaration
