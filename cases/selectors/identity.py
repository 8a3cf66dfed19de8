"""What the reporter's status page may know of a shared identity: only that it was shared."""

from datetime import date

from cases.models import IdentityDisclosure, Report


def identity_shared_on(*, report: Report) -> date | None:
    """The day the reporter shared their identity, or None: the status page never shows the
    identity back, so that someone who learns the receipt cannot read it."""
    return (
        IdentityDisclosure.objects.filter(report=report).values_list("shared_on", flat=True).first()
    )
