from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Shared privacy mechanisms: key ring, encrypted fields and files, blind index, receipts."""

    name = "privacy"
    label = "privacy"
    verbose_name = "Privacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from privacy.keyring import connect_signals

        connect_signals()
