"""Health endpoints for the district's monitoring: /healthz says the process answers, /readyz
says whether it can do its work and which part cannot. Neither says anything about a report,
a person or a key: names of parts, true or false, and counts."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app
from jobs.selectors import pending_jobs_summary
from privacy.keyring import blind_index_key, get_keyring, receipt_key
from search.backends import get_backend

logger = logging.getLogger(__name__)

BROKER_TIMEOUT_SECONDS = 2


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: no database, no broker, so a restart is never triggered by a dependency."""
    return JsonResponse({"status": "alive"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 503 naming each part that is down. The portal still takes reports with the
    broker or the search engine down (they degrade staff features), so those are reported
    as 'degraded', not 'down': only the database, the keys and the shared cache (every page's
    links come from it) stop intake."""
    checks = {
        "database": _check(_database),
        "keys": _check(_keys),
        "cache": _check(_cache),
        "broker": _check(_broker),
        "search": _check(lambda: get_backend().is_reachable()),
    }
    essential = checks["database"] and checks["keys"] and checks["cache"]
    body = {
        "status": "ready" if all(checks.values()) else ("degraded" if essential else "down"),
        "checks": {name: "ok" if ok else "down" for name, ok in checks.items()},
    }
    if checks["database"]:
        pending, oldest = pending_jobs_summary()
        body["outbox"] = {
            "pending": pending,
            "oldest_pending_seconds": None if oldest is None else round(oldest),
        }
    return JsonResponse(body, status=200 if essential else 503)


def _check(probe) -> bool:
    try:
        return bool(probe())
    except Exception as error:  # a probe's failure is the answer, not a crash
        # The type only: a message could carry a connection string with a password.
        logger.warning("Readiness probe failed: %s", type(error).__name__)
        return False


def _database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _keys() -> bool:
    return bool(get_keyring().active_key() and blind_index_key() and receipt_key())


def _cache() -> bool:
    # A database cache whose table was never made (createcachetable) fails here, not on every
    # page; the savepoint keeps that failure out of the request's own transaction.
    with transaction.atomic():
        cache.get("readyz-probe")
    return True


def _broker() -> bool:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True  # jobs run in the web process: there is no broker to reach
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return True
