"""The "Schools" screen: a district administrator adds, renames and deactivates schools.

Schools are never deleted here: deactivating one takes it off the report form and keeps its
cases, staff roles and history (`update_school`). A school does not move district.
"""

import django_filters
from django import forms
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
from cases.models import District, School
from district_setup.services import SCHOOL_FIELDS, create_school, update_school


class SchoolPolicy(DistrictScopedPolicy):
    actions = frozenset({"add", "change", "view"})


register_permission_policy(School, SchoolPolicy(School))


def _districts(request) -> QuerySet[District]:
    return District.objects.filter(pk__in=administered_district_ids(request.user)).order_by("name")


class SchoolFilterSet(WagtailFilterSet):
    district = django_filters.ModelChoiceFilter(label=gettext_lazy("District"), queryset=_districts)
    active = django_filters.BooleanFilter(label=gettext_lazy("Active"))

    class Meta:
        model = School
        fields = ["district", "active"]


class SchoolForm(forms.ModelForm):
    """Name, short name, grade band and active flag; the district only when adding."""

    class Meta:
        model = School
        fields = ["district", "name", "slug", "grade_band", "active"]

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["district"]
        else:
            district = self.fields["district"]
            district.queryset = District.objects.filter(
                pk__in=administered_district_ids(actor)
            ).order_by("name")
            district.error_messages["invalid_choice"] = _(
                "Choose one of the districts you administer."
            )
            if len(district.queryset) == 1:
                district.initial = district.queryset[0].pk
        self.fields["slug"].help_text = _(
            "Lower-case letters, digits and hyphens, unique in the district, e.g. cedar-elementary."
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        district = cleaned.get("district") or getattr(self.instance, "district", None)
        slug = cleaned.get("slug")
        if district is not None and slug:
            taken = School.objects.filter(district=district, slug=slug).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("slug", _("Another school of this district has this short name."))
        return cleaned

    def validate_unique(self) -> None:
        """Told apart in clean(), in words; the constraint stays the backstop."""


class SchoolIndexView(AdministratorsOnly, generic.IndexView):
    page_title = gettext_lazy("Schools")
    add_item_label = gettext_lazy("Add a school")

    def get_base_queryset(self) -> QuerySet[School]:
        return School.objects.filter(
            district__in=administered_district_ids(self.request.user)
        ).select_related("district")

    @cached_property
    def columns(self) -> list[Column]:
        return [
            self._get_title_column_class(TitleColumn)(
                "name",
                label=_("School"),
                get_url=lambda school: self.get_edit_url(school),
                sort_key="name",
            ),
            Column("district", label=_("District"), sort_key="district__name"),
            Column("grade_band", label=_("Grade band"), accessor="get_grade_band_display"),
            BooleanColumn("active", label=_("Active"), sort_key="active"),
        ]


class SchoolCreateView(AdministratorsOnly, SavesThroughService, generic.CreateView):
    page_title = gettext_lazy("Add a school")
    success_message = gettext_lazy("School '%(object)s' added.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self) -> School:
        data = self.form.cleaned_data
        return create_school(
            actor=self.request.user,
            district=data["district"],
            values={field: data[field] for field in SCHOOL_FIELDS},
        )

    def get_success_buttons(self) -> list:
        return []


class SchoolEditView(AdministratorsOnly, SavesThroughService, generic.EditView):
    success_message = gettext_lazy("School '%(object)s' saved.")

    def get_queryset(self) -> QuerySet[School]:
        """Another district's school is a 404."""
        return School.objects.filter(
            district__in=administered_district_ids(self.request.user)
        ).select_related("district")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self) -> School:
        data = self.form.cleaned_data
        # The form changed the instance in memory; the service compares with the stored row.
        school = School.objects.select_related("district").get(pk=self.object.pk)
        return update_school(
            actor=self.request.user,
            school=school,
            values={field: data[field] for field in SCHOOL_FIELDS},
        )

    def get_success_buttons(self) -> list:
        return []


class SchoolViewSet(ModelViewSet):
    model = School
    icon = "home"
    menu_label = gettext_lazy("Schools")
    name = "schools"
    url_prefix = "district-setup/schools"
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = SchoolIndexView
    add_view_class = SchoolCreateView
    edit_view_class = SchoolEditView
    filterset_class = SchoolFilterSet
    search_fields = ["name", "slug"]
    list_per_page = 50
    ordering = ["district__name", "name"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(
            copy_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            inspect_url_name=None,
            **kwargs,
        )

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return SchoolForm

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()
