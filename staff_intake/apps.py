from django.apps import AppConfig


class StaffIntakeConfig(AppConfig):
    name = "staff_intake"
    default_auto_field = "django.db.models.BigAutoField"
