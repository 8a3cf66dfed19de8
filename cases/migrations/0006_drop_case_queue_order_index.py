"""Drop the `case_queue_order` index that the withdrawn migration 0006_case_queue_order_index
added (docs/benchmarks.md says why it was withdrawn). Databases migrated between those two
commits still carry it; on every other database this does nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_spanish_retaliation_label")]

    operations = [
        migrations.RunSQL(
            "DROP INDEX IF EXISTS case_queue_order", reverse_sql=migrations.RunSQL.noop
        ),
    ]
