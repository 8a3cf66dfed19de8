"""Issue 20's goals beside what this run measured: the table `bench.run` ends with.

Reads the summaries the benchmark functions return (`bench.benchmarks`, `bench.intake`) and
the corpus generation time; a goal whose benchmark did not run says "not run". The goals are
stated at 1,000,000 reports; at another size the table still compares, and the generation
goal is judged on the time projected to 1M at the measured rate.
"""

from __future__ import annotations

from dataclasses import dataclass

GOAL_SIZE = 1_000_000
NOT_RUN = "not run"


@dataclass(frozen=True)
class GoalRow:
    metric: str
    goal: str
    measured: str
    met: str  # "yes", "no", "yes (projected)", "no (projected)" or "-" when not run


def _row(metric: str, goal: str, measured: str | None, met: bool | None) -> GoalRow:
    if measured is None:
        return GoalRow(metric, goal, NOT_RUN, "-")
    return GoalRow(metric, goal, measured, "yes" if met else "no")


def goal_rows(
    *, summaries: dict[str, dict], generation_seconds: float | None, size: int
) -> list[GoalRow]:
    """One row per goal. `summaries`: "search district", "search all", "queue", "trends",
    "intake" -> the benchmark's summary dict, for those that ran."""
    rows = []
    for key, metric, limit in (
        ("search district", "search, district officer (largest district), p95", 50),
        ("search all", "search, every district, p95", 150),
    ):
        summary = summaries.get(key)
        p95 = summary and summary["p95 encrypted ms"]
        rows.append(
            _row(metric, f"< {limit} ms", summary and f"{p95:,.1f} ms", summary and p95 < limit)
        )

    searches = [summaries[k] for k in ("search district", "search all") if k in summaries]
    worst = max(searches, key=lambda s: s["worst query ratio"], default=None)
    rows.append(
        _row(
            "worst single query vs plaintext FTS (p95)",
            "<= 1.5x",
            worst and f"{worst['worst query ratio']:.2f}x ('{worst['worst query']}')",
            worst and worst["worst query ratio"] <= 1.5,
        )
    )

    queue = summaries.get("queue")
    if queue:
        p95s = queue["page p95 ms by visible rows"]
        queries = [
            page for _selector, page in queue["queries (selector, page) by visible rows"].values()
        ]
        sizes = "/".join(f"{n:,}" for n in p95s)
        measured = (
            f"p95 {' / '.join(f'{p:,.0f}' for p in p95s.values())} ms at {sizes} visible, "
            f"{max(queries)} queries, {'constant' if len(set(queries)) == 1 else 'varying'}"
        )
        met = max(p95s.values()) < 100 and max(queries) <= 15 and len(set(queries)) == 1
        rows.append(
            _row(
                "queue page (10, 100, 1,000 visible), p95",
                "< 100 ms, <= 15 queries, constant",
                measured,
                met,
            )
        )
    else:
        rows.append(
            _row(
                "queue page (10, 100, 1,000 visible), p95",
                "< 100 ms, <= 15 queries, constant",
                None,
                None,
            )
        )

    trends = summaries.get("trends")
    page = trends and trends["p95 trends page ms"]
    rows.append(
        _row(
            "trends page, largest district, p95",
            "<= 50 ms",
            trends and f"{page:,.1f} ms",
            trends and page <= 50,
        )
    )

    intake = summaries.get("intake")
    ratio = intake and intake["ratio intake/receipt-floor throughput"]
    rows.append(
        _row(
            "intake vs receipt-hash floor (throughput)",
            ">= 0.8x",
            intake and f"{ratio:.2f}x",
            intake and ratio >= 0.8,
        )
    )

    rows.append(_generation_row(generation_seconds, size))
    return rows


def _generation_row(seconds: float | None, size: int) -> GoalRow:
    metric, goal = "corpus generation, 1M reports", "<= 25 min"
    if not seconds:
        return GoalRow(metric, goal, "not run (corpus reused)", "-")
    rate = size / seconds
    minutes = GOAL_SIZE / rate / 60
    if size == GOAL_SIZE:
        return _row(metric, goal, f"{seconds / 60:,.1f} min ({rate:,.0f} reports/s)", minutes <= 25)
    met = "yes (projected)" if minutes <= 25 else "no (projected)"
    measured = f"{seconds:,.0f} s for {size:,} ({rate:,.0f}/s): 1M in ~{minutes:,.0f} min"
    return GoalRow(metric, goal, measured, met)


def goals_table(rows: list[GoalRow], *, size: int) -> str:
    """A Markdown table (prints readably and pastes into docs/benchmarks.md)."""
    lines = [
        f"GOALS (issue 20, stated at {GOAL_SIZE:,} reports; measured on {size:,})",
        "| metric | goal | measured | met? |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r.metric} | {r.goal} | {r.measured} | {r.met} |" for r in rows]
    return "\n".join(lines)
