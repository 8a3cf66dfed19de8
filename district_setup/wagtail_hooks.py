"""The "District setup" menu: districts, schools, incident types and bias bases."""

from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from district_setup.admin.districts import DistrictViewSet
from district_setup.admin.schools import SchoolViewSet
from district_setup.admin.taxonomy import BiasBasisViewSet, IncidentTypeViewSet


class DistrictSetupGroup(ViewSetGroup):
    menu_label = gettext_lazy("District setup")
    menu_icon = "site"
    menu_order = 800
    items = (DistrictViewSet, SchoolViewSet, IncidentTypeViewSet, BiasBasisViewSet)


@hooks.register("register_admin_viewset")
def register_district_setup():
    return DistrictSetupGroup()
