"""A district administrator chooses the languages of the public site (District.languages)."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import District
from cases.models.organisation import validate_district_languages
from cases.selectors.memberships import administered_districts
from cases.services.audit import record_audit_event


@transaction.atomic
def set_district_languages(
    *, actor: AbstractBaseUser, district: District, languages: list[str]
) -> District:
    """Store `languages` (site codes, English included) for `district`, audited with the
    codes before and after ("en/es"). Only its administrator (or a superuser) may; a ValidationError
    names what is wrong with the list."""
    if not administered_districts(user=actor).filter(pk=district.pk).exists():
        raise PermissionDenied(_("You do not administer this district."))
    validate_district_languages(languages)
    district = District.objects.select_for_update().get(pk=district.pk)
    before = list(district.languages)
    if before == languages:
        return district
    district.languages = languages
    district.save(update_fields=["languages"])
    record_audit_event(
        action="district.languages_changed",
        actor=actor,
        target=district,
        district=district,
        detail={"before": "/".join(before), "after": "/".join(languages)},
    )
    return district
