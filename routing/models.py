"""Routing rules: per district, which new case goes to whom, at what priority, watched by whom.

A rule's conditions are all optional; an empty condition matches anything, so a rule with no
condition is the district's default (put it last). Rules are tried in `position` order and the
first that matches wins (routing/matching.py). Nothing here holds report content: a rule names
places, categories, a channel and staff members.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.choices import Channel
from cases.models import Priority


class LifeSafetyCondition(models.TextChoices):
    ANY = "", _("Any report")
    YES = "yes", _("Only reports flagged for possible imminent harm")
    NO = "no", _("Only reports not flagged for possible imminent harm")


class RoutingRule(models.Model):
    district = models.ForeignKey(
        "cases.District",
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("district"),
    )
    position = models.PositiveSmallIntegerField(
        _("order"),
        default=10,
        help_text=_("Rules are tried from the lowest number up; the first that matches wins."),
    )
    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("A short name staff will see, e.g. 'Title IX reports'. No names of people."),
    )
    active = models.BooleanField(_("in use"), default=True)

    # Conditions: each empty one matches every report.
    schools = models.ManyToManyField(
        "cases.School",
        blank=True,
        related_name="+",
        verbose_name=_("schools"),
        help_text=_("The report's school is one of these. None chosen: any school."),
    )
    bias_bases = models.ManyToManyField(
        "cases.BiasBasis",
        blank=True,
        related_name="+",
        verbose_name=_("bias bases"),
        help_text=_("The report names at least one of these. None chosen: any basis."),
    )
    incident_types = models.ManyToManyField(
        "cases.IncidentType",
        blank=True,
        related_name="+",
        verbose_name=_("incident types"),
        help_text=_("The report names at least one of these. None chosen: any type."),
    )
    life_safety = models.CharField(
        _("possible imminent harm"),
        max_length=3,
        choices=LifeSafetyCondition.choices,
        blank=True,
        default=LifeSafetyCondition.ANY,
    )
    channel = models.CharField(
        _("channel"),
        max_length=16,
        choices=Channel.choices,
        blank=True,
        default="",
        help_text=_("How the report came in. Empty: any channel."),
    )

    # Outcome.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="routing_rules_assigned",
        verbose_name=_("assign to"),
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="routing_rules_in_team",
        verbose_name=_("or assign to a team"),
        help_text=_(
            "The case goes to the team member with the fewest open cases in the district "
            "(ties: by user name). Choose one person or a team, not both."
        ),
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        choices=Priority.choices,
        null=True,
        blank=True,
        help_text=_(
            "Empty: keep the priority set at intake. A report flagged for possible imminent "
            "harm stays Urgent whatever the rule says."
        ),
    )
    watchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="routing_rules_watched",
        verbose_name=_("watchers"),
        help_text=_("Officers who follow the case: they are told of the new report by email."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district__name", "position", "pk"]
        indexes = [models.Index(fields=["district", "active", "position"])]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return self.name


class CaseWatcher(models.Model):
    """An officer following a case because a routing rule named them."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rule = models.ForeignKey(RoutingRule, on_delete=models.SET_NULL, null=True, related_name="+")
    # The day only: a new case's watchers are added by the intake routing job.
    added_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="routing_watcher_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.case_id}"
