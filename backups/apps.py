from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """Backup archives and their restore: database dump, encrypted files, manifest."""

    name = "backups"
    label = "backups"
    verbose_name = "Backups"
    default_auto_field = "django.db.models.BigAutoField"
