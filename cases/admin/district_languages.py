"""The "Public site languages" screen: a district administrator ticks the languages their
families need. One form per administered district; the service checks and audits. Anyone who
administers no district gets 404 and no menu item. (A fuller District edit screen can fold
this form in: District.languages is a normal model field whose form field is the checkboxes.)
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.models import District
from cases.selectors.memberships import administered_district_ids, administered_districts
from cases.services.district_languages import set_district_languages


class DistrictLanguagesForm(forms.ModelForm):
    class Meta:
        model = District
        fields = ["languages"]


def _districts(user):
    return administered_districts(user=user).order_by("name")


@never_cache
def district_languages(request):
    districts = list(_districts(request.user))
    if not districts:
        raise Http404
    forms_by_district = {
        district.pk: DistrictLanguagesForm(instance=district, prefix=f"d{district.pk}")
        for district in districts
    }
    if request.method == "POST":
        district = next((d for d in districts if str(d.pk) == request.POST.get("district")), None)
        if district is None:
            raise Http404
        form = DistrictLanguagesForm(request.POST, instance=district, prefix=f"d{district.pk}")
        forms_by_district[district.pk] = form
        if form.is_valid():
            try:
                set_district_languages(
                    actor=request.user,
                    district=district,
                    languages=form.cleaned_data["languages"],
                )
            except ValidationError as error:
                form.add_error("languages", error)
            else:
                messages.success(
                    request,
                    _("The public site languages of %(district)s are saved.")
                    % {"district": district.name},
                )
                return redirect("district_languages_admin_edit")
    return TemplateResponse(
        request,
        "cases/admin/district_languages.html",
        {
            "header_title": _("Public site languages"),
            "rows": [(district, forms_by_district[district.pk]) for district in districts],
        },
        status=400 if request.method == "POST" else 200,
    )


@hooks.register("register_admin_urls")
def register_district_languages_urls():
    return [
        path(
            "district-languages/",
            district_languages,
            name="district_languages_admin_edit",
        )
    ]


class DistrictLanguagesMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(administered_district_ids(user=request.user))


@hooks.register("register_settings_menu_item")
def register_district_languages_menu_item():
    return DistrictLanguagesMenuItem(
        gettext_lazy("Public site languages"),
        reverse("district_languages_admin_edit"),
        name="public-site-languages",
        icon_name="globe",
    )
