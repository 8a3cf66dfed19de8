"""Timing and the tables every benchmark prints."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection


@dataclass
class Result:
    """One measured operation: latencies in milliseconds, and throughput if it was a load."""

    name: str
    latencies_ms: list[float] = field(default_factory=list)
    throughput: float | None = None  # operations per second
    note: str = ""
    # (p50, p95, max) when the load generator keeps a histogram, not every latency (wrk).
    reported_ms: tuple[float, float, float] | None = None
    count: int | None = None

    def percentile(self, pct: float) -> float:
        values = sorted(self.latencies_ms)
        if not values:
            return float("nan")
        rank = max(0, min(len(values) - 1, math.ceil(pct / 100 * len(values)) - 1))  # nearest rank
        return values[rank]

    @property
    def n(self) -> int:
        return self.count if self.count is not None else len(self.latencies_ms)

    @property
    def p50(self) -> float:
        if self.reported_ms:
            return self.reported_ms[0]
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p95(self) -> float:
        return self.reported_ms[1] if self.reported_ms else self.percentile(95)

    @property
    def max(self) -> float:
        if self.reported_ms:
            return self.reported_ms[2]
        return max(self.latencies_ms) if self.latencies_ms else float("nan")


def timed(name: str, operation: Callable[[], object], *, repeat: int, warmup: int = 2) -> Result:
    """Run `operation` `warmup` + `repeat` times; record each of the last `repeat` runs."""
    for _ in range(warmup):
        operation()
    result = Result(name)
    started = time.perf_counter()
    for _ in range(repeat):
        t0 = time.perf_counter()
        operation()
        result.latencies_ms.append((time.perf_counter() - t0) * 1000)
    result.throughput = repeat / (time.perf_counter() - started)
    return result


def _fmt(value: float | None, digits: int = 1) -> str:
    if value is None or value != value:  # None or NaN
        return "-"
    return f"{value:,.{digits}f}"


def print_table(title: str, results: list[Result], *, out=print, extra: dict | None = None) -> str:
    """A fixed-width table (also returned as text, for docs/benchmarks.md)."""
    header = f"{'operation':<44} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9} {'ops/s':>9}"
    lines = [title, header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.name[:44]:<44} {r.n:>6} {_fmt(r.p50):>9} {_fmt(r.p95):>9} "
            f"{_fmt(r.max):>9} {_fmt(r.throughput):>9}" + (f"  {r.note}" if r.note else "")
        )
    for key, value in (extra or {}).items():
        lines.append(f"{key}: {value}")
    text = "\n".join(lines)
    out(text + "\n")
    return text


@contextmanager
def count_queries() -> Iterator[dict[str, int]]:
    """Count the SQL statements run inside the block (survives the test client's requests,
    which reset `connection.queries`)."""
    counter = {"n": 0}

    def wrapper(execute, sql, params, many, context):
        counter["n"] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield counter
