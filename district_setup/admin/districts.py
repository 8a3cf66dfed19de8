"""The "Districts" screen: a district's rules and its closures calendar.

A Wagtail ModelViewSet over `cases.District`: its form is built from panels, the closures
(school days off) being inline rows (`InlinePanel`, District is a ClusterableModel and a
closure's district a ParentalKey). Saving goes through `create_district` /
`update_district`, which check the actor and audit every changed value; the form itself
never writes.

Who: a superuser creates districts and edits any; a district administrator sees and edits
only the districts they administer (and has no "Add" button).
"""

from django import forms
from django.contrib.auth.models import Permission
from django.db.models import Count, QuerySet
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cases.admin.district_admin import (
    AdministratorsOnly,
    DistrictScopedPolicy,
    SavesThroughService,
    administered_district_ids,
)
from cases.models import District
from district_setup.services import (
    DISTRICT_FIELDS,
    ClosureRow,
    create_district,
    update_district,
)


class DistrictPolicy(DistrictScopedPolicy):
    district_field = "pk"
    superuser_actions = frozenset({"add"})


register_permission_policy(District, DistrictPolicy(District))


def _closures(form) -> list[ClosureRow]:
    rows = []
    for closure_form in form.formsets["closures"].forms:
        data = getattr(closure_form, "cleaned_data", None) or {}
        if data.get("date") and not data.get("DELETE"):
            rows.append(ClosureRow(date=data["date"], reason=data.get("reason", "")))
    return rows


def _values(form) -> dict:
    return {
        field: form.cleaned_data[field] for field in DISTRICT_FIELDS if field in form.cleaned_data
    }


class DistrictIndexView(AdministratorsOnly, generic.IndexView):
    page_title = gettext_lazy("Districts")
    add_item_label = gettext_lazy("Create a district")

    def get_base_queryset(self) -> QuerySet[District]:
        return District.objects.filter(
            pk__in=administered_district_ids(self.request.user)
        ).annotate(
            school_count=Count("schools", distinct=True),
            closure_count=Count("closures", distinct=True),
        )

    @cached_property
    def columns(self) -> list[Column]:
        return [
            self._get_title_column_class(TitleColumn)(
                "name",
                label=_("District"),
                get_url=lambda district: self.get_edit_url(district),
                sort_key="name",
            ),
            Column("code", label=_("Case number prefix"), sort_key="code"),
            Column("school_count", label=_("Schools")),
            Column("closure_count", label=_("Closures")),
            Column("retention_years", label=_("Retention (years)")),
        ]


class DistrictCreateView(AdministratorsOnly, SavesThroughService, generic.CreateView):
    page_title = gettext_lazy("Create a district")
    success_message = gettext_lazy("District '%(object)s' created.")

    def save_instance(self) -> District:
        return create_district(
            actor=self.request.user, values=_values(self.form), closures=_closures(self.form)
        )

    def get_success_buttons(self) -> list:
        return []


class DistrictEditView(AdministratorsOnly, SavesThroughService, generic.EditView):
    success_message = gettext_lazy("The rules of %(object)s are saved.")

    def get_queryset(self) -> QuerySet[District]:
        """Another district is a 404, before any permission is looked at."""
        return District.objects.filter(pk__in=administered_district_ids(self.request.user))

    def save_instance(self) -> District:
        return update_district(
            actor=self.request.user,
            district=self.object,
            values=_values(self.form),
            closures=_closures(self.form),
        )

    def get_success_buttons(self) -> list:
        return []


class DistrictViewSet(ModelViewSet):
    model = District
    icon = "site"
    menu_label = gettext_lazy("Districts")
    name = "districts"
    url_prefix = "district-setup/districts"
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = DistrictIndexView
    add_view_class = DistrictCreateView
    edit_view_class = DistrictEditView
    search_fields = ["name", "code"]
    list_per_page = 50
    ordering = ["name"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("slug"), FieldPanel("code")])],
            heading=gettext_lazy("District"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("acknowledge_school_days"),
                FieldPanel("investigation_days"),
                FieldPanel("transfer_step_days"),
            ],
            heading=gettext_lazy("Deadlines"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("retention_years"),
                FieldPanel("purge_enabled"),
                FieldPanel("suppression_threshold"),
            ],
            heading=gettext_lazy("Retention and privacy"),
        ),
        FieldPanel("contact_email"),
        FieldPanel(
            "established_on",
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        ),
        InlinePanel(
            "closures",
            heading=gettext_lazy("Closures (school days off)"),
            label=gettext_lazy("Closure"),
            # The browser's own date field: Wagtail's date picker fails axe (unnamed buttons).
            panels=[
                FieldPanel(
                    "date", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                ),
                FieldPanel("reason"),
            ],
        ),
    ]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        # No delete, history or usage screens: a district with cases is never deleted here,
        # and the project audit trail is its history.
        return super().get_common_view_kwargs(
            copy_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            inspect_url_name=None,
            **kwargs,
        )

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edit/<int:pk>/", self.edit_view, name="edit"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        """None: the group editor must not offer checkboxes that would grant nothing."""
        return Permission.objects.none()
