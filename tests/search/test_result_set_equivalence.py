"""The token index shaped for top-K finds exactly the cases the plain token semi-join found.

`DatabaseBackend.narrow` now reads token rows within the officer's scope (copied district and
school ids) and intersects several words from the rarest. The reference below is the query it
replaced: every word's token rows, whatever the district, intersected with the visible cases.
Both run on a corpus from the bench generator, for officers of every kind of scope."""

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from bench import benchmarks, corpus
from bench.vocabulary import FIRST_NAMES
from cases.models import Case, Report
from cases.selectors.cases import cases_for_user
from cases.selectors.queue import case_queue, first_searched_cases
from cases.services.conflicts import declare_conflict
from cases.services.messages import record_reporter_message
from search.backends.base import CaseQuery
from search.models import CaseSearchToken
from search.selectors import search_case_queue

pytestmark = pytest.mark.django_db

SIZE = 1200
MESSAGE_WORD = "Quarterbackmessage"  # only in reporters' messages, never in a narrative
QUERIES = (
    "slur",  # common
    "hallway",  # common
    "synagogue",  # rare
    "interpreter",  # rare
    "burla",  # in Spanish narratives
    "mosque graffiti",  # two words
    "lunch table",  # two common words
    "hallway slur lunch",  # three words
    FIRST_NAMES[1],  # a name among the people involved
    MESSAGE_WORD,
    "xylophonequasar",  # no match
)


def reference_matches(user, text: str) -> set:
    """The previous `narrow`: one `pk IN (token rows)` per word, over every district."""
    query = CaseQuery(text=text)
    cases: QuerySet = cases_for_user(user=user)
    if query.has_unsearchable_text:
        return set()
    for token in query.tokens:
        cases = cases.filter(pk__in=CaseSearchToken.objects.filter(token=token).values("case_id"))
    if query.case_number:
        cases = cases.filter(number__iexact=query.case_number)
    return set(cases.values_list("pk", flat=True))


def backend_matches(user, text: str) -> set:
    found = search_case_queue(user=user, text=text, visible=cases_for_user(user=user))
    return set(found.values_list("pk", flat=True))


@pytest.fixture
def bench_corpus(django_capture_on_commit_callbacks):
    info = corpus.generate_corpus(size=SIZE, seed=11, batch_size=400, progress=lambda _: None)
    with django_capture_on_commit_callbacks(execute=True):
        for report in Report.objects.order_by("pk")[:40]:
            record_reporter_message(report=report, body=f"{MESSAGE_WORD} saw it happen.")
    return info


def officers(districts):
    by_size = sorted(districts, key=lambda d: d.cases.count(), reverse=True)
    largest, second = by_size[0], by_size[1]
    school = largest.schools.order_by("pk").first()
    district_officer = benchmarks.bench_user(username="eq.district", districts=[largest])
    # One conflict of interest: that case must stay hidden on both paths.
    conflicted = Case.objects.filter(district=largest).order_by("pk").first()
    declare_conflict(case=conflicted, officer=district_officer, reason="My neighbour's child.")
    superuser = benchmarks.bench_user(username="eq.superuser", districts=districts)
    superuser.is_superuser = True
    superuser.save(update_fields=["is_superuser"])
    return {
        "district officer": district_officer,
        "school officer": benchmarks.bench_user(username="eq.school", school=school),
        "two districts": benchmarks.bench_user(username="eq.two", districts=[largest, second]),
        "superuser": superuser,
    }


def test_the_scoped_rarest_first_index_finds_the_same_cases_as_the_plain_semi_join(
    bench_corpus,
):
    districts = corpus.corpus_districts()
    assert len(districts) >= 2
    users = officers(districts)
    case_number = Case.objects.filter(district=districts[0]).order_by("pk").first().number
    differences, found_something = [], set()
    for who, user in users.items():
        for text in (*QUERIES, case_number):
            expected, got = reference_matches(user, text), backend_matches(user, text)
            if expected != got:
                differences.append((who, text, len(expected), len(got)))
            if got:
                found_something.add(text)
    assert differences == []
    # Not vacuous: every kind of query but the no-match one finds cases for someone.
    assert found_something == {*QUERIES, case_number} - {"xylophonequasar"}


def test_the_first_matches_read_in_queue_order_are_the_queues_own_first_rows(bench_corpus):
    """The searched queue's first pages come from the token index in the queue's order
    (`first_searched_cases`): the same cases, in the same order, as sorting every match."""
    districts = corpus.corpus_districts()
    users = officers(districts)
    today, differences, compared = timezone.localdate(), [], 0
    for who, user in users.items():
        for text in QUERIES:
            for limit in (7, 1001):
                first = first_searched_cases(user=user, today=today, search=text, limit=limit)
                queue = case_queue(user=user, today=today, search=text)
                expected = list(queue.values_list("pk", flat=True)[:limit])
                if first.pks != expected:
                    differences.append((who, text, limit, len(expected), len(first.pks)))
                compared += len(expected)
    assert differences == []
    assert compared > 1000  # not vacuous


def test_a_hidden_case_among_the_first_matches_is_skipped_and_the_page_still_fills(
    bench_corpus,
):
    """Token rows are a superset of what an officer sees: a conflict of interest on the very
    first match must not show, nor leave the first page short."""
    largest = max(corpus.corpus_districts(), key=lambda d: d.cases.count())
    officer = benchmarks.bench_user(username="eq.conflicted", districts=[largest])
    today = timezone.localdate()
    general = list(case_queue(user=officer, today=today, search="slur")[:6])
    declare_conflict(case=general[0], officer=officer, reason="My own child is involved.")

    first = first_searched_cases(user=officer, today=today, search="slur", limit=5)

    assert [case.pk for case in first] == [case.pk for case in general[1:6]]
    assert general[0].pk not in first.pks


def test_a_case_number_takes_the_general_path(bench_corpus):
    officer = benchmarks.bench_user(username="eq.number", districts=corpus.corpus_districts())
    number = Case.objects.order_by("pk").first().number
    today = timezone.localdate()
    assert first_searched_cases(user=officer, today=today, search=number, limit=10) is None
