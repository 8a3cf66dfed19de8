from django.apps import AppConfig


class PrivacyTestAppConfig(AppConfig):
    """A model that exists only in tests, to exercise the encrypted fields end to end."""

    name = "tests.privacy.testapp"
    label = "privacy_testapp"
    default_auto_field = "django.db.models.BigAutoField"
