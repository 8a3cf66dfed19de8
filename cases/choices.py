"""Fixed vocabularies of the report and case. Non-identifying, so trend reports may use them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocationType(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    HALLWAY = "hallway", _("Hallway or stairs")
    CAFETERIA = "cafeteria", _("Cafeteria")
    RESTROOM = "restroom", _("Restroom or locker room")
    PLAYGROUND = "playground", _("Playground or outdoor area")
    BUS = "bus", _("School bus or bus stop")
    ONLINE = "online", _("Online, text or social media")
    ACTIVITY = "activity", _("Sports, club or school event")
    OFFICE = "office", _("Office or staff meeting")
    OFF_CAMPUS = "off_campus", _("Off campus")
    OTHER = "other", _("Somewhere else")


class ReporterRelation(models.TextChoices):
    TARGETED_STUDENT = "targeted_student", _("It happened to me (student)")
    PARENT = "parent", _("I am a parent or guardian of the student")
    WITNESS = "witness", _("I saw or heard it")
    STAFF = "staff", _("I work at the school")
    OTHER = "other", _("Other")


class StaffInvolvement(models.TextChoices):
    """The reporter's answer to "is an adult who works at the school involved?" (optional)."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


# Answers that keep a case away from the school's own officers. "Not sure" counts: a child
# who cannot tell whether the adult "works at the school" is often right that they do, and a
# district officer reading a case that did not need it costs far less than the involved adult's
# colleague reading one that did.
DISTRICT_ONLY_ANSWERS = frozenset({StaffInvolvement.YES, StaffInvolvement.NOT_SURE})


class GradeBand(models.TextChoices):
    EARLY = "prek_2", _("Pre-K to grade 2")
    ELEMENTARY = "3_5", _("Grades 3 to 5")
    MIDDLE = "6_8", _("Grades 6 to 8")
    HIGH = "9_12", _("Grades 9 to 12")
    UNKNOWN = "unknown", _("Not sure or prefer not to say")


class TransferInterest(models.TextChoices):
    NO = "no", _("No")
    CONSIDERING = "considering", _("We are considering a transfer")
    REQUESTING = "requesting", _("We want to request a transfer")


class Channel(models.TextChoices):
    WEB = "web", _("Online form")
    PHONE = "phone", _("Phone call")
    PAPER = "paper", _("Paper form")
    EMAIL = "email", _("E-mail")
    IN_PERSON = "in_person", _("In person")


class Language(models.TextChoices):
    ENGLISH = "en", "English"
    SPANISH = "es", "Español"
