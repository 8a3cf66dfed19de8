"""The queue writes its cells in Python (issue 20: templates cost more than the SQL on a page
of 100 rows). Each cell must still be the markup Wagtail's own template writes, so the bulk
actions' JavaScript, the screen reader labels and the styles keep working across upgrades."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.translation import override
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, Table, TitleColumn

from cases.admin.listings import PythonRowsTable, TextColumn
from cases.admin.queue import CaseCheckboxColumn, CaseNumberColumn

pytestmark = pytest.mark.django_db


def _same_markup(html: str) -> str:
    """Whitespace between tags and inside them does not matter to a browser."""
    html = re.sub(r">\s+", ">", html.strip())
    html = re.sub(r"\s+<", "<", html)
    return re.sub(r"\s+", " ", html).replace(" />", "/>").replace(" >", ">")


def _cell(column, instance, context=None) -> str:
    return column.get_cell(instance).render_html(context or {"row": None, "table": None})


def _wagtails(column, instance) -> str:
    """The cell as Wagtail's template for the column's parent class writes it."""
    context = column.get_cell_context_data(instance, {"row": None, "table": None})
    return render_to_string(column.cell_template_name, context)


def test_the_case_number_cell_is_wagtails_title_cell(world):
    case = world.case
    ours = CaseNumberColumn("number", label="Case")
    theirs = TitleColumn(
        "number",
        label="Case",
        get_url=lambda c: f"/admin/cases/{c.pk}/",
        get_title_id=lambda c: f"case_{c.pk}_title",
    )
    assert _same_markup(_cell(ours, case)) == _same_markup(_wagtails(theirs, case))
    assert f'href="/admin/cases/{case.pk}/"' in _cell(ours, case)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_checkbox_cell_is_wagtails_bulk_action_cell(world, language):
    with override(language):
        ours = _cell(CaseCheckboxColumn("bulk_actions", obj_type="case"), world.case)
        theirs = _wagtails(BulkActionsCheckboxColumn("bulk_actions", obj_type="case"), world.case)
    assert _same_markup(ours) == _same_markup(theirs)


def test_a_text_cell_is_wagtails_cell_escaped():
    row = type("Row", (), {"name": "<b>Cedar & Oak</b>", "count": 1234, "blank": "  "})()
    for name in ("name", "count", "blank"):
        ours = TextColumn(name, classname="wide")
        theirs = Column(name, classname="wide")
        assert _same_markup(_cell(ours, row)) == _same_markup(_wagtails(theirs, row))
    assert escape("<b>Cedar & Oak</b>") in _cell(TextColumn("name"), row)


def test_a_table_with_python_rows_writes_the_rows_wagtails_table_writes(world):
    rows = [world.case]
    columns = [TextColumn("number", label="Case"), TextColumn("status", label="Status")]
    ours = PythonRowsTable(columns, rows).render_html({})
    theirs = Table([Column("number", label="Case"), Column("status", label="Status")], rows)
    assert _same_markup(ours) == _same_markup(theirs.render_html({}))
