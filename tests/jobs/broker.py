"""A Celery broker for one test: the local Redis, or a port where nothing listens (the broker
is 'down'), and Celery pointed at it for a block, then put back."""

import socket
from contextlib import contextmanager

from kombu import pools

from config.celery import app as celery_app

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# A database number of its own, so a test never touches another process's queues.
TEST_REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/13"


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


def _reset_connections() -> None:
    """Drop pooled connections, so the next publish connects to the broker now configured."""
    pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Publish to `url` for real (not eagerly) inside the block."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager)
    conf.broker_url, conf.task_always_eager = url, False
    _reset_connections()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved
        _reset_connections()
