"""Queue filters and sorting (django-filter). Choices are limited to what the user may see."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.admin.choices import RequestCachedModelChoiceFilter, VocabularyChoiceFilter
from cases.deadlines import overdue_condition
from cases.models import BiasBasis, Case, CaseStatus, IncidentType, School
from cases.selectors.organisation import schools_for_case_handling
from cases.selectors.staff import handlers_in_scope_of

SORTS = {
    "priority": ("-priority", "opened_on", "sequence"),
    "oldest": ("opened_on", "sequence"),
    "newest": ("-opened_on", "-sequence"),
    "acknowledge_due": ("acknowledge_due", "opened_on", "sequence"),
    "investigation_due": ("investigation_due", "opened_on", "sequence"),
    "number": ("number",),
}
SORT_CHOICES = [
    ("priority", _("Priority")),
    ("oldest", _("Oldest first")),
    ("newest", _("Newest first")),
    ("acknowledge_due", _("Acknowledge by")),
    ("investigation_due", _("Investigation due")),
    ("number", _("Case number")),
]


class CaseQueueFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=CaseStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=School.objects.none(), empty_label=_("All schools")
    )
    basis = VocabularyChoiceFilter(
        label=_("Bias basis"),
        queryset=BiasBasis.objects.all(),
        method="filter_basis",
        empty_label=_("Any basis"),
    )
    incident_type = VocabularyChoiceFilter(
        label=_("Incident type"),
        queryset=IncidentType.objects.all(),
        method="filter_incident_type",
        empty_label=_("Any type"),
    )
    assignee = RequestCachedModelChoiceFilter(  # the bulk form offers the same people
        label=_("Assigned to"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Anyone"),
        null_label=_("Nobody (unassigned)"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue only"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    opened_after = django_filters.DateFilter(
        label=_("Opened on or after"),
        field_name="opened_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    opened_before = django_filters.DateFilter(
        label=_("Opened on or before"),
        field_name="opened_on",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="sort_cases", empty_label=None
    )

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["school"].queryset = schools_for_case_handling(user=user)
        self.filters["assignee"].queryset = handlers_in_scope_of(user=user)
        # Unticked is the default: not a filter the drawer lists as applied.
        self.form.fields["overdue"].initial = False
        self.today = timezone.localdate()

    def filter_basis(self, queryset, name, value):
        through = Case.bias_bases.through.objects.filter(biasbasis=value)
        return queryset.filter(pk__in=through.values("case_id"))

    def filter_incident_type(self, queryset, name, value):
        through = Case.incident_types.through.objects.filter(incidenttype=value)
        return queryset.filter(pk__in=through.values("case_id"))

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_condition(today=self.today)) if value else queryset

    def sort_cases(self, queryset, name, value):
        # Possible imminent harm always comes first, whatever the chosen order.
        return queryset.order_by("-life_safety", *SORTS.get(value, SORTS["priority"]), "pk")
