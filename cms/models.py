"""Public information pages, edited by content editors in Wagtail."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.blocks import CrisisContactBlock, QuestionBlock, body_blocks

INFO_PAGE_TYPES = ["cms.StandardPage", "cms.ResourcesPage", "cms.FaqPage"]


class HomePage(Page):
    """The site's front page, with the 'Report an incident' entry.

    Its child pages are listed on it, so every information page is one click from home.
    """

    intro = RichTextField(_("introduction"), blank=True)
    report_button_label = models.CharField(
        _("report button label"), max_length=60, default="Report an incident"
    )
    status_link_label = models.CharField(
        _("status link label"),
        max_length=120,
        default="Already sent a report? Check it with your receipt code.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("report_button_label"),
        FieldPanel("status_link_label"),
    ]
    subpage_types = INFO_PAGE_TYPES
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["info_pages"] = self.get_children().live().public().in_menu().specific()
        return context


class InfoPage(Page):
    """Fields every information page has: a one-line summary shown on home and at the top."""

    summary = models.CharField(_("summary"), max_length=250, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    show_in_menus_default = True

    class Meta:
        abstract = True


class StandardPage(InfoPage):
    """Know your rights, how reporting works, transfers: headed sections of rich text."""

    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))

    content_panels = [*InfoPage.content_panels, FieldPanel("body")]
    subpage_types = INFO_PAGE_TYPES

    class Meta:
        verbose_name = _("standard page")


class ResourcesPage(InfoPage):
    """Crisis lines and other help, listed before any other text."""

    contacts = StreamField(
        [("contact", CrisisContactBlock())], blank=True, verbose_name=_("crisis contacts")
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("more help"))

    content_panels = [*InfoPage.content_panels, FieldPanel("contacts"), FieldPanel("body")]
    subpage_types = []

    class Meta:
        verbose_name = _("resources page")


class FaqPage(InfoPage):
    questions = StreamField(
        [("question", QuestionBlock())], blank=True, verbose_name=_("questions")
    )

    content_panels = [*InfoPage.content_panels, FieldPanel("questions")]
    subpage_types = []

    class Meta:
        verbose_name = _("FAQ page")
