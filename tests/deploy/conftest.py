"""The deploy files (deploy/) checked by the programs that will run them. Without nginx or
systemd-analyze their tests are skipped with that reason, unless DEPLOY_REQUIRED=1 (CI),
which turns the skip into a failure. Serving the portal needs PostgreSQL: the production
settings refuse anything else."""

import os
import shutil

import pytest
from django.db import connection

from tests.deploy import servers


def _missing(what: str, how: str):
    if os.environ.get("DEPLOY_REQUIRED") == "1":
        pytest.fail(f"DEPLOY_REQUIRED=1 but {what} is missing ({how})")
    pytest.skip(f"{what} is missing ({how})")


@pytest.fixture
def nginx() -> str:
    binary = servers.nginx_binary()
    if binary is None:
        _missing("nginx", "apt-get install -y nginx")
    return binary


@pytest.fixture
def systemd_analyze() -> str:
    binary = shutil.which("systemd-analyze")
    if binary is None:
        _missing("systemd-analyze", "apt-get install -y systemd")
    return binary


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(servers.POSTGRESQL_ONLY)


@pytest.fixture
def forget_published_jobs():
    yield
    servers.forget_published_jobs()
