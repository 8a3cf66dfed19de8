"""Districts, schools and the staff memberships that decide who sees what."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cases.languages import (
    default_district_languages,
    default_report_language,
    language_choices,
    report_languages,
)
from cases.roles import SCHOOL_LEVEL_ROLES, Role


def validate_district_languages(value: object) -> None:
    """A list of the site's language codes that keeps the default language (English): the
    public site's addresses without a language prefix are in it."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Choose the languages from the list."))
    unknown = [code for code in value if code not in report_languages()]
    if unknown:
        raise ValidationError(
            _("The site has no language %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    default = default_report_language()
    if default not in value:
        raise ValidationError(
            _("%(language)s is always offered: keep it checked."),
            params={"language": dict(settings.LANGUAGES)[default]},
        )


class DistrictLanguagesField(models.JSONField):
    """A list of language codes, stored as JSON, edited as one checkbox per site language."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=language_choices,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
            required=not self.blank,
            validators=self.validators,
            error_messages={"required": _("Choose at least one language.")},
        )


class District(ClusterableModel):
    """A school district. Its rules (deadlines, retention, suppression) are configurable.

    Clusterable so that its closures are edited as inline rows of the district's form.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    code = models.CharField(
        _("case number prefix"),
        max_length=8,
        unique=True,
        help_text=_("Letters that start this district's case numbers, e.g. NVU."),
    )
    acknowledge_school_days = models.PositiveSmallIntegerField(
        _("acknowledge a new report within (school days)"), default=2
    )
    investigation_days = models.PositiveSmallIntegerField(
        _("complete an investigation within (calendar days)"), default=60
    )
    transfer_step_days = models.PositiveSmallIntegerField(
        _("each transfer step within (calendar days)"), default=14
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep closed cases for (years)"), default=7
    )
    suppression_threshold = models.PositiveSmallIntegerField(_("suppress counts below"), default=10)
    purge_enabled = models.BooleanField(
        _("purge expired cases automatically"),
        default=False,
        help_text=_("When off, the scheduled retention run only reports what it would purge."),
    )
    # Staff may record a report received earlier than today (a letter, a voicemail), never
    # one dated before the district took reports here. Empty: no such limit is known.
    established_on = models.DateField(
        _("takes reports since"),
        null=True,
        blank=True,
        help_text=_("Staff cannot record a report received before this day."),
    )
    contact_email = models.EmailField(
        _("contact e-mail for the public pages"),
        blank=True,
        help_text=_("A district office address families may write to; never a person's own."),
    )
    languages = DistrictLanguagesField(
        _("languages of the public site"),
        default=default_district_languages,
        validators=[validate_district_languages],
        help_text=_(
            "The languages families can read the public site and write a report in. English "
            "is always offered."
        ),
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("public site"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="district",
        help_text=_(
            "The public site that serves this district alone, if it has one. A site shared by "
            "several districts offers every language any of them enabled."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        default_permissions = ("add", "change", "delete", "view")
        permissions = [
            ("handle_district_cases", _("Handle the district's cases")),
            ("handle_district_transfers", _("Handle the district's transfer requests")),
            ("view_district_trends", _("View the district's trend reports")),
        ]

    def __str__(self) -> str:
        return self.name


class SchoolGradeBand(models.TextChoices):
    ELEMENTARY = "elementary", _("Elementary school")
    MIDDLE = "middle", _("Middle school")
    HIGH = "high", _("High school")
    K_8 = "k_8", _("Kindergarten to grade 8")
    K_12 = "k_12", _("Kindergarten to grade 12")
    OTHER = "other", _("Other")


class School(models.Model):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="schools", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60)
    grade_band = models.CharField(
        _("grade band"), max_length=16, choices=SchoolGradeBand.choices, blank=True
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("An inactive school is no longer offered on the report form; its cases stay."),
    )

    class Meta:
        ordering = ["district__name", "name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(fields=["district", "slug"], name="school_unique_slug"),
        ]
        permissions = [("handle_school_cases", _("Handle the school's cases"))]

    def __str__(self) -> str:
        return self.name


class StaffMembership(models.Model):
    """A role a staff user holds at a district, or at one school of that district."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        help_text=_("Leave empty for a district-wide role."),
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "district"],
                condition=models.Q(school__isnull=True),
                name="membership_unique_district_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "school"],
                condition=models.Q(school__isnull=False),
                name="membership_unique_school_role",
            ),
        ]

    def __str__(self) -> str:
        scope = self.school or self.district
        return f"{self.get_role_display()} @ {scope}"

    def clean(self) -> None:
        if self.school_id and self.school.district_id != self.district_id:
            raise ValidationError({"school": _("That school belongs to another district.")})
        if self.school_id and self.role not in SCHOOL_LEVEL_ROLES:
            raise ValidationError({"role": _("This role is held at district level only.")})


# Direct foreign-key permission tables: indexed and cascading, unlike guardian's generic ones.
class DistrictUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(District, on_delete=models.CASCADE)


class DistrictGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(District, on_delete=models.CASCADE)


class SchoolUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(School, on_delete=models.CASCADE)


class SchoolGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(School, on_delete=models.CASCADE)


class DistrictClosure(models.Model):
    """A weekday with no school (holiday, break): not counted as a school day for deadlines."""

    district = ParentalKey(District, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.UniqueConstraint(fields=["district", "date"], name="closure_unique_date")
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.reason}"
