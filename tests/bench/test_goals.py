"""The goals table `bench.run` ends with: issue 20's goals beside this run's measurements."""

from bench.goals import goal_rows, goals_table

SEARCH = {"p95 encrypted ms": 42.0, "worst query ratio": 1.2, "worst query": "slur"}
QUEUE = {
    "page p95 ms by visible rows": {10: 60.0, 100: 70.0, 1000: 80.0},
    "queries (selector, page) by visible rows": {10: (5, 12), 100: (5, 12), 1000: (5, 12)},
}


def _by_metric(rows):
    """Rows by the metric's first words ("search every district", "queue page", ...)."""
    return {" ".join(row.metric.replace(",", "").split()[:3]): row for row in rows}


def test_a_full_run_fills_every_goal_and_judges_it():
    summaries = {
        "search district": SEARCH,
        "search all": {
            **SEARCH,
            "p95 encrypted ms": 180.0,
            "worst query ratio": 1.7,
            "worst query": "mosque graffiti",
        },
        "queue": QUEUE,
        "trends": {"p95 trends page ms": 50.0},
        "intake": {"ratio intake/receipt-floor throughput": 0.69},
    }

    rows = goal_rows(summaries=summaries, generation_seconds=1200.0, size=1_000_000)

    assert [(r.measured, r.met) for r in rows] == [
        ("42.0 ms", "yes"),
        ("180.0 ms", "no"),
        ("1.70x ('mosque graffiti')", "no"),
        ("p95 60 / 70 / 80 ms at 10/100/1,000 visible, 12 queries, constant", "yes"),
        ("50.0 ms", "yes"),
        ("0.69x", "no"),
        ("20.0 min (833 reports/s)", "yes"),
    ]
    table = goals_table(rows, size=1_000_000)
    assert table.splitlines()[1] == "| metric | goal | measured | met? |"
    assert "| search, every district, p95 | < 150 ms | 180.0 ms | no |" in table


def test_goals_whose_benchmark_did_not_run_say_so():
    rows = goal_rows(summaries={"search district": SEARCH}, generation_seconds=None, size=100_000)

    by_metric = _by_metric(rows)
    assert by_metric["search district officer"].met == "yes"
    assert by_metric["worst single query"].measured.startswith("1.20x")
    for metric in (
        "search every district",
        "queue page (10",
        "trends page largest",
        "intake vs receipt-hash",
    ):
        assert (by_metric[metric].measured, by_metric[metric].met) == ("not run", "-")
    assert by_metric["corpus generation 1M"].measured == "not run (corpus reused)"


def test_the_queue_goal_fails_on_too_many_or_varying_queries():
    varying = {**QUEUE, "queries (selector, page) by visible rows": {10: (5, 12), 100: (5, 13)}}
    too_many = {**QUEUE, "queries (selector, page) by visible rows": {10: (5, 36), 100: (5, 36)}}

    for queue in (varying, too_many):
        rows = goal_rows(summaries={"queue": queue}, generation_seconds=None, size=100_000)
        assert _by_metric(rows)["queue page (10"].met == "no"


def test_generation_below_1m_is_judged_on_its_projection():
    fast = goal_rows(summaries={}, generation_seconds=100.0, size=100_000)[-1]
    slow = goal_rows(summaries={}, generation_seconds=327.0, size=100_000)[-1]

    assert fast.met == "yes (projected)"
    assert fast.measured == "100 s for 100,000 (1,000/s): 1M in ~17 min"
    assert slow.met == "no (projected)"
