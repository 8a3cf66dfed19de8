from django.apps import AppConfig
from django.db.models.signals import pre_delete


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cases.models import Case
        from cases.services.retention import refuse_deleting_held_case

        # Legal hold is enforced on the server: no code path may delete a held case.
        pre_delete.connect(
            refuse_deleting_held_case, sender=Case, dispatch_uid="cases.legal_hold_delete_guard"
        )
