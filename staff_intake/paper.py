"""The blank paper form, built from the portal's step definitions (reporting.steps.STEPS).

A question added to a step's form appears on paper with nothing to change here: every field
of every step is printed, as boxes to tick for a short list of choices and as lines to write
on for the rest (a district's list of schools would fill pages: the school is written in).
Only the review step's honeypot, which people never see, is left out.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import override

from reporting.steps import STEPS

HONEYPOT_FIELDS = frozenset({"website"})


@dataclass(frozen=True)
class PaperQuestion:
    name: str
    label: str
    help_text: str
    # "tick_one", "tick_any", "yes_no", "lines" (long answer), "line", "attach"
    kind: str
    options: list[str]


@dataclass(frozen=True)
class PaperSection:
    title: str
    questions: list[PaperQuestion]


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)
        elif value not in ("", None):
            yield str(label)


def _kind(field: forms.Field) -> str:
    widget = field.widget
    if isinstance(field, forms.FileField):
        return "attach"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "tick_any"
    if isinstance(widget, forms.RadioSelect):
        return "tick_one"
    if isinstance(field, forms.BooleanField):
        return "yes_no"
    if isinstance(widget, forms.Textarea):
        return "lines"
    return "line"


def paper_form(*, language: str) -> list[PaperSection]:
    """Every step with printable questions, its texts in `language`."""
    sections = []
    with override(language):
        for step in STEPS:
            form = step.form_class()
            questions = []
            for name, field in form.fields.items():
                if name in HONEYPOT_FIELDS:
                    continue
                kind = _kind(field)
                questions.append(
                    PaperQuestion(
                        name=name,
                        label=str(field.label),
                        help_text=str(field.help_text or ""),
                        kind=kind,
                        options=list(_flat(field.choices)) if kind.startswith("tick") else [],
                    )
                )
            if questions:
                sections.append(PaperSection(title=str(step.title), questions=questions))
    return sections
