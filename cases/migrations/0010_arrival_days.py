"""Reporter actions keep the district's day, never the time (issue 17, F3).

Reports, cases, reporter messages and evidence files trade their timestamps for the
district's calendar day plus a sequence that orders them within it; audit events gain their
day, and the events a reporter caused lose their time. The precise values are dropped, not
kept beside the days.

The day is the local day of TIME_ZONE (the districts' calendar), not UTC: a report at 17:30
in Los Angeles on the 1st is 01:30 UTC on the 2nd and belongs to the 1st.
"""

from collections import defaultdict
from datetime import datetime, time

from django.db import migrations, models
from django.utils import timezone

BATCH = 1000


def _day(value):
    return timezone.localdate(value) if value is not None else None


def _renumber(model, rows, *, scope_of, day_field, day_of):
    """rows: (pk, scope, old value) in arrival order; writes the day and 1, 2, 3... per scope."""
    last = defaultdict(int)
    batch = []
    for pk, scope, old in rows:
        last[scope_of(scope)] += 1
        batch.append(model(pk=pk, **{day_field: day_of(old), "sequence": last[scope_of(scope)]}))
        if len(batch) >= BATCH:
            model.objects.bulk_update(batch, [day_field, "sequence"])
            batch = []
    if batch:
        model.objects.bulk_update(batch, [day_field, "sequence"])


def _settle_constraints(schema_editor):
    """Run PostgreSQL's deferred foreign-key checks of the updates now: the columns the
    updated tables lose next cannot be altered while such checks are pending."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def to_days(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Report = apps.get_model("cases", "Report")
    EvidenceFile = apps.get_model("cases", "EvidenceFile")
    ReporterMessage = apps.get_model("cases", "ReporterMessage")
    PurgedCase = apps.get_model("cases", "PurgedCase")
    AuditEvent = apps.get_model("cases", "AuditEvent")

    # A case's last change is often its creation, i.e. the report's arrival: forget it.
    Case.objects.update(updated_at=None)
    same = lambda scope: scope  # noqa: E731
    _renumber(
        Case,
        Case.objects.order_by("opened_at", "number").values_list("pk", "district_id", "opened_at"),
        scope_of=same,
        day_field="opened_on",
        day_of=_day,
    )
    _renumber(
        Report,
        Report.objects.order_by("submitted_at", "pk").values_list(
            "pk", "school__district_id", "submitted_at"
        ),
        scope_of=same,
        day_field="submitted_on",
        day_of=_day,
    )
    _renumber(
        EvidenceFile,
        EvidenceFile.objects.order_by("added_at", "pk").values_list("pk", "report_id", "added_at"),
        scope_of=same,
        day_field="added_on",
        day_of=_day,
    )
    _renumber(
        ReporterMessage,
        ReporterMessage.objects.order_by("created_at", "pk").values_list(
            "pk", "report_id", "created_at"
        ),
        scope_of=same,
        day_field="created_on",
        day_of=_day,
    )
    batch = []
    for pk, read_at in ReporterMessage.objects.filter(read_at__isnull=False).values_list(
        "pk", "read_at"
    ):
        batch.append(ReporterMessage(pk=pk, read_on=_day(read_at)))
    ReporterMessage.objects.bulk_update(batch, ["read_on"], batch_size=BATCH)

    PurgedCase.objects.bulk_update(
        [
            PurgedCase(pk=pk, opened_on=_day(opened_at))
            for pk, opened_at in PurgedCase.objects.values_list("pk", "opened_at")
        ],
        ["opened_on"],
        batch_size=BATCH,
    )

    batch = []
    for pk, kind, at in AuditEvent.objects.values_list("pk", "actor_kind", "at").iterator():
        # What a reporter did keeps its day only.
        batch.append(AuditEvent(pk=pk, on=_day(at), at=None if kind == "reporter" else at))
        if len(batch) >= BATCH:
            AuditEvent.objects.bulk_update(batch, ["on", "at"])
            batch = []
    AuditEvent.objects.bulk_update(batch, ["on", "at"])
    _settle_constraints(schema_editor)


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min)) if day is not None else None


def back_to_times(apps, schema_editor):
    """Going back gives each row the midnight of its day: the times are gone for good."""
    for model, day_field, old_field in (
        ("Case", "opened_on", "opened_at"),
        ("Report", "submitted_on", "submitted_at"),
        ("EvidenceFile", "added_on", "added_at"),
        ("ReporterMessage", "created_on", "created_at"),
        ("ReporterMessage", "read_on", "read_at"),
        ("PurgedCase", "opened_on", "opened_at"),
    ):
        Model = apps.get_model("cases", model)
        rows = [
            Model(pk=pk, **{old_field: _midnight(day)})
            for pk, day in Model.objects.values_list("pk", day_field)
        ]
        Model.objects.bulk_update(rows, [old_field], batch_size=BATCH)
    Case = apps.get_model("cases", "Case")
    Case.objects.filter(updated_at__isnull=True).update(updated_at=models.F("opened_at"))
    AuditEvent = apps.get_model("cases", "AuditEvent")
    rows = [
        AuditEvent(pk=pk, at=_midnight(day))
        for pk, day in AuditEvent.objects.filter(at__isnull=True).values_list("pk", "on")
    ]
    AuditEvent.objects.bulk_update(rows, ["at"], batch_size=BATCH)
    _settle_constraints(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_case_version"),
    ]

    operations = [
        # 1. The new columns, empty.
        migrations.AddField(
            model_name="auditevent",
            name="on",
            field=models.DateField(null=True),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(blank=True, null=True, default=timezone.now),
        ),
        migrations.AlterField(
            model_name="case",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, blank=True, null=True),
        ),
        migrations.AddField(
            model_name="case",
            name="opened_on",
            field=models.DateField(null=True, verbose_name="opened"),
        ),
        migrations.AddField(
            model_name="case",
            name="sequence",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="report",
            name="submitted_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="report",
            name="sequence",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="evidencefile",
            name="added_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="evidencefile",
            name="sequence",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="reportermessage",
            name="created_on",
            field=models.DateField(null=True),
        ),
        migrations.AddField(
            model_name="reportermessage",
            name="read_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="reportermessage",
            name="sequence",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="purgedcase",
            name="opened_on",
            field=models.DateField(null=True),
        ),
        # 2. Days and sequences from the old values, in the districts' time zone.
        migrations.RunPython(to_days, back_to_times),
        # 3. The precise values go.
        migrations.RemoveIndex(model_name="auditevent", name="cases_audit_target__45e7ce_idx"),
        migrations.RemoveIndex(model_name="case", name="cases_case_distric_61923c_idx"),
        migrations.RemoveField(model_name="case", name="opened_at"),
        migrations.RemoveField(model_name="report", name="submitted_at"),
        migrations.RemoveField(model_name="evidencefile", name="added_at"),
        migrations.RemoveField(model_name="reportermessage", name="created_at"),
        migrations.RemoveField(model_name="reportermessage", name="read_at"),
        migrations.RemoveField(model_name="purgedcase", name="opened_at"),
        # 4. The days become required, with the indexes and orderings that use them.
        migrations.AlterField(
            model_name="auditevent",
            name="on",
            field=models.DateField(db_index=True, default=timezone.localdate),
        ),
        migrations.AlterField(
            model_name="case",
            name="opened_on",
            field=models.DateField(
                db_index=True, default=timezone.localdate, verbose_name="opened"
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="submitted_on",
            field=models.DateField(default=timezone.localdate),
        ),
        migrations.AlterField(
            model_name="evidencefile",
            name="added_on",
            field=models.DateField(default=timezone.localdate),
        ),
        migrations.AlterField(
            model_name="reportermessage",
            name="created_on",
            field=models.DateField(db_index=True, default=timezone.localdate),
        ),
        migrations.AlterField(
            model_name="purgedcase",
            name="opened_on",
            field=models.DateField(),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["target_type", "target_id", "on"], name="cases_audit_target__8f725a_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["district", "status", "opened_on"], name="cases_case_distric_1e67b8_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencefile",
            constraint=models.UniqueConstraint(
                fields=("report", "sequence"), name="evidence_sequence_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportermessage",
            constraint=models.UniqueConstraint(
                fields=("report", "sequence"), name="message_sequence_unique"
            ),
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "ordering": ["-on", "-id"],
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
            },
        ),
        migrations.AlterModelOptions(
            name="case",
            options={
                "ordering": ["-life_safety", "-priority", "opened_on", "sequence"],
                "verbose_name": "case",
                "verbose_name_plural": "cases",
            },
        ),
        migrations.AlterModelOptions(
            name="evidencefile", options={"ordering": ["added_on", "sequence"]}
        ),
        migrations.AlterModelOptions(
            name="report", options={"ordering": ["submitted_on", "sequence"]}
        ),
        migrations.AlterModelOptions(
            name="reportermessage", options={"ordering": ["created_on", "sequence"]}
        ),
    ]
