"""The "Incident types" and "Bias bases" screens: how a district offers each global code.

One row per district and code (`cases.DistrictIncidentType`, `cases.DistrictBiasBasis`): the
district's own label in each of the site's languages (one field per entry of
settings.LANGUAGES, so a new language adds a field without a migration; an empty field uses
the default label), its order on the report form, and whether it is offered. The codes, and
so trend reports and the CRDC export, stay global: the CRDC category is shown, not edited.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cases.admin.district_admin import (
    AdministratorsOnly,
    DistrictScopedPolicy,
    SavesThroughService,
    administered_district_ids,
)
from cases.models import District, DistrictBiasBasis, DistrictIncidentType
from district_setup.services import update_taxonomy_entry

for _model in (DistrictIncidentType, DistrictBiasBasis):
    register_permission_policy(_model, DistrictScopedPolicy(_model))


def _districts(request) -> QuerySet[District]:
    return District.objects.filter(pk__in=administered_district_ids(request.user)).order_by("name")


class TaxonomyFilterSet(WagtailFilterSet):
    district = django_filters.ModelChoiceFilter(label=gettext_lazy("District"), queryset=_districts)
    active = django_filters.BooleanFilter(label=gettext_lazy("Offered on the report form"))


class IncidentTypeFilterSet(TaxonomyFilterSet):
    class Meta:
        model = DistrictIncidentType
        fields = ["district", "active"]


class BiasBasisFilterSet(TaxonomyFilterSet):
    class Meta:
        model = DistrictBiasBasis
        fields = ["district", "active"]


def label_field_name(language: str) -> str:
    return f"label_{language.replace('-', '_')}"


class TaxonomyEntryForm(forms.ModelForm):
    """One label field per language of the site, then order and offer."""

    class Meta:
        fields = ["order", "active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choice = self.instance.choice
        labelled = {}
        for language, language_name in settings.LANGUAGES:
            labelled[label_field_name(language)] = forms.CharField(
                label=_("Label (%(language)s)") % {"language": _(language_name)},
                required=False,
                max_length=120,
                initial=self.instance.labels.get(language, ""),
                help_text=_("Empty uses the default: %(label)s")
                % {"label": choice.label_in(language)},
            )
        self.fields = {**labelled, **self.fields}
        self.fields["order"].help_text = _("Lower numbers come first on the report form.")

    def labels(self) -> dict[str, str]:
        return {
            language: self.cleaned_data.get(label_field_name(language), "")
            for language, _name in settings.LANGUAGES
        }


def _entry_form(model) -> type[TaxonomyEntryForm]:
    return forms.modelform_factory(model, form=TaxonomyEntryForm, fields=["order", "active"])


class TaxonomyIndexView(AdministratorsOnly, generic.IndexView):
    def get_base_queryset(self) -> QuerySet:
        return self.model.objects.filter(
            district__in=administered_district_ids(self.request.user)
        ).select_related("district", "choice")

    @cached_property
    def columns(self) -> list[Column]:
        columns = [
            self._get_title_column_class(TitleColumn)(
                "label",
                label=_("Label"),
                accessor=lambda entry: entry.label,
                get_url=lambda entry: self.get_edit_url(entry),
            ),
            Column("code", label=_("Code"), accessor=lambda entry: entry.choice.code),
            Column("district", label=_("District"), sort_key="district__name"),
            Column("order", label=_("Order"), sort_key="order"),
            BooleanColumn("active", label=_("Offered"), sort_key="active"),
        ]
        if self.model is DistrictBiasBasis:
            columns.insert(
                2,
                Column(
                    "crdc",
                    label=_("CRDC category"),
                    accessor=lambda entry: entry.choice.get_crdc_category_display(),
                ),
            )
        return columns


class TaxonomyEditView(AdministratorsOnly, SavesThroughService, generic.EditView):
    success_message = gettext_lazy("'%(object)s' saved.")

    def get_queryset(self) -> QuerySet:
        """Another district's entry is a 404."""
        return self.model.objects.filter(
            district__in=administered_district_ids(self.request.user)
        ).select_related("district", "choice")

    def get_page_subtitle(self) -> str:
        return f"{self.object.choice.code} ({self.object.district})"

    def save_instance(self):
        data = self.form.cleaned_data
        entry = self.get_queryset().get(pk=self.object.pk)
        return update_taxonomy_entry(
            actor=self.request.user,
            entry=entry,
            labels=self.form.labels(),
            order=data["order"],
            active=data["active"],
        )

    def get_success_buttons(self) -> list:
        return []


class _TaxonomyViewSet(ModelViewSet):
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = TaxonomyIndexView
    edit_view_class = TaxonomyEditView
    list_per_page = 50
    ordering = ["district__name", "order", "choice__code"]
    search_fields = ["choice__code"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            add_url_name=None,
            copy_url_name=None,
            inspect_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return _entry_form(self.model)

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()


class IncidentTypeViewSet(_TaxonomyViewSet):
    model = DistrictIncidentType
    icon = "tag"
    menu_label = gettext_lazy("Incident types")
    name = "district_incident_types"
    url_prefix = "district-setup/incident-types"
    filterset_class = IncidentTypeFilterSet


class BiasBasisViewSet(_TaxonomyViewSet):
    model = DistrictBiasBasis
    icon = "tag"
    menu_label = gettext_lazy("Bias bases")
    name = "district_bias_bases"
    url_prefix = "district-setup/bias-bases"
    filterset_class = BiasBasisFilterSet
