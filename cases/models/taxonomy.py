"""Configurable incident types and bias bases, seeded with CRDC-aligned defaults."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.languages import report_language


class CrdcCategory(models.TextChoices):
    """Civil Rights Data Collection harassment/bullying allegation bases."""

    SEX = "sex", _("Sex")
    RACE_COLOR_NATIONAL_ORIGIN = "race", _("Race, color or national origin")
    DISABILITY = "disability", _("Disability")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    RELIGION = "religion", _("Religion")
    NONE = "", _("Not a CRDC category")


class LabelledChoice(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    label_en = models.CharField(_("label (English)"), max_length=120)
    label_es = models.CharField(_("label (Spanish)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered on the report form"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        labels = {"en": self.label_en, "es": self.label_es}
        return labels.get(report_language(), self.label_en)


class IncidentType(LabelledChoice):
    class Meta(LabelledChoice.Meta):
        verbose_name = _("incident type")
        verbose_name_plural = _("incident types")


class BiasBasis(LabelledChoice):
    crdc_category = models.CharField(
        _("CRDC category"), max_length=32, choices=CrdcCategory.choices, blank=True
    )

    class Meta(LabelledChoice.Meta):
        verbose_name = _("bias basis")
        verbose_name_plural = _("bias bases")
