"""The in-process benchmarks: search, trends, the case list, key rotation, campaign grouping.

Each function measures the product code as it is (selectors, backends, the management
command), returns `Result`s and a summary dict, and takes its sizes as arguments so the test
suite can run it at a tiny size. The intake benchmark runs over HTTP: `bench.intake`.
"""

from __future__ import annotations

import io
import random
import time
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, DateField, F, Sum
from django.db.models.expressions import RawSQL
from django.db.models.functions import TruncMonth
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from bench.corpus import campaign_truth, write_reports
from bench.measure import Result, count_queries, timed
from campaigns import minhash
from campaigns.grouping import rebuild_signatures, refresh_case_signatures, regroup_all
from campaigns.models import CampaignGroup, CaseSignature
from cases.admin.pagination import CappedCountPaginator
from cases.admin.queue import add_vocabulary_labels
from cases.models import Case, District, School
from cases.request_cache import request_scope
from cases.roles import Role
from cases.selectors.queue import NARROW_CASE_QUEUE_HOOK, case_queue, first_searched_cases
from cases.services.memberships import SYSTEM, grant_membership
from privacy.fields import models_with_encrypted_fields
from trends.counts import BASIS, rebuild_trend_counts
from trends.models import CaseTrendCount
from trends.reports import all_trends, school_year_of

PAGE_SIZE = 25
# Words from bench.vocabulary at very different frequencies, one Spanish, one two-word query.
SEARCH_QUERIES = (
    "slur",
    "hallway",
    "wheelchair",
    "interpreter",
    "synagogue",
    "burla",
    "mosque graffiti",
    "lunch table",
)


def bench_user(*, username: str, districts=(), school=None):
    """A staff user holding the equity-officer role where asked (real membership service)."""
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    for district in districts:
        grant_membership(user=user, role=Role.EQUITY_OFFICER, district=district, granted_by=SYSTEM)
    if school is not None:
        grant_membership(
            user=user,
            role=Role.EQUITY_OFFICER,
            district=school.district,
            school=school,
            granted_by=SYSTEM,
        )
    return user


# --------------------------------------------------------------------------- search


def plaintext_search(*, user, text: str, visible):
    """The baseline: the same queue, matched by PostgreSQL full-text search on plaintext."""
    if connection.vendor == "postgresql":
        matching = RawSQL(
            "SELECT case_id FROM bench_plain_narrative WHERE tsv @@ plainto_tsquery('english', %s)",
            [text],
        )
    else:  # the SQLite test run only checks the script runs
        words = text.split() or [""]
        clause = " AND ".join("body LIKE %s" for _ in words)
        matching = RawSQL(  # noqa: S611  # nosec B611  # fixed clauses; words are parameters
            f"SELECT case_id FROM bench_plain_narrative WHERE {clause}",  # noqa: S608  # nosec B608
            [f"%{w}%" for w in words],
        )
    return visible.filter(pk__in=matching)


def _first_page(user, text: str, *, in_index_order: bool = True) -> tuple[int, str]:
    """What the searched queue does (cases/admin/queue.py): the first page and the capped count,
    from the matches read in the queue's order when the search app can (`first_searched_cases`).
    The plaintext baseline has no such index: `in_index_order=False` takes the general path.

    Returns the rows on the page and the hits as the queue shows them ("1,000+" past the cap)."""
    today, cap = timezone.localdate(), settings.CASE_QUEUE_COUNT_CAP
    with request_scope():  # grants read once, as in the queue's GET request
        queue = None
        if in_index_order:
            queue = first_searched_cases(user=user, today=today, search=text, limit=cap + 1)
        if queue is None:
            queue = case_queue(user=user, today=today, search=text)
        paginator = CappedCountPaginator(queue, PAGE_SIZE, cap=cap)
        rows = list(paginator.get_page(1).object_list)
        return len(rows), f"{paginator.count:,}{'+' if paginator.more_than_cap else ''}"


def search_benchmark(*, user, scope: str, repeat: int, queries=SEARCH_QUERIES):
    """The officer's queue search (first page of 25 + capped count), encrypted vs plaintext."""
    encrypted_all, plain_all, hits = Result("encrypted, all queries"), Result("plaintext"), {}
    rows, ratios = [], {}
    for text in queries:
        encrypted = timed(
            f"blind index  '{text}'", lambda t=text: _first_page(user, t), repeat=repeat
        )
        # Ordered before the search app's own hook, so the queue asks the plaintext baseline.
        with hooks.register_temporarily(NARROW_CASE_QUEUE_HOOK, plaintext_search, order=-1):
            plain = timed(
                f"plaintext FTS '{text}'",
                lambda t=text: _first_page(user, t, in_index_order=False),
                repeat=repeat,
            )
            plain_hits = _first_page(user, text, in_index_order=False)[1]
        hits[text] = (_first_page(user, text)[1], plain_hits)
        encrypted.note = f"{hits[text][0]} hits"
        plain.note = f"{plain_hits} hits"
        rows += [encrypted, plain]
        ratios[text] = encrypted.p95 / plain.p95
        encrypted_all.latencies_ms += encrypted.latencies_ms
        plain_all.latencies_ms += plain.latencies_ms
    encrypted_all.name = f"ALL encrypted ({scope})"
    plain_all.name = f"ALL plaintext FTS ({scope})"
    summary = {
        "p95 encrypted ms": round(encrypted_all.p95, 1),
        "p95 plaintext ms": round(plain_all.p95, 1),
        "ratio p95 encrypted/plaintext": round(encrypted_all.p95 / plain_all.p95, 2),
        "ratio p50 encrypted/plaintext": round(encrypted_all.p50 / plain_all.p50, 2),
        "worst query": max(ratios, key=ratios.get),
        "worst query ratio": round(max(ratios.values()), 2),
    }
    return [*rows, encrypted_all, plain_all], summary


# --------------------------------------------------------------------------- trends


def month_basis_school_cube(*, district_ids: list[int]) -> int:
    """Cases by month x bias basis x school over every given district: one GROUP BY."""
    rows = (
        Case.bias_bases.through.objects.filter(case__district_id__in=district_ids)
        .values(
            month=TruncMonth("case__opened_on", output_field=DateField()),
            basis=F("biasbasis__code"),
            school=F("case__school_id"),
        )
        .annotate(n=Count("case_id"))
        .order_by()
    )
    return len(list(rows))


def trend_cells_cube(*, district_ids: list[int]) -> int:
    """The same cube read from the product's trend cells (`search.models.CaseTrendCount`)."""
    rows = (
        CaseTrendCount.objects.filter(district_id__in=district_ids, dimension=BASIS)
        .values("month", "code", "school_id")
        .annotate(n=Sum("cases"))
        .order_by()
    )
    return len(list(rows))


def elastic_cube(*, district_ids: list[int]) -> int:
    """The same cube on Elasticsearch: a composite aggregation, paged with after_key."""
    from elasticsearch.dsl import Search
    from elasticsearch.dsl.aggs import Composite

    from search.backends.elastic import _client, case_alias

    buckets, after = 0, None
    while True:
        search = Search(index=case_alias()).filter("terms", district_id=district_ids).extra(size=0)
        sources = [
            {"month": {"date_histogram": {"field": "opened_on", "calendar_interval": "month"}}},
            {"basis": {"terms": {"field": "bias_bases"}}},
            {"school": {"terms": {"field": "school_id"}}},
        ]
        composite = Composite(sources=sources, size=10_000, **({"after": after} if after else {}))
        search.aggs.bucket("cube", composite)
        response = search.using(_client()).execute()
        page = response.aggregations.cube
        buckets += len(page.buckets)
        after = getattr(page, "after_key", None)
        if not page.buckets or after is None:
            return buckets
        after = after.to_dict()


def trend_benchmark(*, district_ids: list[int], repeat: int):
    """The cube over the whole corpus, from the cases and from the product's trend cells, and
    the real trends page of the largest district (which reads the cells)."""
    started = time.perf_counter()
    rebuild_trend_counts()  # what the nightly job does; also makes the cells current
    rebuild_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the statistics autovacuum keeps in steady state
            cursor.execute("ANALYZE search_casetrendcount")
    results = [
        timed(
            "DB month x basis x school (whole corpus)",
            lambda: month_basis_school_cube(district_ids=district_ids),
            repeat=repeat,
        )
    ]
    cells = month_basis_school_cube(district_ids=district_ids)
    results[0].note = f"{cells:,} cells"
    largest = (
        District.objects.filter(pk__in=district_ids)
        .annotate(n=Count("cases"))
        .order_by("-n")
        .first()
    )
    district_cube = timed(
        f"DB month x basis x school, largest district ({largest.n:,})",
        lambda: month_basis_school_cube(district_ids=[largest.pk]),
        repeat=repeat,
    )
    district_cube.note = f"{month_basis_school_cube(district_ids=[largest.pk]):,} cells"
    results.append(district_cube)
    year = school_year_of(timezone.localdate())
    page = timed(
        f"trends page (cells + medians), largest district ({largest.n:,})",
        lambda: all_trends(district=largest, school_year=year),
        repeat=repeat,
    )
    results.append(page)
    summary = {
        "cube cells": cells,
        "p95 cube ms": round(results[0].p95, 1),
        "p95 district cube ms": round(district_cube.p95, 1),
        "rebuild every trend cell s": round(rebuild_seconds, 1),
        "p95 trends page ms": round(page.p95, 1),
    }
    from_cells = timed(
        "trend cells: month x basis x school (whole corpus)",
        lambda: trend_cells_cube(district_ids=district_ids),
        repeat=repeat,
    )
    from_cells.note = f"{trend_cells_cube(district_ids=district_ids):,} cells"
    results.append(from_cells)
    district_cells = timed(
        "trend cells, largest district",
        lambda: trend_cells_cube(district_ids=[largest.pk]),
        repeat=repeat,
    )
    results.append(district_cells)
    summary["p95 trend cells cube ms"] = round(from_cells.p95, 1)
    summary["p95 trend cells district cube ms"] = round(district_cells.p95, 1)
    if settings.ELASTICSEARCH_URL:
        from search.backends.elastic import ElasticsearchBackend

        started = time.perf_counter()
        ElasticsearchBackend().rebuild()
        summary["elasticsearch rebuild s"] = round(time.perf_counter() - started, 1)
        elastic = timed(
            "ES month x basis x school (composite)",
            lambda: elastic_cube(district_ids=district_ids),
            repeat=repeat,
        )
        elastic.note = f"{elastic_cube(district_ids=district_ids):,} buckets"
        results.append(elastic)
        summary["p95 ES cube ms"] = round(elastic.p95, 1)
    else:
        summary["elasticsearch"] = "skipped: ELASTICSEARCH_URL is not set"
    return results, summary


# --------------------------------------------------------------------------- case list

QUEUE_PREFIX = "queue-"


def queue_schools(*, sizes: tuple[int, ...], seed: int) -> dict[int, School]:
    """One school per size holding exactly that many cases (made once, then reused)."""
    district, _ = District.objects.get_or_create(
        slug=f"{QUEUE_PREFIX}bench", defaults={"name": "Queue Bench District", "code": "QB"}
    )
    schools = {}
    for size in sizes:
        rng = random.Random(f"queue-{seed}-{size}")  # nosec B311  # synthetic data, not the corpus's ids
        school, _ = School.objects.get_or_create(
            district=district, slug=f"rows-{size}", defaults={"name": f"Queue school {size}"}
        )
        missing = size - Case.objects.filter(school=school).count()
        if missing > 0:
            write_reports(
                schools_weighted=[(school, 1.0)],
                size=missing,
                rng=rng,
                progress=lambda _line: None,
            )
        schools[size] = school
    return schools


def _touch_rows(rows) -> None:
    """Read everything a queue row shows, as the template does."""
    add_vocabulary_labels(rows)  # the page's one query for every row's bases and types
    for case in rows:
        _ = (case.number, case.school.name, case.district.name, case.assignee)
        _ = (case.basis_labels, case.type_labels, case.is_overdue, case.unread_replies)


def queue_benchmark(*, sizes: tuple[int, ...], repeat: int, seed: int, login):
    """Query count and latency of the case list, for officers who see 10, 100, 1,000 cases.

    Two measures per size: the selector with every visible row loaded and read, and the real
    queue page (`/admin/cases/` through the Django test client, 100 rows a page)."""
    schools = queue_schools(sizes=sizes, seed=seed)
    today = timezone.localdate()
    import config.wsgi  # noqa: F401  # set up as a web worker is (start-up objects frozen)

    results, queries, page_p95 = [], {}, {}
    for size, school in schools.items():
        user = bench_user(username=f"bench.queue.{size}", school=school)

        def selector(user=user):
            rows = list(case_queue(user=user, today=today))
            _touch_rows(rows)
            return rows

        with count_queries() as captured:
            loaded = len(selector())
        if loaded != size:
            raise RuntimeError(f"the officer sees {loaded} cases, expected {size}")
        selector_result = timed(f"selector, {size:,} rows loaded", selector, repeat=repeat)
        selector_result.note = f"{captured['n']} queries"
        client = Client()
        login(client, user)
        url = reverse("cases_admin:queue") + "?per_page=100"

        def page(client=client, url=url):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"the queue page answered {response.status_code}")
            return response

        page()
        with count_queries() as page_captured:
            page()
        page_result = timed(f"queue page, {size:,} visible (100/page)", page, repeat=repeat)
        page_result.note = f"{page_captured['n']} queries"
        results += [selector_result, page_result]
        queries[size] = (captured["n"], page_captured["n"])
        page_p95[size] = round(page_result.p95, 1)
    constant = (
        len({q[0] for q in queries.values()}) == 1 and len({q[1] for q in queries.values()}) == 1
    )
    summary = {
        "queries (selector, page) by visible rows": queries,
        "constant number of queries": constant,
        "page p95 ms by visible rows": page_p95,
    }
    return results, summary


# --------------------------------------------------------------------------- key rotation


def rotation_benchmark(*, target_key_id: str):
    """`rotate_encryption_keys` over every encrypted row, to `target_key_id`."""
    rows = sum(model._base_manager.count() for model in models_with_encrypted_fields())
    output = io.StringIO()
    with override_settings(PRIVACY_ACTIVE_KEY_ID=target_key_id):
        started = time.perf_counter()
        call_command("rotate_encryption_keys", "--restart", stdout=output)
        seconds = time.perf_counter() - started
    reencrypted = 0
    for line in output.getvalue().splitlines():
        if "values re-encrypted." in line:
            reencrypted += int(line.split(" rows checked, ")[1].split(" ")[0])
    result = Result(f"rotate_encryption_keys -> {target_key_id}")
    result.latencies_ms = [seconds * 1000]
    result.throughput = rows / seconds
    result.note = "ops/s = rows/s"
    summary = {
        "rows": rows,
        "values re-encrypted": reencrypted,
        "seconds": round(seconds, 1),
        "rows per second": round(rows / seconds),
        "values per second": round(reencrypted / seconds),
    }
    return [result], summary


def today() -> date:
    return timezone.localdate()


# --------------------------------------------------------------------------- campaign grouping

CAMPAIGN_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def _pairs(labels: dict) -> set[tuple[str, str]]:
    """Every unordered pair of ids sharing a label."""
    members: dict = {}
    for item, label in labels.items():
        members.setdefault(label, []).append(item)
    return {
        (a, b) if a < b else (b, a)
        for items in members.values()
        for i, a in enumerate(items)
        for b in items[i + 1 :]
    }


def grouping_scores(truth: dict[str, int]) -> dict[str, float]:
    """Pair precision and recall of the current groups against the planted campaigns: a pair
    of cases in one group is right when both are copies of one campaign."""
    groups = {
        str(case_id): group_id
        for case_id, group_id in CaseSignature.objects.filter(group__isnull=False).values_list(
            "case_id", "group_id"
        )
    }
    found, planted = _pairs(groups), _pairs(truth)
    right = len(found & planted)
    return {
        "precision": right / len(found) if found else 1.0,
        "recall": right / len(planted) if planted else 1.0,
        "pairs found": len(found),
        "pairs planted": len(planted),
        "groups": len(set(groups.values())),
    }


def campaign_benchmark(*, repeat: int):
    """Sign and group the whole corpus (what `rebuild_similar_reports` does), score the groups
    against the planted campaigns at the stated threshold and around it, and time the outbox
    job that signs and groups one new case."""
    truth = campaign_truth()
    started = time.perf_counter()
    signed = rebuild_signatures()
    rebuild_seconds = time.perf_counter() - started
    rows = []
    for threshold in CAMPAIGN_THRESHOLDS:
        regroup_all(threshold=threshold)
        scores = grouping_scores(truth)
        stated = " (stated)" if threshold == minhash.THRESHOLD else ""
        rows.append(
            f"threshold {threshold:.1f}{stated}: precision {scores['precision']:.3f}, "
            f"recall {scores['recall']:.3f} ({scores['pairs found']:,} pairs in "
            f"{scores['groups']:,} groups, {scores['pairs planted']:,} planted)"
        )
    regroup_all()
    stated = grouping_scores(truth)
    # The job after a new report: sign one case and look up its candidates (index lookup).
    sample = list(CaseSignature.objects.order_by("case_id").values_list("case_id", flat=True))
    sample = random.Random(7).sample(sample, min(len(sample), max(repeat, 1)))  # nosec B311
    job = Result("sign + group one case (outbox job)")
    for case_id in sample:
        CaseSignature.objects.filter(case_id=case_id).update(signature=b"")  # force a re-sign
        t0 = time.perf_counter()
        refresh_case_signatures(case_ids=[case_id])
        job.latencies_ms.append((time.perf_counter() - t0) * 1000)
    summary = {
        "threshold": minhash.THRESHOLD,
        "precision": round(stated["precision"], 3),
        "recall": round(stated["recall"], 3),
        "planted campaign reports": len(truth),
        "groups": CampaignGroup.objects.count(),
        "cases signed": f"{CaseSignature.objects.count():,} of {signed:,}",
        "rebuild (sign + group every case) s": round(rebuild_seconds, 1),
        "by threshold": "\n  " + "\n  ".join(rows),
    }
    return [job], summary
