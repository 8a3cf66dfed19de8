"""The benchmark scripts at a tiny size, so they cannot rot between `make bench` runs.

Each benchmark function runs once on the test database with the real code paths; the numbers
are meaningless here, only that every script runs end to end and measures what it claims.
"""

import re

import pytest
from django.db import connection
from django.test import override_settings
from snowballstemmer.english_stemmer import EnglishStemmer

from bench import benchmarks, corpus, vocabulary
from bench.goals import goal_rows
from bench.intake import request_bodies
from bench.measure import Result, print_table
from bench.views import ensure_bare_table
from cases.models import Case, Report
from cases.selectors.cases import cases_for_user
from privacy.blind_index import _stemmer
from privacy.keyring import encode_key, get_keyring, new_key
from search.selectors import search_case_queue
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

SIZE = 200


@pytest.fixture
def tiny_corpus():
    return corpus.generate_corpus(
        size=SIZE, seed=3, batch_size=80, processes=1, progress=lambda _: None
    )


def test_the_generator_writes_encrypted_searchable_reports_and_is_reused(tiny_corpus):
    assert Report.objects.count() == SIZE == Case.objects.count()
    report = Report.objects.order_by("pk").first()
    stored = Report.objects.filter(pk=report.pk).values_list("narrative", flat=True).get()
    assert report.narrative
    assert report.narrative not in stored
    assert len(tiny_corpus.district_ids) >= 2

    # A word of a generated narrative finds that report's case through the real search.
    word = next(w for w in re.findall(r"[a-z]{6,}", report.narrative.lower()))
    officer = benchmarks.bench_user(username="bench.test", districts=corpus.corpus_districts())
    assert report.case in search_case_queue(
        user=officer, text=word, visible=cases_for_user(user=officer)
    )

    again = corpus.ensure_corpus(size=SIZE, seed=3, progress=lambda _: None)
    assert not again.generated
    assert Report.objects.count() == SIZE


def test_a_corpus_indexed_under_other_keys_is_refused_not_searched_for_nothing(tiny_corpus):
    other_key = encode_key(new_key())
    with (
        override_settings(PRIVACY_BLIND_INDEX_KEY=other_key),
        pytest.raises(corpus.KeyMismatch, match="another blind-index key"),
    ):
        corpus.ensure_corpus(size=SIZE, seed=3, progress=lambda _: None)
    assert not corpus.ensure_corpus(size=SIZE, seed=3, progress=lambda _: None).generated


def test_search_trend_queue_and_rotation_benchmarks_run(tiny_corpus):
    officer = benchmarks.bench_user(username="bench.all", districts=corpus.corpus_districts())
    results, summary = benchmarks.search_benchmark(
        user=officer, scope="test", repeat=1, queries=("slur", "hallway")
    )
    assert summary["ratio p95 encrypted/plaintext"] > 0
    assert summary["worst query"] in ("slur", "hallway")
    assert all(r.latencies_ms for r in results)
    summaries = {"search district": summary}

    results, summary = benchmarks.trend_benchmark(district_ids=tiny_corpus.district_ids, repeat=1)
    assert summary["cube cells"] > 0
    summaries["trends"] = summary

    results, summary = benchmarks.queue_benchmark(sizes=(3, 7), repeat=1, seed=3, login=login_staff)
    assert summary["constant number of queries"], summary
    counts = summary["queries (selector, page) by visible rows"].values()
    assert all(n > 0 for pair in counts for n in pair)
    summaries["queue"] = summary
    # The goals table reads what the benchmarks return (the every-district search and intake
    # did not run here).
    rows = goal_rows(summaries=summaries, generation_seconds=tiny_corpus.seconds, size=SIZE)
    assert [row.measured == "not run" for row in rows] == [
        False,
        True,
        False,
        False,
        False,
        True,
        False,
    ]
    assert {row.met for row in rows if row.measured != "not run"} <= {
        "yes",
        "no",
        "yes (projected)",
        "no (projected)",
    }

    keys = {**get_keyring().keys, "b9": new_key()}
    with override_settings(PRIVACY_ENCRYPTION_KEYS=keys):
        results, summary = benchmarks.rotation_benchmark(target_key_id="b9")
        assert summary["rows"] >= 2 * SIZE
        assert summary["values re-encrypted"] >= 2 * SIZE
        with override_settings(PRIVACY_ACTIVE_KEY_ID="b9"):
            assert Report.objects.first().narrative  # still decrypts after rotation
    text = print_table("t", results, out=lambda _: None)
    assert "rows/s" in text


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_intake_endpoints_store_a_real_report_and_bare_rows(client):
    ensure_bare_table()
    body = request_bodies(count=1)[0]
    form = "application/x-www-form-urlencoded"

    response = client.post("/bench/intake/", body, content_type=form)
    assert response.status_code == 200, response.content
    assert re.fullmatch(rb"\d{4} \d{4} \d{4} \d{4} \d{4}", response.content)
    report = Report.objects.get()
    assert report.text_tokens
    assert report.case.number

    assert client.post("/bench/bare-insert/", body, content_type=form).status_code == 200
    # The receipt-hash floor: the same bare row, after one scrypt receipt hash.
    floor = client.post("/bench/insert-with-receipt-hash/", body, content_type=form)
    assert floor.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM bench_bare_insert")
        assert cursor.fetchone()[0] == 2
    assert Report.objects.count() == 1  # neither baseline stores a report


def test_the_fast_stemmer_gives_the_pure_python_stems():
    """PyStemmer (C) replaced the pure-Python stemmer for speed: every token must stay equal."""
    words = set()
    for name in dir(vocabulary):
        value = getattr(vocabulary, name)
        if isinstance(value, list):
            for item in value:
                words.update(re.findall(r"\w+", item.lower()))
    words.update(["running", "slurs", "harassed", "bullying", "discriminación", "niñas"])
    reference = EnglishStemmer()
    assert {w: _stemmer().stemWord(w) for w in words} == {w: reference.stemWord(w) for w in words}


def test_percentiles_and_tables():
    result = Result("op", latencies_ms=[float(n) for n in range(1, 101)], throughput=10.0)
    assert (result.p50, result.p95, result.max) == (50.5, 95.0, 100.0)
    assert encode_key(new_key())  # the bench keys file uses the product's key format


def test_the_corpus_plants_campaigns_and_the_grouping_benchmark_scores_them(tiny_corpus):
    truth = corpus.campaign_truth()
    assert len(set(truth.values())) == 2
    assert Case.objects.filter(pk__in=list(truth)).count() == len(truth)
    # Each campaign's copies are at the schools of one district.
    for number in set(truth.values()):
        ids = [case_id for case_id, campaign in truth.items() if campaign == number]
        assert Case.objects.filter(pk__in=ids).values("district").distinct().count() == 1

    results, summary = benchmarks.campaign_benchmark(repeat=2)

    assert summary["precision"] == 1.0
    assert summary["recall"] >= 0.9
    assert "threshold 0.7 (stated)" in summary["by threshold"]
    assert len(results[0].latencies_ms) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the COPY loader is PostgreSQL's")
def test_the_parallel_copy_load_restores_the_schema_and_writes_what_the_models_read():
    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' UNION ALL "
                "SELECT conname || pg_get_constraintdef(oid) FROM pg_constraint"
            )
            # The product's schema; the bench's own tables come with the corpus.
            return sorted(row[0] for row in cursor.fetchall() if "bench_" not in row[0])

    before = schema()
    corpus.generate_corpus(size=SIZE, seed=5, batch_size=40, processes=2, progress=lambda _: None)

    assert schema() == before  # every index and constraint rebuilt as migrated
    assert Report.objects.count() == SIZE
    numbers = list(Case.objects.values_list("number", flat=True))
    assert len(set(numbers)) == SIZE
    assert all(numbers)
    for report in Report.objects.select_related("case").order_by("pk")[:20]:
        assert report.narrative
        assert report.sequence == report.case.sequence
        assert report.case.bias_bases.exists()
        assert report.incident_types.exists()
    officer = benchmarks.bench_user(username="bench.copy", districts=corpus.corpus_districts())
    word = re.findall(r"[a-z]{6,}", report.narrative.lower())[0]
    assert report.case in search_case_queue(
        user=officer, text=word, visible=cases_for_user(user=officer)
    )
