"""One receipt check with every anonymous limit of the portal, in order: a genuine form token,
the site-wide wait, single use, the per-code budget, then the memory-hard lookup. The status
page (`reporting/views/status.py`) and the integration API (`api/public.py`) both use it, so
the two ways in share one set of limits."""

import enum
from dataclasses import dataclass

from cases.models import Report
from cases.selectors.reporter import report_for_receipt
from reporting import throttle
from reporting.status_token import read_token, token_age


class Outcome(enum.Enum):
    OPENED = enum.auto()
    TOKEN_EXPIRED = enum.auto()
    MUST_WAIT = enum.auto()
    TOKEN_USED = enum.auto()
    CODE_EXHAUSTED = enum.auto()
    NOT_FOUND = enum.auto()


@dataclass(frozen=True)
class ReceiptCheck:
    outcome: Outcome
    report: Report | None = None
    wait_seconds: int = 0


def check_receipt(*, digits: str, token: str) -> ReceiptCheck:
    """`digits` is a normalised receipt; `token` one issued by `status_token.issue_token`."""
    parsed = read_token(token)
    if parsed is None:
        return ReceiptCheck(Outcome.TOKEN_EXPIRED)
    nonce, issued = parsed
    wait = throttle.required_wait_seconds() - token_age(issued)
    if wait > 0:
        return ReceiptCheck(Outcome.MUST_WAIT, wait_seconds=wait)
    if throttle.token_spent(nonce):
        return ReceiptCheck(Outcome.TOKEN_USED)
    if throttle.receipt_attempts_exhausted(digits):
        return ReceiptCheck(Outcome.CODE_EXHAUSTED)
    report = report_for_receipt(digits)
    if report is None:
        throttle.record_receipt_failure()
        return ReceiptCheck(Outcome.NOT_FOUND)
    return ReceiptCheck(Outcome.OPENED, report=report)
