"""One receipt check with every anonymous limit of the portal, in order: a genuine, unspent
challenge with its proof of work (or, without JavaScript, the wait), the per-code budget,
then the memory-hard lookup. The status page (`reporting/views/status.py`) and the
integration API (`api/public.py`) both use it, so the two ways in share one set of limits.

A challenge lives 10 minutes and opens one check, so N guesses cost N times the work: they
cannot be stockpiled (issue 17, F1)."""

import enum
from dataclasses import dataclass

from cases.models import Report
from cases.selectors.reporter import report_for_receipt
from cases.services.reporter_access import remember_receipt_tag
from reporting import pow, throttle


class Outcome(enum.Enum):
    OPENED = enum.auto()
    TOKEN_EXPIRED = enum.auto()
    WRONG_WORK = enum.auto()
    MUST_WAIT = enum.auto()
    BUSY = enum.auto()
    TOKEN_USED = enum.auto()
    CODE_EXHAUSTED = enum.auto()
    NOT_FOUND = enum.auto()


_OUTCOMES = {
    pow.Verdict.EXPIRED: Outcome.TOKEN_EXPIRED,
    pow.Verdict.WRONG_WORK: Outcome.WRONG_WORK,
    pow.Verdict.MUST_WAIT: Outcome.MUST_WAIT,
    pow.Verdict.BUSY: Outcome.BUSY,
    pow.Verdict.USED: Outcome.TOKEN_USED,
}


@dataclass(frozen=True)
class ReceiptCheck:
    outcome: Outcome
    report: Report | None = None
    wait_seconds: int = 0


def issue_token() -> pow.Challenge:
    return pow.issue(pow.Purpose.CHECK)


def check_receipt(*, digits: str, token: str, work: str = "") -> ReceiptCheck:
    """`digits` is a normalised receipt; `token` a challenge from `issue_token`, `work` its
    solution ("" without JavaScript)."""
    spent = pow.verify(purpose=pow.Purpose.CHECK, token=token, work=work)
    if not spent.accepted:
        return ReceiptCheck(_OUTCOMES[spent.verdict], wait_seconds=spent.wait_seconds)
    if throttle.receipt_attempts_exhausted(digits):
        return ReceiptCheck(Outcome.CODE_EXHAUSTED)
    report = report_for_receipt(digits)
    if report is None:
        throttle.record_receipt_failure()
        return ReceiptCheck(Outcome.NOT_FOUND)
    remember_receipt_tag(report=report, receipt=digits)
    return ReceiptCheck(Outcome.OPENED, report=report)
