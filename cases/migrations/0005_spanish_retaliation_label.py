"""The Spanish site says "reportar", not "denunciar": relabel the seeded incident type.

A label a district has already changed is left as it is.
"""

from django.db import migrations

OLD, NEW = "Represalias por denunciar", "Represalias por reportar"


def relabel(apps, schema_editor):
    apps.get_model("cases", "IncidentType").objects.filter(code="retaliation", label_es=OLD).update(
        label_es=NEW
    )


def restore(apps, schema_editor):
    apps.get_model("cases", "IncidentType").objects.filter(code="retaliation", label_es=NEW).update(
        label_es=OLD
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_transfers")]
    operations = [migrations.RunPython(relabel, restore)]
