"""The district's monitoring asks two questions: is the process alive (no dependency
involved), and can it do its work; when a part is down it is named, and intake goes on."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from config.gunicorn import ProbeQuietLogger, access_log_format
from jobs.models import OutboxMessage, OutboxStatus
from tests.factories import SchoolFactory
from tests.jobs.broker import celery_broker, closed_port_url
from tests.reporting.portal import Reporter, good_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    settings.REPORTING_MIN_SECONDS_TO_SUBMIT = 0


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "alive"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_lists_every_part_and_the_waiting_jobs(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"] == {
        "database": "ok",
        "keys": "ok",
        "cache": "ok",
        "broker": "ok",
        "search": "ok",
    }
    assert body["outbox"] == {"pending": 0, "oldest_pending_seconds": None}


def test_readiness_shows_how_long_the_oldest_job_has_waited(client):
    OutboxMessage.objects.create(topic="search.index_case", payload={}, status=OutboxStatus.PENDING)

    outbox = client.get("/readyz").json()["outbox"]

    assert outbox["pending"] == 1
    assert outbox["oldest_pending_seconds"] >= 0


def test_a_shared_cache_whose_table_was_never_made_is_named_and_not_ready(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_table_never_created",
        }
    }

    ready = client.get("/readyz")

    assert ready.status_code == 503
    assert ready.json()["checks"]["cache"] == "down"
    assert ready.json()["status"] == "down"


def test_a_down_broker_is_named_while_reports_are_still_taken(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with celery_broker(closed_port_url()):
        ready = client.get("/readyz")
        reporter = Reporter(client)
        reporter.start()
        reporter.fill_all(good_answers(SchoolFactory()))
        reporter.submit()

    assert ready.status_code == 200  # intake works: the load balancer keeps sending traffic
    assert ready.json()["status"] == "degraded"
    assert ready.json()["checks"]["broker"] == "down"
    assert "Your receipt code" in reporter.html()


def test_readiness_fails_when_the_keys_are_missing(client, settings):
    settings.PRIVACY_RECEIPT_KEY = ""

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["keys"] == "down"


def test_the_access_log_leaves_out_the_probes(tmp_path):
    config = Config()
    config.set("accesslog", str(tmp_path / "access.log"))
    config.set("access_log_format", access_log_format)
    logger = ProbeQuietLogger(config)

    for path in ("/healthz", "/readyz", "/report/"):
        request = SimpleNamespace(path=path, method="GET", uri=path, query="", version=(1, 1))
        request.headers = []
        response = SimpleNamespace(status="200 OK", sent=2, headers=[], response_length=2)
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "SERVER_PROTOCOL": "HTTP/1.1",
        }
        logger.access(response, request, environ, timedelta(milliseconds=3))

    logged = (tmp_path / "access.log").read_text()
    assert "/report/" in logged
    assert "healthz" not in logged
    assert "readyz" not in logged
