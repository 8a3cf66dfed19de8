"""A reporter tells the district who they are, from the status page (reporter-facing texts).

What is shared is sealed (cases.models.identity); staff see it only through a two-officer
reveal (cases.services.identity_reveal). A second submission replaces the first, so that a
reporter can correct a typo: the officers who may see it see the corrected one.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import IdentityDisclosure, Report
from cases.models.audit import ActorKind
from cases.services.audit import record_audit_event
from cases.services.side_effects import case_changed
from privacy.receipts import contains_receipt

MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 254
MAX_PHONE_LENGTH = 40


@transaction.atomic
def share_identity(*, report: Report, name: str, email: str = "", phone: str = "") -> bool:
    """Store (or replace) the reporter's name and contact. True when it replaced an earlier one.

    The receipt must not be in it: staff who see the identity never need the receipt.
    """
    name, email, phone = (name or "").strip(), (email or "").strip(), (phone or "").strip()
    if not name:
        raise ValidationError(_("Write your name."), code="empty")
    if any(
        contains_receipt(text, report.receipt_hash, tag=report.receipt_tag)
        for text in (name, email, phone)
        if text
    ):
        raise ValidationError(
            _(
                "What you wrote contains your receipt code. Remove it: staff never need it, "
                "and anyone who sees it could read your report."
            ),
            code="contains_receipt",
        )
    # Hold the report's row: two submissions at once must not create two disclosures.
    Report.objects.select_for_update().filter(pk=report.pk).values_list("pk").first()
    disclosure = IdentityDisclosure.objects.filter(report=report).first()
    replaced = disclosure is not None
    if disclosure is None:
        disclosure = IdentityDisclosure(report=report)
    else:
        disclosure.corrected_on = timezone.localdate()
    disclosure.name, disclosure.email, disclosure.phone = name, email, phone
    disclosure.save()
    record_audit_event(
        action="identity.corrected" if replaced else "identity.shared",
        actor_kind=ActorKind.REPORTER,
        target=report.case,
        district=report.case.district,
        detail={"disclosure": str(disclosure.pk)},
    )
    case_changed(case=report.case)
    return replaced
