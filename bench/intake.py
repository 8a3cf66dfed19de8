"""Intake throughput over HTTP: gunicorn on loopback, loaded by wrk (or a threaded client).

The three endpoints (`bench.views`): the bare insert, the receipt-hash floor (bare insert plus
the scrypt receipt hash every honest submit pays) and the real intake, get the same request
bodies, through the same middleware, from the same load generator, one after the other in the
same run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess  # nosec B404
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection

from bench.measure import Result, timed
from bench.views import ensure_bare_table
from bench.vocabulary import NarrativeWriter
from cases.choices import GradeBand, LocationType, ReporterRelation
from cases.models import District, School
from privacy.receipts import generate_receipt, hash_receipt

INTAKE_DISTRICT = "intake-bench"
BODY_COUNT = 200

WRK_SCRIPT = """
local bodies = {}
local f = io.open(os.getenv("BENCH_BODIES"), "r")
for line in f:lines() do bodies[#bodies + 1] = line end
f:close()
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/x-www-form-urlencoded"},
                    bodies[(i % #bodies) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
               + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %f, "errors": %d, "p50": %f, "p95": %f, "max": %f}\\n',
    summary.requests, summary.duration / 1e6, errors, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency.max / 1e3))
end
"""


def intake_schools() -> list[School]:
    district, _ = District.objects.get_or_create(
        slug=INTAKE_DISTRICT, defaults={"name": "Intake Bench District", "code": "IB"}
    )
    for number in range(1, 6):
        School.objects.get_or_create(
            district=district, slug=f"s{number}", defaults={"name": f"Intake school {number}"}
        )
    return list(School.objects.filter(district=district))


def request_bodies(*, count: int = BODY_COUNT, seed: int = 10) -> list[str]:
    """Complete reports as the portal's form fields, URL-encoded, one per line."""
    rng = random.Random(seed)  # nosec B311  # reproducible synthetic data, not secrets
    writer = NarrativeWriter(rng)
    schools = intake_schools()
    bodies = []
    for _ in range(count):
        school = rng.choice(schools)
        language = "es" if rng.random() < 0.22 else "en"
        fields = [
            ("incident_types", rng.choice(["harassment", "bullying", "exclusion"])),
            ("bias_bases", rng.choice(["race", "sex", "disability", "religion"])),
            ("district", school.district_id),
            ("school", school.pk),
            ("location_type", rng.choice(LocationType.values)),
            ("incident_date", ""),
            ("reporter_relation", rng.choice(ReporterRelation.values)),
            ("grade_band", rng.choice(GradeBand.values)),
            ("people_involved", writer.person() if rng.random() < 0.6 else ""),
            ("narrative", writer.narrative(language)),
            ("transfer_interest", "no"),
            ("contact_email", ""),
            ("contact_phone", ""),
            ("language", language),
        ]
        bodies.append(urlencode(fields))
    return bodies


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GunicornServer:
    """`gunicorn -c config/gunicorn.py` with the bench settings, on a free loopback port."""

    def __init__(self, *, workers: int):
        self.port = _free_port()
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> GunicornServer:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": _database_url(),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(self.workers),
        }
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(  # noqa: S603  # nosec B603
            [gunicorn, "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 90  # a loaded machine starts it slowly
        while time.monotonic() < deadline:
            try:
                # Loopback only: the URL is built from our own port number.
                urllib.request.urlopen(f"{self.url}/report/", timeout=2).read()  # noqa: S310  # nosec B310
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not start within 90 seconds")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_wrk(*, url: str, bodies_file: Path, script: Path, seconds: int, connections: int) -> Result:
    command = [
        shutil.which("wrk") or "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]
    output = subprocess.run(  # noqa: S603  # nosec B603
        command,
        env={**os.environ, "BENCH_BODIES": str(bodies_file)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    data = json.loads(line.removeprefix("BENCH "))
    result = Result(url.rsplit("/", 2)[-2])
    # wrk keeps a histogram, not every latency: the table shows its percentiles.
    result.reported_ms = (data["p50"], data["p95"], data["max"])
    result.count = data["requests"]
    result.throughput = data["requests"] / data["seconds"]
    result.note = f"{data['errors']} errors (wrk)"
    return result


def run_threads(*, url: str, bodies: list[str], seconds: int, connections: int) -> Result:
    """The fallback load generator when wrk is not installed: threads, keep-alive off."""
    stop = time.monotonic() + seconds
    latencies: list[float] = []
    errors = 0

    def worker(offset: int) -> None:
        nonlocal errors
        index = offset
        while time.monotonic() < stop:
            body = bodies[index % len(bodies)].encode()
            index += connections
            request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
                    response.read()
            except OSError:
                errors += 1
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(worker, range(connections)))
    result = Result(url.rsplit("/", 2)[-2], latencies_ms=latencies)
    result.throughput = len(latencies) / (time.perf_counter() - started)
    result.note = f"{errors} errors (threaded client)"
    return result


def intake_benchmark(*, state_dir: Path, seconds: int, connections: int, workers: int):
    """Bare insert, receipt-hash floor, then real intake, under the same load.

    Returns the results and the intake's throughput as a ratio of both baselines: the bare
    insert, and the floor, which no implementation that keeps the memory-hard receipt hash
    can beat.
    """
    ensure_bare_table()
    bodies = request_bodies()
    state_dir.mkdir(parents=True, exist_ok=True)
    bodies_file = state_dir / "intake-bodies.txt"
    bodies_file.write_text("\n".join(bodies) + "\n")
    script = state_dir / "intake.lua"
    script.write_text(WRK_SCRIPT)
    use_wrk = shutil.which("wrk") is not None
    results = []
    with GunicornServer(workers=workers) as server:
        for path in ("/bench/bare-insert/", "/bench/insert-with-receipt-hash/", "/bench/intake/"):
            url = server.url + path
            # A short warm-up: imports, connections, caches.
            run_threads(url=url, bodies=bodies, seconds=2, connections=2)
            if use_wrk:
                result = run_wrk(
                    url=url,
                    bodies_file=bodies_file,
                    script=script,
                    seconds=seconds,
                    connections=connections,
                )
            else:
                result = run_threads(
                    url=url, bodies=bodies, seconds=seconds, connections=connections
                )
            results.append(result)
    bare, receipt_floor, intake = results
    # The deliberate cost inside every submit: the memory-hard receipt hash (privacy.receipts).
    receipt = timed("receipt hash", lambda: hash_receipt(generate_receipt()), repeat=10)
    summary = {
        "receipt hash (scrypt, in-process) p50 ms": round(receipt.p50, 1),
        "load generator": "wrk" if use_wrk else "threaded Python client",
        "connections": connections,
        "gunicorn workers": workers,
        "seconds per endpoint": seconds,
        "ratio intake/bare throughput": round(intake.throughput / bare.throughput, 2),
        "ratio intake/receipt-floor throughput": round(
            intake.throughput / receipt_floor.throughput, 2
        ),
    }
    return results, summary
