"""Transfer requests get a human number (TR-2026-00012), the existing ones in creation order,
and the transfer labels take American spelling (stored values unchanged)."""

from django.db import migrations, models
from django.utils import timezone


def number_existing_requests(apps, schema_editor):
    """Number every request by the year it was created in, oldest first, and leave each
    year's counter at its last number so new requests continue after them."""
    transfer_request = apps.get_model("transfers", "TransferRequest")
    sequence = apps.get_model("transfers", "TransferNumberSequence")
    last_by_year: dict[int, int] = {}
    rows = transfer_request.objects.order_by("created_at", "pk").values_list("pk", "created_at")
    for pk, created_at in rows.iterator():
        year = timezone.localtime(created_at).year
        last_by_year[year] = last_by_year.get(year, 0) + 1
        transfer_request.objects.filter(pk=pk).update(
            number=f"TR-{year}-{last_by_year[year]:05d}"
        )
    for year, last in last_by_year.items():
        sequence.objects.update_or_create(year=year, defaults={"last": last})


class Migration(migrations.Migration):

    dependencies = [
        ("transfers", "0002_transferrequest_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="TransferNumberSequence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(unique=True)),
                ("last", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="transferrequest",
            name="number",
            field=models.CharField(
                editable=False, max_length=32, null=True, verbose_name="transfer number"
            ),
        ),
        migrations.RunPython(number_existing_requests, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="transferrequest",
            name="number",
            field=models.CharField(
                editable=False, max_length=32, unique=True, verbose_name="transfer number"
            ),
        ),
        migrations.AlterField(
            model_name="transferrequest",
            name="reason_category",
            field=models.CharField(
                choices=[
                    ("discrimination", "Discrimination or harassment"),
                    ("safety", "Safety"),
                    ("academic", "Academic program"),
                    ("family", "Family circumstances"),
                    ("other", "Other"),
                ],
                max_length=20,
                verbose_name="reason",
            ),
        ),
        migrations.AlterField(
            model_name="recordschecklistitem",
            name="kind",
            field=models.CharField(
                choices=[
                    ("enrolment", "Enrollment record"),
                    ("attendance", "Attendance"),
                    ("transcript", "Grades and transcript"),
                    ("special_education", "IEP or 504 plan"),
                    ("health", "Health and immunization"),
                    ("discipline", "Discipline record"),
                    ("other", "Other records"),
                ],
                max_length=20,
                verbose_name="record",
            ),
        ),
    ]
