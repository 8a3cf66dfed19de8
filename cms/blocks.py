"""StreamField blocks shared by the public page types."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "ol", "ul", "link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Section heading")
        template = "cms/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed note, for what a reader must not miss (e.g. call 911 first)."""

    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "cms/blocks/callout.html"


def body_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("heading", HeadingBlock()),
        ("paragraph", blocks.RichTextBlock(label=_("Rich text"), features=RICH_TEXT_FEATURES)),
        ("callout", CalloutBlock()),
    ]


class CrisisContactBlock(blocks.StructBlock):
    """One place to get help now; phone numbers become tap-to-call links."""

    name = blocks.CharBlock(label=_("name"), max_length=120)
    phone = blocks.CharBlock(label=_("phone to call"), max_length=40, required=False)
    text = blocks.CharBlock(label=_("number to text"), max_length=40, required=False)
    website = blocks.URLBlock(label=_("website"), required=False)
    hours = blocks.CharBlock(label=_("when it is open"), max_length=120, required=False)
    description = blocks.TextBlock(label=_("what they help with"), required=False)

    class Meta:
        icon = "help"
        label = _("Crisis contact")
        template = "cms/blocks/crisis_contact.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")
        template = "cms/blocks/question.html"
