"""A Celery broker for one test: the local Redis, or a port where nothing listens (the broker
is 'down'), and Celery pointed at it for a block, then put back. Also the real worker process
the worker tests start, on a queue of this test process's own."""

import os
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection
from kombu import pools

from config.celery import app as celery_app
from privacy.keyring import encode_key

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A database number of its own, so a test never touches another process's queues.
TEST_REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/13"
# A queue per test process: two runs on one machine (or one Redis) never take each other's tasks.
TEST_QUEUE = f"equity-test-{os.getpid()}"


def closed_port_url() -> str:
    """A broker URL on a local port where nothing listens: the broker is 'down'."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def redis_is_up() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def empty_test_queue() -> None:
    """Drop what an earlier run of this process's queue left; other queues are not ours."""
    import redis

    redis.Redis.from_url(TEST_REDIS_URL).delete(TEST_QUEUE)


def _reset_connections() -> None:
    """Drop pooled connections, so the next publish connects to the broker now configured."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Publish to `url` for real (not eagerly), on this process's queue, inside the block."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_default_queue)
    conf.broker_url, conf.task_always_eager, conf.task_default_queue = url, False, TEST_QUEUE
    _reset_connections()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager, conf.task_default_queue = saved
        _reset_connections()


def worker_env(**extra: str) -> dict[str, str]:
    """The environment of a worker on this test's database, broker, queue and keys."""
    keys = settings.PRIVACY_ENCRYPTION_KEYS
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.jobs.worker_settings",
        "EQUITY_WORKER_DB_NAME": str(connection.settings_dict["NAME"]),
        "CELERY_BROKER_URL": TEST_REDIS_URL,
        "EQUITY_WORKER_QUEUE": TEST_QUEUE,
        "PRIVACY_ENCRYPTION_KEYS": ",".join(f"{k}:{encode_key(v)}" for k, v in keys.items()),
        "PRIVACY_ACTIVE_KEY_ID": settings.PRIVACY_ACTIVE_KEY_ID,
        "PRIVACY_BLIND_INDEX_KEY": encode_key(settings.PRIVACY_BLIND_INDEX_KEY),
        "PRIVACY_RECEIPT_KEY": encode_key(settings.PRIVACY_RECEIPT_KEY),
        **extra,
    }


def start_worker(*, env: dict[str, str], log: Path, beat_schedule: Path | None = None):
    """A real `celery worker` process (solo pool) on this process's queue; with
    `beat_schedule`, it also runs the beat (the 30 s outbox sweep) embedded."""
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "config",
        "worker",
        "--pool=solo",
        "-Q",
        TEST_QUEUE,
        "--loglevel=INFO",
        "--without-mingle",
        "--without-gossip",
        "--without-heartbeat",
    ]
    if beat_schedule is not None:
        command += ["--beat", "--schedule", str(beat_schedule)]
    with log.open("a") as out:
        # The command is this file's own constants, not input.
        return subprocess.Popen(  # noqa: S603
            command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def stop_worker(process: subprocess.Popen, *, crash: bool = False) -> None:
    """Stop a worker: gracefully, or with SIGKILL as a crash (no cleanup, no ack)."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGKILL if crash else signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
