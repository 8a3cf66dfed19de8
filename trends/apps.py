from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrendsConfig(AppConfig):
    name = "trends"
    verbose_name = _("Trend reports")
    default_auto_field = "django.db.models.BigAutoField"
