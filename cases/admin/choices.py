"""Choice fields whose rows are read once per GET request (cases/request_cache.py).

The queue offers the same people twice, in its "Assigned to" filter and in its bulk "Assign
to" form: both fields use these iterators, so the list is read once (issue 20). Its bias basis
and incident type filters read both vocabularies in one query (`VocabularyChoiceFilter`)."""

import json

import django_filters
from django.core.exceptions import EmptyResultSet
from django.db.models import Value
from django.forms.models import ModelChoiceIterator
from django_filters.fields import ModelChoiceField as FilterModelChoiceField
from django_filters.fields import ModelChoiceIterator as FilterModelChoiceIterator

from cases.models import BiasBasis, IncidentType
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


def _read_vocabularies() -> dict[type, list]:
    """Every bias basis and incident type in one `UNION` query (the queue's two vocabulary
    filters read them in two)."""
    fields = ("pk", "code", "labels", "order", "active")
    bases = BiasBasis.objects.annotate(kind=Value("basis")).values_list("kind", *fields)
    types = IncidentType.objects.annotate(kind=Value("type")).values_list("kind", *fields)
    rows = {BiasBasis: [], IncidentType: []}
    for kind, pk, code, labels, order, active in bases.order_by().union(types.order_by(), all=True):
        model = BiasBasis if kind == "basis" else IncidentType
        if isinstance(labels, str):  # a backend that leaves the union's JSON as text
            labels = json.loads(labels)
        rows[model].append(model(pk=pk, code=code, labels=labels, order=order, active=active))
    for instances in rows.values():
        instances.sort(key=lambda choice: (choice.order, choice.code))  # the models' ordering
    return rows


def vocabulary_choices(model: type) -> list:
    return memoised(("vocabularies",), _read_vocabularies)[model]


class _VocabularyIterator(_FilterIterator):
    def _rows(self) -> list:
        return vocabulary_choices(self.queryset.model)


class _VocabularyField(FilterModelChoiceField):
    iterator = _VocabularyIterator


class VocabularyChoiceFilter(django_filters.ModelChoiceFilter):
    """A bias basis or incident type filter whose choices come from the shared read."""

    field_class = _VocabularyField
