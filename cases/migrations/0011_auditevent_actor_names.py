"""Audit events keep their staff actor's username and full name (issue 16).

Deleting a user nulls `AuditEvent.actor`; the names copied into the event stay. Existing
events take the names their actor has now, the best record there is; events whose actor was
deleted before this migration stay nameless ("Former staff member").
"""

from django.conf import settings
from django.db import migrations, models


def copy_actor_names(apps, schema_editor):
    AuditEvent = apps.get_model("cases", "AuditEvent")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    actor_ids = (
        AuditEvent.objects.filter(actor__isnull=False)
        .order_by()  # the model's ordering would defeat DISTINCT
        .values_list("actor_id", flat=True)
        .distinct()
    )
    # One UPDATE per staff user: there are few of them, however many events they left.
    for user in User.objects.filter(pk__in=list(actor_ids)).iterator():
        # What User.get_full_name() returns: historical models have no methods.
        full_name = f"{user.first_name} {user.last_name}".strip()
        AuditEvent.objects.filter(actor_id=user.pk).update(
            actor_username=user.username, actor_name=full_name[:300]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_arrival_days"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="actor_username",
            field=models.CharField(blank=True, default="", max_length=150),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="actor_name",
            field=models.CharField(blank=True, default="", max_length=300),
        ),
        migrations.RunPython(copy_actor_names, migrations.RunPython.noop, elidable=True),
    ]
