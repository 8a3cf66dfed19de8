"""Choice fields whose rows are read once per GET request (cases/request_cache.py).

The queue offers the same people twice, in its "Assigned to" filter and in its bulk "Assign
to" form: both fields use these iterators, so the list is read once (issue 20)."""

import django_filters
from django.core.exceptions import EmptyResultSet
from django.forms.models import ModelChoiceIterator
from django_filters.fields import ModelChoiceField as FilterModelChoiceField
from django_filters.fields import ModelChoiceIterator as FilterModelChoiceIterator

from cases.request_cache import memoised


class RequestCachedChoiceIterator(ModelChoiceIterator):
    def _rows(self) -> list:
        queryset = self.queryset
        try:
            key = ("choices", queryset.model._meta.label, str(queryset.query))
        except EmptyResultSet:  # an empty queryset (`.none()`) reads nothing anyway
            return list(queryset)
        return memoised(key, lambda: list(queryset))

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self._rows():
            yield self.choice(obj)

    def __len__(self):
        return len(self._rows()) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self._rows())


class _FilterIterator(FilterModelChoiceIterator, RequestCachedChoiceIterator):
    """django-filter's "Nobody" choice, over the request-cached rows."""


class _FilterField(FilterModelChoiceField):
    iterator = _FilterIterator


class RequestCachedModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterField
