"""Saved searches and the new reports that matched them: tokens and ids, never a typed word.

An officer's words are turned into blind-index tokens (`privacy.blind_index`, the key and
normalisation the case index uses) before anything is stored, so a stolen database shows
which saved searches share a word with which cases, as the case index already does, and no
word. What the officer reads back is the label they chose and the filters.

A match records the day only (as a report does, cases.models.arrival): its time would date
the reporter's action.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    """How the owner heard of a match, chosen from their e-mail preference when it matched."""

    EMAIL = "email", _("An email")
    DIGEST = "digest", _("The daily digest")
    NONE = "none", _("No email")


class SavedSearch(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    label = models.CharField(_("label"), max_length=80)
    # Blind-index tokens of the watched words (32 hex characters each), in typed order.
    tokens = models.JSONField(default=list, blank=True)
    school = models.ForeignKey(
        "cases.School",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    bias_basis = models.ForeignKey(
        "cases.BiasBasis",
        verbose_name=_("bias basis"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    incident_type = models.ForeignKey(
        "cases.IncidentType",
        verbose_name=_("incident type"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["label", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self) -> str:
        return self.label


class SavedSearchMatch(models.Model):
    """A case that matched a saved search: its owner hears of it once (the unique pair)."""

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    matched_on = models.DateField(default=timezone.localdate)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "case"], name="alerts_match_once_per_case"
            )
        ]
        indexes = [models.Index(fields=["matched_on", "delivery"], name="alerts_match_day")]

    def __str__(self) -> str:
        return f"{self.saved_search_id}:{self.case_id}"
