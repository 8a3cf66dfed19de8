"""Configurable incident types and bias bases, seeded with CRDC-aligned defaults.

The codes are global and stable (trend cells and the CRDC export count by code); each label
is kept per language in one JSON field, `labels` ({language code: label}), so adding a
language to settings.LANGUAGES needs no migration. A district may relabel, reorder or stop
offering a code for its own reports (`DistrictIncidentType`, `DistrictBiasBasis`); where it
has not, the global values apply.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.languages import default_report_language, report_language, taxonomy_labels


class CrdcCategory(models.TextChoices):
    """Civil Rights Data Collection harassment/bullying allegation bases."""

    SEX = "sex", _("Sex")
    RACE_COLOR_NATIONAL_ORIGIN = "race", _("Race, color or national origin")
    DISABILITY = "disability", _("Disability")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    RELIGION = "religion", _("Religion")
    NONE = "", _("Not a CRDC category")


def pick_label(labels: dict, language: str | None = None, fallback: str = "") -> str:
    """The label in `language` (the active one when None), else in the site's default
    language, else English, else `fallback`."""
    for code in (report_language(language), default_report_language(), "en"):
        if labels.get(code):
            return labels[code]
    return fallback


class LabelledChoice(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    labels = models.JSONField(
        _("labels"), default=dict, help_text=_("One label per language code.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered on the report form"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_in(None)

    def label_in(self, language: str | None) -> str:
        """The label in `language` (the active language when None): the one kept here, else
        the one shipped for that language (cases/taxonomy_labels/), else English."""
        language = report_language(language)
        shipped = taxonomy_labels(language).get(self.shipped_labels_key, {}).get(self.code)
        labels = {language: shipped, **self.labels} if shipped else self.labels
        return pick_label(labels, language, fallback=self.code)


class IncidentType(LabelledChoice):
    shipped_labels_key = "incident_types"

    class Meta(LabelledChoice.Meta):
        verbose_name = _("incident type")
        verbose_name_plural = _("incident types")


class BiasBasis(LabelledChoice):
    shipped_labels_key = "bias_bases"

    crdc_category = models.CharField(
        _("CRDC category"), max_length=32, choices=CrdcCategory.choices, blank=True
    )

    class Meta(LabelledChoice.Meta):
        verbose_name = _("bias basis")
        verbose_name_plural = _("bias bases")


class DistrictChoice(models.Model):
    """How one district offers one global code: its own labels (any language left out falls
    back to the global label), its order on the report form, and whether it is offered."""

    district = models.ForeignKey(
        "cases.District", on_delete=models.CASCADE, verbose_name=_("district")
    )
    labels = models.JSONField(
        _("labels"),
        default=dict,
        blank=True,
        help_text=_("The district's own label per language code; empty uses the default."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered on the report form"), default=True)

    class Meta:
        abstract = True
        ordering = ["district__name", "order", "choice__code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_in(None)

    def label_in(self, language: str | None, *, choice: LabelledChoice | None = None) -> str:
        """The district's own label in `language` if it set one, else the global label in
        that language (a relabel in one language does not replace the others' meaning)."""
        own = self.labels.get(report_language(language))
        return own or (choice or self.choice).label_in(language)


class DistrictIncidentType(DistrictChoice):
    choice = models.ForeignKey(
        IncidentType,
        on_delete=models.CASCADE,
        related_name="district_settings",
        verbose_name=_("incident type"),
    )

    class Meta(DistrictChoice.Meta):
        verbose_name = _("district incident type")
        verbose_name_plural = _("district incident types")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "choice"], name="district_incident_type_unique"
            )
        ]


class DistrictBiasBasis(DistrictChoice):
    choice = models.ForeignKey(
        BiasBasis,
        on_delete=models.CASCADE,
        related_name="district_settings",
        verbose_name=_("bias basis"),
    )

    class Meta(DistrictChoice.Meta):
        verbose_name = _("district bias basis")
        verbose_name_plural = _("district bias bases")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "choice"], name="district_bias_basis_unique"
            )
        ]
