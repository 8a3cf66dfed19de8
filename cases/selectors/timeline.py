"""A case's timeline, read from the audit trail and told in words, never content."""

from dataclasses import dataclass, replace
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from cases.audit_labels import VIEW_ACTIONS, action_label
from cases.choices import Channel
from cases.models import AuditEvent, Case, CaseStatus, Priority
from cases.models.audit import ActorKind
from cases.people import staff_name


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    # None for what a reporter did: the page shows their day, never their time.
    at: datetime | None
    action: str
    label: str
    actor: str
    change: str
    # The other case of a merge, linked from the timeline (only if the viewer may see it).
    other_case_id: str = ""
    # A run of the same look (e.g. "Report read") by the same person folds into one entry:
    # how many, and the day of the first one (`on` is the day of the latest).
    times: int = 1
    first_on: date | None = None

    @property
    def is_repeated(self) -> bool:
        return self.times > 1


def case_events(*, case: Case):
    """Events about the case itself, plus the reports that belong to it."""
    report_ids = [str(pk) for pk in case.reports.values_list("pk", flat=True)]
    return AuditEvent.objects.filter(
        Q(target_type="cases.case", target_id=str(case.pk))
        | Q(target_type="cases.report", target_id__in=report_ids)
    ).order_by("-on", "-id")


def _user_names(events: list[AuditEvent]) -> dict:
    """Assignees' names. Actors need no lookup: each event keeps its actor's name."""
    ids = {
        e.detail.get("assignee") for e in events if e.action in ("case.assigned", "case.routed")
    } - {None}
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: staff_name(user) for user in users}


def _change(event: AuditEvent, names: dict) -> str:
    detail = event.detail or {}
    if event.action == "case.status_changed":
        return _("%(from)s → %(to)s") % {
            "from": _label(CaseStatus, detail.get("from")),
            "to": _label(CaseStatus, detail.get("to")),
        }
    if event.action == "case.priority_changed":
        return _("%(from)s → %(to)s") % {
            "from": _label(Priority, detail.get("from")),
            "to": _label(Priority, detail.get("to")),
        }
    if event.action == "report.recorded_by_staff":
        return _("%(channel)s, received %(day)s") % {
            "channel": _label(Channel, detail.get("channel")),
            "day": detail.get("received_on", ""),
        }
    if event.action == "case.assigned":
        assignee = detail.get("assignee")
        if not assignee:
            return _("nobody")
        return names.get(assignee) or _("Former staff member")
    if event.action == "case.routed":
        assignee = detail.get("assignee")
        return _("rule %(rule)s: assigned to %(name)s, priority %(priority)s") % {
            "rule": detail.get("rule"),
            "name": (names.get(assignee) or _("Former staff member")) if assignee else _("nobody"),
            "priority": _label(Priority, detail.get("priority")),
        }
    return ""


def _label(choices, value) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def actor_label(*, event: AuditEvent) -> str:
    """Who did it, in words, for every screen or export that shows an event's actor.

    A staff actor is named as they were named when they acted (a later rename does not
    rewrite history); an actor whose account has since been deleted is marked so.
    """
    name, username = event.actor_name, event.actor_username
    if username and event.actor_id is None:
        # The username too: it is what ties a departed person to other records.
        if name:
            return _("%(name)s (%(username)s, deleted)") % {"name": name, "username": username}
        return _("%(username)s (deleted)") % {"username": username}
    if name or username:
        return name or username
    if event.actor_kind == ActorKind.REPORTER:
        return str(_("Reporter (anonymous)"))
    if event.actor_kind == ActorKind.STAFF:
        return str(_("Former staff member"))
    return str(_("System"))


def case_timeline(*, case: Case, limit: int = 200) -> list[TimelineEntry]:
    """Newest first. Unknown actions still show, by their code (an identifier, not content)."""
    events = list(case_events(case=case)[:limit])
    names = _user_names(events)
    entries = []
    for event in events:
        other = ""
        if event.action == "case.merged_from":
            other = str(event.detail.get("source", ""))
        elif event.action == "case.merged_into":
            other = str(event.detail.get("into", ""))
        entries.append(
            TimelineEntry(
                on=event.on,
                at=event.at,
                action=event.action,
                label=action_label(event.action),
                actor=actor_label(event=event),
                change=_change(event, names),
                other_case_id=other,
            )
        )
    return _fold_repeated_views(entries)


def _fold_repeated_views(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """Consecutive looks of one kind by one person become one entry (newest first kept)."""
    folded: list[TimelineEntry] = []
    for entry in entries:
        previous = folded[-1] if folded else None
        if (
            previous is not None
            and entry.action in VIEW_ACTIONS
            and previous.action == entry.action
            and previous.actor == entry.actor
        ):
            folded[-1] = replace(previous, times=previous.times + 1, first_on=entry.on)
        else:
            folded.append(entry)
    return folded


def merged_into_case_id(*, case: Case) -> str | None:
    """The case this one was merged into, if it was: the pointer lives in the audit trail."""
    event = (
        AuditEvent.objects.filter(
            target_type="cases.case", target_id=str(case.pk), action="case.merged_into"
        )
        .order_by("-on", "-id")
        .first()
    )
    return str(event.detail.get("into")) if event else None
