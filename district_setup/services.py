"""Setting a district up: its rules and closures, its schools, its incident types and bias bases.

Who may do what, checked here whatever screen or command calls:

- a **superuser** (the platform operator) creates districts and may edit any of them;
- a **district administrator** edits the rules, closures, schools and taxonomy of the districts
  where they hold that role, and nothing of another district.

Every change is audited with its actor and, for each field that changed, the value before and
after (`record_audit_event(changes=...)`): these are settings, never a report's content.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.languages import report_languages
from cases.models import (
    BiasBasis,
    District,
    DistrictBiasBasis,
    DistrictClosure,
    DistrictIncidentType,
    IncidentType,
    School,
)
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event
from cases.services.taxonomy import ensure_taxonomy_entries

# The district's rules a form may set, in the order the audit lists them.
DISTRICT_FIELDS = (
    "name",
    "slug",
    "code",
    "acknowledge_school_days",
    "investigation_days",
    "transfer_step_days",
    "retention_years",
    "suppression_threshold",
    "purge_enabled",
    "contact_email",
    "established_on",
)
SCHOOL_FIELDS = ("name", "slug", "grade_band", "active")
# Fewer than this and a suppressed cell could be guessed from its neighbours.
MIN_SUPPRESSION_THRESHOLD = 5


@dataclass(frozen=True)
class ClosureRow:
    date: date
    reason: str = ""


def may_create_districts(user: AbstractBaseUser) -> bool:
    return bool(user.is_active and user.is_superuser)


def check_administers(*, actor: AbstractBaseUser, district: District) -> None:
    if not administered_districts(user=actor).filter(pk=district.pk).exists():
        raise PermissionDenied(_("You do not administer this district."))


def _changes(instance, values: dict[str, Any], fields) -> dict[str, tuple[Any, Any]]:
    changed = {}
    for field in fields:
        if field in values and getattr(instance, field) != values[field]:
            changed[field] = (getattr(instance, field), values[field])
    return changed


def _audit_values(changes: dict[str, tuple[Any, Any]]) -> dict[str, tuple[Any, Any]]:
    """Dates (a district's first day) are audited as ISO text, like every other setting."""
    return {
        field: tuple(v.isoformat() if isinstance(v, date) else v for v in pair)
        for field, pair in changes.items()
    }


def _check_rules(values: dict[str, Any]) -> None:
    threshold = values.get("suppression_threshold")
    if threshold is not None and threshold < MIN_SUPPRESSION_THRESHOLD:
        raise ValidationError(
            {
                "suppression_threshold": _(
                    "Counts below %(minimum)s could identify a child: choose %(minimum)s or more."
                )
                % {"minimum": MIN_SUPPRESSION_THRESHOLD}
            }
        )


def _save_closures(
    *, actor: AbstractBaseUser, district: District, closures: list[ClosureRow]
) -> None:
    """Make the district's closures exactly `closures`, auditing each day added, removed or
    renamed."""
    wanted = {row.date: row.reason.strip() for row in closures}
    existing = {closure.date: closure for closure in district.closures.all()}
    for day, closure in existing.items():
        if day not in wanted:
            closure.delete()
            record_audit_event(
                action="district.closure_removed",
                actor=actor,
                target=district,
                district=district,
                changes={"date": (day.isoformat(), None), "reason": (closure.reason, None)},
            )
    for day, reason in sorted(wanted.items()):
        closure = existing.get(day)
        if closure is None:
            DistrictClosure.objects.create(district=district, date=day, reason=reason)
            record_audit_event(
                action="district.closure_added",
                actor=actor,
                target=district,
                district=district,
                changes={"date": (None, day.isoformat()), "reason": (None, reason)},
            )
        elif closure.reason != reason:
            before = closure.reason
            closure.reason = reason
            closure.save(update_fields=["reason"])
            record_audit_event(
                action="district.closure_changed",
                actor=actor,
                target=district,
                district=district,
                detail={"date": day.isoformat()},
                changes={"reason": (before, reason)},
            )


@transaction.atomic
def create_district(
    *, actor: AbstractBaseUser, values: dict[str, Any], closures: list[ClosureRow]
) -> District:
    if not may_create_districts(actor):
        raise PermissionDenied(_("Only the platform operator creates districts."))
    _check_rules(values)
    district = District.objects.create(**{f: values[f] for f in DISTRICT_FIELDS if f in values})
    record_audit_event(
        action="district.created",
        actor=actor,
        target=district,
        district=district,
        changes=_audit_values(
            {field: (None, getattr(district, field)) for field in DISTRICT_FIELDS}
        ),
    )
    _save_closures(actor=actor, district=district, closures=closures)
    ensure_taxonomy_entries(district=district)
    return district


@transaction.atomic
def update_district(
    *,
    actor: AbstractBaseUser,
    district: District,
    values: dict[str, Any],
    closures: list[ClosureRow],
) -> District:
    check_administers(actor=actor, district=district)
    district = District.objects.select_for_update().get(pk=district.pk)
    _check_rules(values)
    changed = _changes(district, values, DISTRICT_FIELDS)
    if changed:
        for field, (_before, after) in changed.items():
            setattr(district, field, after)
        district.save(update_fields=list(changed))
        record_audit_event(
            action="district.settings_changed",
            actor=actor,
            target=district,
            district=district,
            changes=_audit_values(changed),
        )
    _save_closures(actor=actor, district=district, closures=closures)
    return district


@transaction.atomic
def create_school(*, actor: AbstractBaseUser, district: District, values: dict[str, Any]) -> School:
    check_administers(actor=actor, district=district)
    school = School.objects.create(
        district=district, **{f: values[f] for f in SCHOOL_FIELDS if f in values}
    )
    record_audit_event(
        action="school.created",
        actor=actor,
        target=school,
        district=district,
        changes={field: (None, getattr(school, field)) for field in SCHOOL_FIELDS},
    )
    return school


@transaction.atomic
def update_school(*, actor: AbstractBaseUser, school: School, values: dict[str, Any]) -> School:
    """Renaming, regrading or deactivating a school. Deactivating only takes it off the report
    form: its cases, staff roles and history stay as they are. A school never moves district."""
    check_administers(actor=actor, district=school.district)
    changed = _changes(school, values, SCHOOL_FIELDS)
    if changed:
        for field, (_before, after) in changed.items():
            setattr(school, field, after)
        school.save(update_fields=list(changed))
        action = "school.changed"
        if "active" in changed:
            action = "school.reactivated" if school.active else "school.deactivated"
        record_audit_event(
            action=action, actor=actor, target=school, district=school.district, changes=changed
        )
    return school


@transaction.atomic
def update_taxonomy_entry(
    *,
    actor: AbstractBaseUser,
    entry: DistrictIncidentType | DistrictBiasBasis,
    labels: dict[str, str],
    order: int,
    active: bool,
) -> DistrictIncidentType | DistrictBiasBasis:
    """Relabel (per language; an empty label uses the global one), reorder or withdraw one
    code for the entry's district. The code itself, and so trends and CRDC, stay as they are."""
    check_administers(actor=actor, district=entry.district)
    languages = report_languages()
    unknown = set(labels) - set(languages)
    if unknown:
        raise ValidationError(_("Labels can only be given in the site's languages."))
    new_labels = {
        **{code: text for code, text in entry.labels.items() if code not in languages},
        **{code: text.strip() for code, text in labels.items() if text.strip()},
    }
    changed: dict[str, tuple[Any, Any]] = {}
    for code in sorted(set(entry.labels) | set(new_labels)):
        if entry.labels.get(code) != new_labels.get(code):
            changed[f"label_{code}"] = (entry.labels.get(code), new_labels.get(code))
    changed.update(_changes(entry, {"order": order, "active": active}, ("order", "active")))
    if changed:
        entry.labels, entry.order, entry.active = new_labels, order, active
        entry.save(update_fields=["labels", "order", "active"])
        record_audit_event(
            action="taxonomy.changed",
            actor=actor,
            target=entry,
            district=entry.district,
            detail={"code": entry.choice.code},
            changes=_audit_values(changed),
        )
    return entry


@transaction.atomic
def seed_labels(*, language: str, labels: dict[str, dict[str, str]]) -> int:
    """Set the global labels of one language: {"incident_types": {code: label},
    "bias_bases": {code: label}}. Codes not listed keep their labels; unknown codes are
    ignored. Returns how many labels were set. Meant for adding a language (a deployment
    step, no actor), so it is audited as the system."""
    if language not in report_languages():
        raise ValidationError(f"{language!r} is not in settings.LANGUAGES")
    count = 0
    for key, model in (("incident_types", IncidentType), ("bias_bases", BiasBasis)):
        wanted = labels.get(key, {})
        for choice in model.objects.filter(code__in=list(wanted)):
            choice.labels = {**choice.labels, language: str(wanted[choice.code]).strip()[:120]}
            choice.save(update_fields=["labels"])
            count += 1
    record_audit_event(
        action="taxonomy.language_seeded", detail={"language": language, "labels": count}
    )
    return count


def seed_labels_from_json(*, language: str, path: Path | str) -> int:
    """`seed_labels` from a UTF-8 JSON file of that shape."""
    with open(path, encoding="utf-8") as handle:
        return seed_labels(language=language, labels=json.load(handle))
