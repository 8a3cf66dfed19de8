"""The "Routing rules" screen: a district administrator orders and edits the district's rules,
and tries a sample report against them ("Test the rules").

A Wagtail ModelViewSet registered from routing/wagtail_hooks.py, built like the staff roles
screen (accounts/admin/staff_roles.py) and every district administrator's screen
(cases/admin/district_admin.py): who may use it comes from district administrator
memberships, anyone else gets 404 on every URL, as does another district's rule. Saving and
deleting go through routing.services, which check the actor again and audit the change.
"""

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from cases.admin.district_admin import (
    AdministratorsOnly,
    DistrictScopedPolicy,
    administered_district_ids,
)
from cases.choices import Channel
from cases.models import BiasBasis, IncidentType, Priority
from cases.people import staff_name_and_username
from cases.selectors.memberships import administered_districts, schools_administered_by
from cases.selectors.staff import case_handlers
from routing.matching import Sample
from routing.models import RoutingRule
from routing.selectors import decide_for_sample, officers_for_places, rules_administered_by
from routing.services import delete_routing_rule, save_routing_rule

ACTIONS = frozenset({"add", "change", "delete"})
RELATIONS = ("schools", "bias_bases", "incident_types", "team", "watchers")


class RoutingRulePolicy(DistrictScopedPolicy):
    actions = ACTIONS


register_permission_policy(RoutingRule, RoutingRulePolicy(RoutingRule))


class _OwnRulesOnly:
    """For the views on one rule: another district's rule is a 404, before anything else."""

    def get_queryset(self) -> QuerySet[RoutingRule]:
        return rules_administered_by(user=self.request.user)


def _handlers_in_districts(actor) -> QuerySet:
    district_ids = list(administered_district_ids(actor))
    school_ids = schools_administered_by(user=actor).values_list("pk", flat=True)
    return case_handlers(district_ids=district_ids, school_ids=school_ids)


def _names(values) -> str:
    return ", ".join(str(value) for value in values.all())


class RoutingRuleIndexView(AdministratorsOnly, generic.IndexView):
    page_title = gettext_lazy("Routing rules")
    add_item_label = gettext_lazy("Add a rule")

    def get_base_queryset(self) -> QuerySet[RoutingRule]:
        return rules_administered_by(user=self.request.user)

    @cached_property
    def columns(self) -> list[Column]:
        return [
            Column("position", label=_("Order"), sort_key="position"),
            self._get_title_column_class(TitleColumn)(
                "name",
                label=_("Rule"),
                url_name=self.edit_url_name,
                sort_key="name",
            ),
            Column("district", label=_("District"), sort_key="district__name"),
            Column("conditions", label=_("When"), accessor=_conditions),
            Column("outcome", label=_("Then"), accessor=_outcome),
            Column(
                "active",
                label=_("In use"),
                accessor=lambda rule: _("Yes") if rule.active else _("No"),
            ),
        ]

    @cached_property
    def header_buttons(self) -> list:
        """Beside "Add a rule", not hidden in the menu: trying a rule is half the job."""
        test = HeaderButton(
            _("Test the rules"), url=reverse("routing_rules:test"), icon_name="search"
        )
        return [*super().header_buttons, test]


def _conditions(rule: RoutingRule) -> str:
    parts = []
    if rule.schools.all():
        parts.append(_("school: %(names)s") % {"names": _names(rule.schools)})
    if rule.bias_bases.all():
        parts.append(_("basis: %(names)s") % {"names": _names(rule.bias_bases)})
    if rule.incident_types.all():
        parts.append(_("type: %(names)s") % {"names": _names(rule.incident_types)})
    if rule.life_safety:
        parts.append(str(rule.get_life_safety_display()))
    if rule.channel:
        parts.append(_("channel: %(channel)s") % {"channel": rule.get_channel_display()})
    return "; ".join(parts) or _("Any report (default)")


def _outcome(rule: RoutingRule) -> str:
    parts = []
    if rule.assignee is not None:
        parts.append(_("assign to %(name)s") % {"name": staff_name_and_username(rule.assignee)})
    elif rule.team.all():
        parts.append(
            _("assign to the least busy of %(names)s")
            % {"names": ", ".join(staff_name_and_username(user) for user in rule.team.all())}
        )
    if rule.priority:
        parts.append(_("priority %(priority)s") % {"priority": rule.get_priority_display()})
    if rule.watchers.all():
        parts.append(
            _("watched by %(names)s")
            % {"names": ", ".join(staff_name_and_username(user) for user in rule.watchers.all())}
        )
    return "; ".join(parts) or _("leave to the queue")


class RoutingRuleForm(forms.ModelForm):
    """A rule's conditions and outcome, narrowed to what `actor` administers.

    Everyone a rule names must be able to handle every case it can route: a district-wide
    equity officer or Title IX coordinator, or, for a rule on exactly one school, that school's
    own officer too. The refusal names the person and the place, keeping what was typed.
    """

    class Meta:
        model = RoutingRule
        fields = [
            "district",
            "position",
            "name",
            "active",
            "schools",
            "bias_bases",
            "incident_types",
            "life_safety",
            "channel",
            "assignee",
            "team",
            "priority",
            "watchers",
        ]
        widgets = {
            "schools": forms.CheckboxSelectMultiple,
            "bias_bases": forms.CheckboxSelectMultiple,
            "incident_types": forms.CheckboxSelectMultiple,
            "team": forms.CheckboxSelectMultiple,
            "watchers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        district = self.fields["district"]
        district.queryset = administered_districts(user=actor).order_by("name")
        district.error_messages["invalid_choice"] = _("Choose one of the districts you administer.")
        if len(district.queryset) == 1:
            district.initial = district.queryset[0].pk
        schools = self.fields["schools"]
        schools.queryset = schools_administered_by(user=actor)
        schools.label_from_instance = lambda school: f"{school.name} ({school.district.name})"
        schools.error_messages["invalid_choice"] = _("Choose among the listed schools.")
        self.fields["bias_bases"].queryset = BiasBasis.objects.all()
        self.fields["incident_types"].queryset = IncidentType.objects.all()
        handlers = _handlers_in_districts(actor)
        for name in ("assignee", "team", "watchers"):
            self.fields[name].queryset = handlers
            self.fields[name].label_from_instance = staff_name_and_username
            self.fields[name].error_messages["invalid_choice"] = _(
                "Choose among the listed officers."
            )
        self.fields["assignee"].empty_label = _("Nobody (or the team below)")
        self.fields["priority"].empty_label = _("Keep the priority set at intake")

    def clean(self) -> dict:
        cleaned = super().clean()
        district = cleaned.get("district")
        if district is None:
            return cleaned
        schools = list(cleaned.get("schools") or [])
        foreign = [school.name for school in schools if school.district_id != district.pk]
        if foreign:
            self.add_error(
                "schools",
                _("%(schools)s: not a school of %(district)s.")
                % {"schools": ", ".join(foreign), "district": district.name},
            )
            return cleaned
        if cleaned.get("assignee") and cleaned.get("team"):
            self.add_error("team", _("Choose one person or a team, not both."))
        eligible = set(
            officers_for_places(district=district, schools=schools).values_list("pk", flat=True)
        )
        place = schools[0].name if len(schools) == 1 else district.name
        for name in ("assignee", "team", "watchers"):
            value = cleaned.get(name)
            people = [value] if name == "assignee" and value else list(value or [])
            refused = [staff_name_and_username(user) for user in people if user.pk not in eligible]
            if refused:
                self.add_error(
                    name,
                    _(
                        "%(names)s cannot handle every case of %(place)s. Choose an equity "
                        "officer or Title IX coordinator of the whole district, or of the one "
                        "school the rule is about."
                    )
                    % {"names": ", ".join(refused), "place": place},
                )
        return cleaned

    def save_as(self, actor) -> RoutingRule:
        rule = self.save(commit=False)
        return save_routing_rule(
            rule=rule,
            actor=actor,
            **{name: self.cleaned_data.get(name) or [] for name in RELATIONS},
        )


class _SavesThroughService:
    error_message = gettext_lazy("The rule was not saved. See the messages below.")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self) -> RoutingRule:
        try:
            return self.form.save_as(self.request.user)
        except PermissionDenied:
            raise Http404 from None

    def get_success_message(self, instance=None) -> str:
        return _("The rule “%(name)s” is saved.") % {"name": (instance or self.object).name}

    def get_success_buttons(self) -> list:
        return []

    def get_success_url(self) -> str:
        return reverse(self.index_url_name)


class AddRoutingRuleView(_SavesThroughService, AdministratorsOnly, generic.CreateView):
    page_title = gettext_lazy("Add a routing rule")

    def get_success_json(self) -> dict:
        return {"success": True, "pk": self.object.pk}


class EditRoutingRuleView(
    _SavesThroughService, _OwnRulesOnly, AdministratorsOnly, generic.EditView
):
    page_title = gettext_lazy("Edit a routing rule")

    def get_history_url(self):
        return None

    def get_usage_url(self):
        return None


class DeleteRoutingRuleView(_OwnRulesOnly, AdministratorsOnly, generic.DeleteView):
    page_title = gettext_lazy("Delete a routing rule")

    def get_usage_url(self) -> None:
        return None

    @property
    def confirmation_message(self) -> str:
        return _(
            "New reports stop following the rule “%(name)s” at once. Cases it routed keep "
            "their assignee."
        ) % {"name": self.object.name}

    def delete_action(self) -> None:
        delete_routing_rule(rule=self.object, actor=self.request.user)

    def get_success_message(self) -> str:
        return _("The rule “%(name)s” is deleted.") % {"name": self.object.name}


class SampleReportForm(forms.Form):
    """A made-up report: only the facts rules look at, never any text."""

    district = forms.ModelChoiceField(label=gettext_lazy("District"), queryset=None)
    school = forms.ModelChoiceField(label=gettext_lazy("School"), queryset=None)
    bias_bases = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Bias bases"),
        queryset=BiasBasis.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    incident_types = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Incident types"),
        queryset=IncidentType.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    life_safety = forms.BooleanField(
        label=gettext_lazy("Flagged for possible imminent harm"), required=False
    )
    channel = forms.ChoiceField(label=gettext_lazy("Channel"), choices=Channel.choices)

    def __init__(self, *args, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = administered_districts(user=actor).order_by("name")
        self.fields["district"].error_messages["invalid_choice"] = _(
            "Choose one of the districts you administer."
        )
        school = self.fields["school"]
        school.queryset = schools_administered_by(user=actor)
        school.label_from_instance = lambda school: f"{school.name} ({school.district.name})"
        school.error_messages["invalid_choice"] = _("Choose one of the listed schools.")

    def clean(self) -> dict:
        cleaned = super().clean()
        district, school = cleaned.get("district"), cleaned.get("school")
        if district and school and school.district_id != district.pk:
            self.add_error(
                "school",
                _("%(school)s is not a school of %(district)s.")
                % {"school": school.name, "district": district.name},
            )
        return cleaned

    def sample(self) -> Sample:
        data = self.cleaned_data
        return Sample(
            school_id=data["school"].pk,
            bias_basis_ids=frozenset(basis.pk for basis in data["bias_bases"]),
            incident_type_ids=frozenset(kind.pk for kind in data["incident_types"]),
            life_safety=data["life_safety"],
            channel=data["channel"],
        )


class TestRulesView(AdministratorsOnly, View):
    """Shows which rule a sample report would hit, and who it would go to today."""

    template_name = "routing/admin/test_rules.html"

    def get(self, request):
        form = SampleReportForm(request.GET or None, actor=request.user)
        outcome = None
        if form.is_bound and form.is_valid():
            outcome = decide_for_sample(
                district=form.cleaned_data["district"], sample=form.sample()
            )
        context = {
            "form": form,
            "outcome": outcome,
            "assignee": staff_name_and_username(outcome.assignee)
            if outcome and outcome.assignee
            else "",
            "watchers": [staff_name_and_username(user) for user in outcome.watchers]
            if outcome
            else [],
            "priority": Priority(outcome.priority).label if outcome and outcome.priority else "",
            "rules_url": reverse("routing_rules:index"),
        }
        return render(request, self.template_name, context)


class RoutingRulesViewSet(ModelViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = gettext_lazy("Routing rules")
    name = "routing_rules"
    url_prefix = "routing-rules"
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RoutingRuleIndexView
    add_view_class = AddRoutingRuleView
    edit_view_class = EditRoutingRuleView
    delete_view_class = DeleteRoutingRuleView
    search_fields = ["name"]
    list_per_page = 50
    ordering = ["district__name", "position", "pk"]

    def get_common_view_kwargs(self, **kwargs) -> dict:
        return super().get_common_view_kwargs(history_url_name=None, usage_url_name=None, **kwargs)

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        return RoutingRuleForm

    def get_urlpatterns(self) -> list:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.edit_view, name="edit"),
            path("<int:pk>/delete/", self.delete_view, name="delete"),
            path("test/", TestRulesView.as_view(), name="test"),
        ]

    def get_permissions_to_register(self) -> QuerySet[Permission]:
        return Permission.objects.none()
