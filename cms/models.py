"""Public information pages, edited by content editors in Wagtail."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's front page, with the 'Report an incident' entry."""

    intro = RichTextField(_("introduction"), blank=True)
    report_button_label = models.CharField(
        _("report button label"), max_length=60, default="Report an incident"
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("report_button_label")]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
