"""The portal as the deploy files start it: gunicorn from equity-web.service's own ExecStart,
with the production settings, and nginx running the shipped site. Paths and ports are swapped
for temporary ones by plain text replacement; nothing else of the shipped files changes."""

import configparser
import contextlib
import datetime
import http.client
import ipaddress
import os
import pwd
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.db import connection

from privacy.keyring import encode_key

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = DEPLOY / "systemd"
SITE = DEPLOY / "nginx" / "equity.conf"
PROXY_SNIPPET = DEPLOY / "nginx" / "equity-proxy.conf"
# Where the units expect the checkout; the tests run this checkout and its .venv instead.
INSTALLED_APP = "/srv/equity/app"
HOST = "reports.example.org"
# One key for every web process of a test, as every machine of an installation shares one.
SECRET_KEY = "deploy-test-" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
# A Redis database of its own: the jobs the servers publish are never consumed, and dropped.
BROKER_URL = "redis://127.0.0.1:6379/12"
POSTGRESQL_ONLY = (
    "the production settings run on PostgreSQL only; "
    "set DATABASE_URL=postgres://... (CI's PostgreSQL pass runs this)"
)


def forget_published_jobs() -> None:
    """The servers publish their outbox jobs to a Redis database of their own that no worker
    reads: empty it."""
    with contextlib.suppress(redis.RedisError):  # Redis down: nothing was published
        redis.Redis.from_url(BROKER_URL).flushdb()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, *, process: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port} after {seconds} s:\n{log.read_text()[-3000:]}")


def stop(process: subprocess.Popen, *, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- gunicorn ------------------------------------------------------------------------------


def unit_service(name: str) -> configparser.SectionProxy:
    """The [Service] section of a shipped unit (a repeated key keeps its last value)."""
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string((UNITS / name).read_text())
    return parser["Service"]


def production_environment(*, media_root: Path, static_root: Path, bind: str) -> dict[str, str]:
    """What /etc/equity/equity.env gives a process, pointed at this test's database and keys
    (the test process reads what the servers wrote)."""
    keys = settings.PRIVACY_ENCRYPTION_KEYS
    database = connection.settings_dict
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRIVACY_", "DJANGO_", "DATABASE_", "CELERY_"))
    }
    env.update(
        {
            "DJANGO_SECRET_KEY": SECRET_KEY,
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "DATABASE_URL": (
                f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}"
                f":{database['PORT'] or 5432}/{database['NAME']}"
            ),
            "PRIVACY_ENCRYPTION_KEYS": ",".join(f"{k}:{encode_key(v)}" for k, v in keys.items()),
            "PRIVACY_ACTIVE_KEY_ID": settings.PRIVACY_ACTIVE_KEY_ID,
            "PRIVACY_BLIND_INDEX_KEY": encode_key(settings.PRIVACY_BLIND_INDEX_KEY),
            "PRIVACY_RECEIPT_KEY": encode_key(settings.PRIVACY_RECEIPT_KEY),
            "CELERY_BROKER_URL": BROKER_URL,
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(static_root),
            "GUNICORN_BIND": bind,
            "GUNICORN_WORKERS": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        }
    )
    return env


def unit_environment(name: str, env: dict[str, str]) -> dict[str, str]:
    """`env` plus the unit's own Environment= lines (DJANGO_SETTINGS_MODULE)."""
    line = unit_service(name)["Environment"]
    return {**env, **dict(item.split("=", 1) for item in shlex.split(line))}


def unit_command(name: str) -> list[str]:
    """The unit's ExecStart, with the installed checkout's paths pointing at this one."""
    return shlex.split(unit_service(name)["ExecStart"].replace(INSTALLED_APP, str(ROOT)))


def manage(env: dict[str, str], *arguments: str) -> str:
    """`manage.py` as deploy/equity-manage runs it: the web unit's environment, production
    settings. Returns its output."""
    # This checkout's manage.py with the test's own arguments.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=unit_environment("equity-web.service", env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def install(env: dict[str, str]) -> None:
    """deploy/README.md's steps after `migrate` (pytest-django migrated the test database):
    the shared cache's table, and the static files with the manifest every page needs."""
    manage(env, "createcachetable")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    log: Path


@contextlib.contextmanager
def running_gunicorn(*, env: dict[str, str], log: Path) -> Iterator[Gunicorn]:
    """gunicorn as equity-web.service runs it, in its WorkingDirectory, from the moment
    /healthz answers to the end of the block."""
    port = int(env["GUNICORN_BIND"].rsplit(":", 1)[1])
    service = unit_service("equity-web.service")
    workdir = service["WorkingDirectory"].replace(INSTALLED_APP, str(ROOT))
    with log.open("a") as out:
        process = subprocess.Popen(  # noqa: S603 - the shipped unit's own command
            unit_command("equity-web.service"),
            cwd=workdir,
            env=unit_environment("equity-web.service", env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process=process, log=log)
        deadline = time.monotonic() + 30
        while fetch("127.0.0.1", port, "/healthz").status != 200:  # workers booting
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(log.read_text()[-3000:])
            time.sleep(0.2)
        yield Gunicorn(process=process, port=port, log=log)
    finally:
        stop(process)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(
    host: str,
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    tls: ssl.SSLContext | None = None,
) -> Answer:
    """One request, Host: reports.example.org unless told; redirects are not followed."""
    if tls is None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
    else:
        conn = http.client.HTTPSConnection(host, port, timeout=30, context=tls)
    try:
        conn.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


# --- nginx ---------------------------------------------------------------------------------


def nginx_binary() -> str | None:
    return shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/local/sbin")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for reports.example.org and 127.0.0.1, and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "fullchain.pem", folder / "privkey.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def trusting(cert_file: Path) -> ssl.SSLContext:
    """A client that trusts only the test certificate and checks the name it carries."""
    return ssl.create_default_context(cafile=str(cert_file))


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@dataclass
class NginxSite:
    prefix: Path
    conf: Path
    http_port: int
    https_port: int
    cert: Path
    access_log: Path


def nginx_site(prefix: Path, *, upstream_port: int, static_root: Path) -> NginxSite:
    """The shipped site and proxy snippet under `prefix`, inside a minimal nginx.conf.

    static_root must be a folder named "static" (the site's `root` is its parent)."""
    assert static_root.name == "static", "the site serves /static/ from <root>/static"
    for folder in ("logs", "sites", "spool", "certs", "acme"):
        (prefix / folder).mkdir(parents=True, exist_ok=True)
    cert, key = self_signed_certificate(prefix / "certs")
    http_port, https_port = free_port(), free_port()
    ipv6 = "[::1]" if _ipv6_loopback() else None
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": f"listen {ipv6}:{http_port};" if ipv6 else "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": f"listen {ipv6}:{https_port} ssl http2;" if ipv6 else "",
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
        f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(cert),
        f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(key),
        "/etc/nginx/snippets/equity-proxy.conf": str(prefix / "sites" / PROXY_SNIPPET.name),
        "/var/log/nginx/": f"{prefix}/logs/",
        "/dev/shm/": f"{prefix}/spool/",  # noqa: S108 - the shipped path, replaced
        "/var/www/letsencrypt": str(prefix / "acme"),
        "root /srv/equity;": f"root {static_root.parent};",
    }
    site = SITE.read_text()
    for shipped, here in replacements.items():
        assert shipped in site, f"{shipped!r} is no longer in {SITE.name}: update the test"
        site = site.replace(shipped, here)
    (prefix / "sites" / SITE.name).write_text(site)
    shutil.copy(PROXY_SNIPPET, prefix / "sites" / PROXY_SNIPPET.name)
    # Root in CI: the workers must read the test's private temporary folders.
    user = pwd.getpwuid(os.geteuid()).pw_name
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""
{"user " + user + ";" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/main-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/logs/main-access.log;
    client_body_temp_path {prefix}/spool/client;
    proxy_temp_path {prefix}/spool/proxy;
    fastcgi_temp_path {prefix}/spool/fastcgi;
    uwsgi_temp_path {prefix}/spool/uwsgi;
    scgi_temp_path {prefix}/spool/scgi;
    include {prefix}/sites/{SITE.name};
}}
"""
    )
    return NginxSite(
        prefix=prefix,
        conf=conf,
        http_port=http_port,
        https_port=https_port,
        cert=cert,
        access_log=prefix / "logs" / "equity.access.log",
    )


def nginx_test(site: NginxSite) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the system's nginx on the generated configuration
        [nginx_binary(), "-t", "-p", str(site.prefix), "-c", str(site.conf)],
        capture_output=True,
        text=True,
        check=False,
    )


@contextlib.contextmanager
def running_nginx(site: NginxSite) -> Iterator[subprocess.Popen]:
    """The system's nginx on the generated configuration, for the block."""
    log = site.prefix / "logs" / "stderr.log"
    with log.open("a") as out:
        process = subprocess.Popen(  # noqa: S603 - the system's nginx on the generated configuration
            [nginx_binary(), "-p", str(site.prefix), "-c", str(site.conf)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(site.https_port, process=process, log=log)
        yield process
    finally:
        stop(process)
