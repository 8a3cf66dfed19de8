"""`record_audit_event`: the one way every feature writes to the audit trail.

Details are restricted to short identifiers and numbers so that no free text (and so no
narrative, name or contact detail) can reach the audit table by accident.
"""

import re
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils import timezone

from cases.models import AuditEvent, District
from cases.models.audit import ActorKind

_SAFE_TEXT = re.compile(r"^[\w.:/-]{0,64}$")


class UnsafeAuditDetail(ValueError):
    """Raised when a caller tries to put free text into an audit event."""


def _check_detail(detail: dict[str, Any]) -> dict[str, Any]:
    for key, value in detail.items():
        if not _SAFE_TEXT.match(str(key)):
            raise UnsafeAuditDetail(f"audit detail key {key!r} is not an identifier")
        if isinstance(value, bool | int | float) or value is None:
            continue
        if isinstance(value, str) and _SAFE_TEXT.match(value):
            continue
        raise UnsafeAuditDetail(f"audit detail {key!r} must be an identifier, code or number")
    return detail


# Before/after values of configuration (a district's rules, a school's name, a label): short
# single-line text, never a report's content. Longer or multi-line text is refused.
_SETTING_TEXT = re.compile(r"^[^\x00-\x1f\x7f]{0,200}$")


def _check_changes(changes: dict[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    checked = {}
    for field, (before, after) in changes.items():
        if not _SAFE_TEXT.match(str(field)):
            raise UnsafeAuditDetail(f"audit change key {field!r} is not an identifier")
        for value in (before, after):
            if isinstance(value, bool | int | float) or value is None:
                continue
            if isinstance(value, str) and _SETTING_TEXT.match(value):
                continue
            raise UnsafeAuditDetail(f"audit change {field!r} must be a short setting value")
        checked[field] = {"before": before, "after": after}
    return checked


def record_audit_event(
    *,
    action: str,
    actor: AbstractBaseUser | None = None,
    actor_kind: str | None = None,
    target: models.Model | None = None,
    district: District | None = None,
    detail: dict[str, Any] | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> AuditEvent:
    """Append one event. `actor_kind` defaults to staff when an actor is given, else system.

    An event the reporter caused keeps the day only (`at` stays empty): its time would tell
    staff when the reporter acted. `changes` ({field: (before, after)}) is for settings only
    (district rules, schools, taxonomy labels), stored under detail["changes"]. A staff
    actor's username and full name are copied into the
    event, so deleting or renaming the account later never erases who did it.
    """
    event = _event(
        action=action,
        actor=actor,
        actor_kind=actor_kind,
        target=target,
        district=district,
        detail=detail,
        changes=changes,
    )
    event.save(force_insert=True)
    return event


def record_audit_events(
    *,
    action: str,
    actor: AbstractBaseUser | None = None,
    target: models.Model | None = None,
    district: District | None = None,
    details: list[dict[str, Any]],
) -> list[AuditEvent]:
    """One event per detail, written in one INSERT: a page that shows N reports records N
    reads without N round trips (the case page's query count stays flat)."""
    events = [
        _event(action=action, actor=actor, target=target, district=district, detail=detail)
        for detail in details
    ]
    return AuditEvent.objects.bulk_create(events)


def _event(
    *,
    action: str,
    actor: AbstractBaseUser | None,
    target: models.Model | None,
    district: District | None,
    detail: dict[str, Any] | None,
    actor_kind: str | None = None,
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> AuditEvent:
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    kind = actor_kind or (ActorKind.STAFF if actor is not None else ActorKind.SYSTEM)
    now = timezone.now()
    return AuditEvent(
        on=timezone.localdate(now),
        at=None if kind == ActorKind.REPORTER else now,
        action=action,
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        actor_name=actor.get_full_name()[:300] if actor is not None else "",
        actor_kind=kind,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        district=district,
        detail={
            **_check_detail(detail or {}),
            **({"changes": _check_changes(changes)} if changes else {}),
        },
    )
