"""Proof-of-work and receipt-strength figures for SECURITY.md ("Abuse limits"), reproducibly.

    .venv/bin/python -m bench.pow [--cores 2] [--bits 18] [--native-rate 20e6] [--phone-rate 250e3]

Measures, on this machine: sha256 tries per second in Python (one process per core, the same
check as `reporting.pow.work_is_valid`), real solve times at `--bits`, and one receipt scrypt.
Then, from the schedule in `reporting.pow` (defaults below, as in settings), it plays one
client that solves challenges as fast as it can for a 15-minute window: how many drafts or
receipt guesses it gets, the difficulty it leaves behind, and what that costs a reporter on a
phone. It runs the attacker at the measured Python rate and at `--native-rate` (optimised C
with SHA extensions on 2 cores; an assumption, stated in SECURITY.md). No Django needed.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import multiprocessing
import secrets
import statistics
import time

# reporting.pow / reporting.throttle defaults (REPORTING_* settings).
BASE_BITS = 18
MAX_BITS = 24
FREE_DRAFTS = 200
FREE_FAILURES = 50
WINDOW_SECONDS = 900
NOJS_PER_WINDOW = 200
LIVE_REPORTS = 100_000
YEAR = 365.25 * 24 * 3600
# The shape of a challenge as reporting.pow.issue signs it (not a real one): ~100 ASCII chars.
CHALLENGE_SHAPE = (
    "eyJwIjoiY2hlY2siLCJuIjoiQWJDZEVmR2hJaktsTW5PcCIsInQiOjE3OTk5OTk5OTksImIiOjE4fQ:1vXyZa:"
)


def leading_zero_bits(digest: bytes) -> int:
    return 256 - int.from_bytes(digest, "big").bit_length()


def _tries(seconds: float) -> int:
    prefix = (CHALLENGE_SHAPE + secrets.token_urlsafe(32) + ":").encode()
    count, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        for n in range(count, count + 10_000):
            hashlib.sha256(prefix + str(n).encode()).digest()
        count += 10_000
    return count


def hash_rate(cores: int, seconds: float = 3.0) -> float:
    with multiprocessing.Pool(cores) as pool:
        counts = pool.map(_tries, [seconds] * cores)
    return sum(counts) / seconds


def solve_seconds(bits: int, samples: int) -> list[float]:
    times = []
    for _ in range(samples):
        prefix = (CHALLENGE_SHAPE + secrets.token_urlsafe(16) + ":").encode()
        start, n = time.perf_counter(), 0
        while leading_zero_bits(hashlib.sha256(prefix + str(n).encode()).digest()) < bits:
            n += 1
        times.append(time.perf_counter() - start)
    return times


def scrypt_seconds(samples: int = 5) -> float:
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        hashlib.scrypt(b"01234567890123456789", salt=b"s" * 32, n=2**14, r=8, p=1, dklen=32)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def difficulty(load: int, free: int) -> int:
    extra = 0 if load <= free else math.ceil(math.log2(load / free))
    return min(MAX_BITS, BASE_BITS + extra)


def one_client_window(rate: float, free: int) -> tuple[int, int]:
    """(events one client gets in a window, bits it leaves behind), solving back to back."""
    load, clock = 0, 0.0
    while True:
        clock += 2 ** difficulty(load, free) / rate
        if clock > WINDOW_SECONDS:
            return load, difficulty(load, free)
        load += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--bits", type=int, default=BASE_BITS)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--native-rate", type=float, default=20e6)
    parser.add_argument("--phone-rate", type=float, default=250e3)
    args = parser.parse_args()

    rate = hash_rate(args.cores)
    print(f"Python sha256 tries/s on {args.cores} cores: {rate:,.0f}")
    times = solve_seconds(args.bits, args.samples)
    print(
        f"Python solve at {args.bits} bits, 1 core: median {statistics.median(times):.2f} s, "
        f"max {max(times):.2f} s over {len(times)} solves (expected {2**args.bits:,} tries)"
    )
    scrypt = scrypt_seconds()
    server = args.cores / scrypt
    print(f"One receipt scrypt: {scrypt * 1000:.0f} ms -> at most {server:,.0f} checks/s")

    print("\nbits  tries        phone s  python/h(all cores)  native/h")
    for bits in range(BASE_BITS, MAX_BITS + 1):
        tries = 2**bits
        print(
            f"{bits:4d}  {tries:11,d}  {tries / args.phone_rate:7.1f}  "
            f"{3600 * rate / tries:19,.0f}  {3600 * args.native_rate / tries:9,.0f}"
        )

    print("\nOne client flat out for 15 minutes (then it starts over with the next window):")
    for name, free in (("drafts", FREE_DRAFTS), ("receipt guesses", FREE_FAILURES)):
        for label, attacker in (("python", rate), ("native", args.native_rate)):
            events, bits = one_client_window(attacker, free)
            print(
                f"  {name:15s} {label}: {events:,d} per window ({4 * events:,d}/h) "
                f"+ {NOJS_PER_WINDOW} without JavaScript; leaves {bits} bits = "
                f"{2**bits / args.phone_rate:.0f} s on a phone"
            )

    print(f"\nExpected time to the first hit against {LIVE_REPORTS:,} live reports:")
    guesses_native = 4 * (one_client_window(args.native_rate, FREE_FAILURES)[0] + NOJS_PER_WINDOW)
    for digits in (16, 20):
        space = 10**digits / LIVE_REPORTS
        print(
            f"  {digits} digits: at the server's scrypt bound ({server:,.0f}/s): "
            f"{space / server / YEAR:,.0f} years; one native 2-core client "
            f"({guesses_native:,d}/h): {space / (guesses_native / 3600) / YEAR:,.0f} years"
        )


if __name__ == "__main__":
    main()
