from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictSetupConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "district_setup"
    verbose_name = _("District setup")
