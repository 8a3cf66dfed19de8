"""Assigning many cases at once from the queue."""

from collections.abc import Sequence

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Case
from cases.selectors.cases import cases_for_user
from cases.services.workflow import assign_case


@transaction.atomic
def bulk_assign_cases(
    *, cases: Sequence[Case], assignee: AbstractBaseUser | None, actor: AbstractBaseUser
) -> int:
    """All or nothing: if the assignee cannot handle one of the cases, none is assigned.

    The queue's checkboxes carry no version: bulk assignment is last-writer-wins, which loses
    no typed text (it only names a person, and each case's assignment is audited). It still
    passes the version it reads under lock, so any form open on these cases becomes stale."""
    visible = set(
        cases_for_user(user=actor).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
    )
    if any(case.pk not in visible for case in cases):
        raise ValidationError(_("One of the selected cases was not found."))
    refused = []
    versions = dict(
        Case.objects.select_for_update()
        .filter(pk__in=[c.pk for c in cases])
        .values_list("pk", "version")
    )
    for case in cases:
        try:
            assign_case(
                case=case, assignee=assignee, actor=actor, expected_version=versions[case.pk]
            )
        except ValidationError:
            refused.append(case.number)
    if refused:
        raise ValidationError(
            _("%(name)s cannot handle case(s) %(numbers)s. Nothing was assigned.")
            % {
                "name": assignee.get_full_name() or assignee.get_username(),
                "numbers": ", ".join(refused),
            }
        )
    return len(cases)
