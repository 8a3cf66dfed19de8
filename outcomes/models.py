"""Outcome notices to reporters and the retaliation check-ins that follow a closure.

A district keeps its own texts (`NoticeTemplate`: outcome wordings an officer may start from,
and the appeal and OCR rights text, per language) and its check-in days (`OutcomeSettings`).
Those are the district's boilerplate, not anything a reporter wrote, so they are stored as
plain text. What is sent about one case (`OutcomeNotice`) and what a reporter answers
(`CheckIn.details`) are sealed like messages.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.languages import language_choices
from privacy.fields import EncryptedTextField

DEFAULT_CHECK_IN_DAYS = (30, 90)
MAX_CHECK_INS = 5
MAX_CHECK_IN_DAY = 730


def parse_check_in_days(text: str) -> list[int]:
    """ "30, 90" -> [30, 90]; raises ValidationError with a message a person can act on."""
    parts = [part.strip() for part in str(text or "").replace(";", ",").split(",")]
    parts = [part for part in parts if part]
    if not parts:
        raise ValidationError(_("Enter at least one number of days, for example 30, 90."))
    days = set()
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= MAX_CHECK_IN_DAY:
            raise ValidationError(
                _("“%(value)s” is not a number of days between 1 and %(max)s.")
                % {"value": part[:20], "max": MAX_CHECK_IN_DAY}
            )
        days.add(int(part))
    if len(days) > MAX_CHECK_INS:
        raise ValidationError(
            _("Enter at most %(max)s check-ins: more would tire the reporter.")
            % {"max": MAX_CHECK_INS}
        )
    return sorted(days)


def validate_check_in_days(text: str) -> None:
    parse_check_in_days(text)


class OutcomeSettings(models.Model):
    """One district's check-in days; a district without a row uses 30 and 90."""

    district = models.OneToOneField(
        "cases.District",
        on_delete=models.CASCADE,
        related_name="outcome_settings",
        verbose_name=_("district"),
    )
    check_in_days = models.CharField(
        _("ask the reporter after (days)"),
        max_length=60,
        default="30, 90",
        validators=[validate_check_in_days],
        help_text=_(
            "Days after closure when the status page asks the reporter “Has anything "
            "happened since?”, separated by commas. For example: 30, 90."
        ),
    )

    class Meta:
        verbose_name = _("outcome settings")
        verbose_name_plural = _("outcome settings")

    def __str__(self) -> str:
        return str(self.district)

    def days(self) -> list[int]:
        return parse_check_in_days(self.check_in_days)


class TemplateKind(models.TextChoices):
    OUTCOME = "outcome", _("Outcome wording")
    RIGHTS = "rights", _("Appeal and OCR rights")


class NoticeTemplate(models.Model):
    """A district's text for outcome notices, in one language."""

    district = models.ForeignKey(
        "cases.District",
        on_delete=models.CASCADE,
        related_name="notice_templates",
        verbose_name=_("district"),
    )
    language = models.CharField(_("language"), max_length=16, choices=language_choices)
    kind = models.CharField(_("kind"), max_length=10, choices=TemplateKind.choices)
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("What officers see when they choose a wording, e.g. “Not substantiated”."),
    )
    body = models.TextField(
        _("text"),
        max_length=5000,
        help_text=_(
            "Plain words a student can read. Never a name or a detail of one case: this text "
            "is shared by every notice that uses it."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district__name", "language", "kind", "name"]
        verbose_name = _("outcome notice text")
        verbose_name_plural = _("outcome notice texts")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "language", "kind", "name"],
                name="notice_template_unique",
                violation_error_message=_(
                    "This district already has a text of this kind with this name in this "
                    "language. Change its name, or edit the other one."
                ),
            ),
            models.UniqueConstraint(
                fields=["district", "language"],
                condition=models.Q(kind="rights"),
                name="notice_rights_one_per_language",
                violation_error_message=_(
                    "This district already has an appeal and OCR text in this language: "
                    "edit that one instead."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_language_display()})"


class OutcomeNotice(models.Model):
    """What the district told the reporters of a case when it closed it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="outcome_notices")
    language = models.CharField(max_length=16, choices=language_choices)
    # The outcome in plain words and what the district will do.
    body = EncryptedTextField(_("outcome"))
    # How to appeal within the district and file with OCR, as it read when sent.
    rights = EncryptedTextField(_("appeal and OCR rights"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issued_at"]
        get_latest_by = "issued_at"

    def __str__(self) -> str:
        return f"Outcome notice {str(self.pk)[:8]}"


class CheckInState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    ASKED = "asked", _("Waiting for the reporter")
    ANSWERED = "answered", _("Answered")
    CANCELLED = "cancelled", _("Not asked (the case was reopened)")


class CheckIn(models.Model):
    """“Has anything happened since?”, asked of one report's reporter N days after closure."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    notice = models.ForeignKey(OutcomeNotice, on_delete=models.CASCADE, related_name="check_ins")
    report = models.ForeignKey("cases.Report", on_delete=models.CASCADE, related_name="+")
    after_days = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    state = models.CharField(
        max_length=10, choices=CheckInState.choices, default=CheckInState.SCHEDULED
    )
    # Days only: when a reporter answered is when they were online.
    asked_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    happened = models.BooleanField(null=True, blank=True)
    details = EncryptedTextField(blank=True, default="")
    # The case handling a "yes": the reopened case itself or a new, linked one.
    follow_up_case = models.ForeignKey(
        "cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "after_days"]
        indexes = [models.Index(fields=["state", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "report", "after_days"], name="check_in_once_per_day_count"
            ),
        ]

    def __str__(self) -> str:
        return f"Check-in {str(self.pk)[:8]}"
