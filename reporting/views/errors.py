"""The error summary: each message with a link to the field it belongs to."""

from django import forms


def error_list(form: forms.Form) -> list[tuple[str, str]]:
    """(anchor id, message) pairs in field order; form-wide errors link to the form itself."""
    if not form.is_bound:
        return []
    pairs = [("report-form", message) for message in form.non_field_errors()]
    for field in form:
        pairs.extend((field.id_for_label or field.auto_id, message) for message in field.errors)
    return pairs
