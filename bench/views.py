"""Three endpoints for the intake benchmark, served only by the bench URLconf (`bench.urls`).

* `/bench/intake/` is the smallest honest path through the real submit: every answer step's
  form validates the POSTed fields exactly as the portal does (`reporting.steps`), then the
  same `open_case_from_report` the last form step calls stores the encrypted report, its blind
  tokens, the case, the audit event and the outbox jobs, and returns the receipt. What it skips
  is the portal's draft round trips, the 10-second bot time check and the global throttles.
* `/bench/bare-insert/` is the baseline: the same request through the same middleware, one
  row INSERT of the posted narrative into a plain table, in a transaction.
* `/bench/insert-with-receipt-hash/` is the security floor: the bare insert plus one
  `hash_receipt(generate_receipt())`, the memory-hard hash every honest submit must pay (the
  receipt is the only key to an anonymous report), so the intake can be compared with it too.
"""

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cases.services.intake import open_case_from_report
from privacy.receipts import format_receipt, generate_receipt, hash_receipt
from reporting.steps import ANSWER_STEPS, build_submission, typed_values, validate_answer_steps

BARE_TABLE_SQL = (
    "CREATE TABLE IF NOT EXISTS bench_bare_insert "
    "(id {serial} PRIMARY KEY, created_at timestamp NOT NULL, body text NOT NULL)"
)


def ensure_bare_table() -> None:
    serial = "bigserial" if connection.vendor == "postgresql" else "integer"
    with connection.cursor() as cursor:
        cursor.execute(BARE_TABLE_SQL.format(serial=serial))


@csrf_exempt
@require_POST
def intake(request: HttpRequest) -> HttpResponse:
    answers = {step.slug: typed_values(step, request.POST) for step in ANSWER_STEPS}
    validated_answers = validate_answer_steps(answers=answers)
    if validated_answers.invalid_steps:
        return HttpResponseBadRequest("invalid report")
    submission = build_submission(
        validated_answers=validated_answers,
        uploads=[],
        language=request.POST.get("language", "en"),
    )
    result = open_case_from_report(submission=submission)
    return HttpResponse(format_receipt(result.receipt), content_type="text/plain")


def _insert_bare_row(request: HttpRequest) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare_insert (created_at, body) VALUES (%s, %s)",
            [timezone.now(), request.POST.get("narrative", "")],
        )


@csrf_exempt
@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    _insert_bare_row(request)
    return HttpResponse("ok", content_type="text/plain")


@csrf_exempt
@require_POST
def insert_with_receipt_hash(request: HttpRequest) -> HttpResponse:
    # Before the transaction, so no lock is held during the ~40 ms hash; the hash is discarded.
    hash_receipt(generate_receipt())
    _insert_bare_row(request)
    return HttpResponse("ok", content_type="text/plain")
