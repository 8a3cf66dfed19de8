"""Shared behaviour of portal forms: accessible error wiring and no autocomplete."""

from django import forms


class PortalForm(forms.Form):
    """Links each field's error and help text to its input, so screen readers announce them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("autocomplete", "off")
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self.auto_id % name}-help"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            attrs["aria-invalid"] = "true"
            described = [f"{self.auto_id % name}-error"]
            if self.fields[name].help_text:
                described.append(f"{self.auto_id % name}-help")
            attrs["aria-describedby"] = " ".join(described)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the caller, one by one."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            files = [item for item in data if item]
        else:
            files = [data] if data else []
        if self.required and not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files
