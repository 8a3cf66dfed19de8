"""Reads the drill's data back from a restored database, as the site would, and prints digests.

Run by the restore drill as its own process (never imported):
`python -m tests.backups.readback REPORT_ID MESSAGE_ID`, with the production settings, the
restored database in DATABASE_URL and the restored MEDIA_ROOT. Prints SHA-256 digests only, so
no test text passes through a pipe.
"""

import hashlib
import json
import sys

import django


def _digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def main(report_id: str, message_id: str) -> None:
    django.setup()
    # Only once Django is set up can the models be imported.
    from cases.models import Report
    from transfers.models import TransferMessage

    report = Report.objects.get(pk=report_id)
    with report.evidence.get().file.open("rb") as handle:
        evidence = handle.read()
    message = TransferMessage.objects.get(pk=message_id)
    with message.attachment.open("rb") as handle:
        attachment = handle.read()
    print(
        json.dumps(
            {
                "narrative": _digest(report.narrative),
                "evidence": _digest(evidence),
                "message": _digest(message.body),
                "attachment": _digest(attachment),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:3])
