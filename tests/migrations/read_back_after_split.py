"""Run by today's code on the database seeded at 55305f4, after `manage.py migrate`.

Reads what seed_at_55305f4.py wrote (its `SEEDED` JSON is argv[1]) back through today's
selectors and models, asks `makemigrations --check --dry-run` whether the models and the
migrations agree, and prints what it found as one `READ {json}` line. It asserts nothing:
test_forward_from_55305f4 compares, so a failure shows both sides.
"""

import io
import json
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases.models import AuditEvent, Report  # noqa: E402
from cases.selectors.cases import cases_for_user  # noqa: E402
from cases.selectors.queue import case_queue  # noqa: E402
from cases.selectors.reporter import report_for_receipt  # noqa: E402
from jobs.models import OutboxMessage  # noqa: E402
from jobs.registry import is_registered  # noqa: E402
from transfers.selectors import transfer_sides, transfers_for_user  # noqa: E402
from trends.models import CaseTrendCount  # noqa: E402

# Where each moved model lives now.
MOVED = {
    "cases.transferrequest": "transfers.transferrequest",
    "cases.outboxmessage": "jobs.outboxmessage",
    "search.casetrendcount": "trends.casetrendcount",
}

seeded = json.loads(sys.argv[1])
users = get_user_model().objects
equity = users.get(username=seeded["equity"])
sending_transfers = users.get(username=seeded["sending_transfers"])
receiving_transfers = users.get(username=seeded["receiving_transfers"])

report = Report.objects.get(pk=seeded["report"])
via_receipt = report_for_receipt(seeded["receipt"])
queue = case_queue(user=equity, today=timezone.localdate(), search="locker")

transfer = transfers_for_user(user=receiving_transfers).filter(pk=seeded["transfer"]).first()
message = transfer.messages.get(pk=seeded["message"]) if transfer is not None else None
created = AuditEvent.objects.filter(action="transfer.created", target_id=seeded["transfer"])

content_types = {
    new: ContentType.objects.filter(app_label=new.split(".")[0], model=new.split(".")[1])
    .values_list("pk", flat=True)
    .first()
    for new in MOVED.values()
}
left_behind = [
    old
    for old in MOVED
    if ContentType.objects.filter(app_label=old.split(".")[0], model=old.split(".")[1]).exists()
]
view_transfer = Permission.objects.filter(
    content_type__app_label="transfers", codename="view_transferrequest"
)

changes = io.StringIO()
try:
    call_command("makemigrations", check=True, dry_run=True, stdout=changes, stderr=changes)
    models_match_migrations = True
except SystemExit:
    models_match_migrations = False

print(
    "READ "
    + json.dumps(
        {
            "narrative": report.narrative,
            "contact": report.contact,
            "report_via_receipt": str(via_receipt.pk) if via_receipt else None,
            "case_visible_to_equity": cases_for_user(user=equity)
            .filter(pk=seeded["case"])
            .exists(),
            "queue_search_locker": [str(case.pk) for case in queue],
            "transfer_visible_to_receiving": transfer is not None,
            "transfer_visible_to_sending": transfers_for_user(user=sending_transfers)
            .filter(pk=seeded["transfer"])
            .exists(),
            "student_reference": transfer.student_reference if transfer else None,
            "transfer_number": transfer.number if transfer else None,
            "transfer_year": timezone.localtime(transfer.created_at).year if transfer else None,
            "receiving_sides": sorted(transfer_sides(user=receiving_transfers, transfer=transfer))
            if transfer
            else None,
            "linked_cases": [str(pk) for pk in transfer.linked_cases.values_list("pk", flat=True)]
            if transfer
            else None,
            "message_body": message.body if message else None,
            "message_author": message.author.username if message and message.author else None,
            "transfer_created_events": sorted(
                [event.actor.username if event.actor else None, event.target_type]
                for event in created.select_related("actor")
            ),
            "outbox": sorted([m.pk, m.topic, m.status] for m in OutboxMessage.objects.all()),
            "topics_without_handler": [t for t in seeded["topics"] if not is_registered(t)],
            "trend_cells": CaseTrendCount.objects.count(),
            "content_types": {old: content_types[new] for old, new in MOVED.items()},
            "content_types_left_behind": left_behind,
            "view_transfer_permissions": list(view_transfer.values_list("pk", flat=True)),
            "models_match_migrations": models_match_migrations,
            "makemigrations_output": changes.getvalue(),
        }
    )
)
