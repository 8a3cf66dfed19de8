"""Two web machines behind one proxy: a reporter's requests land on either, so a challenge,
a draft and its one send must hold on whichever machine comes next. Two gunicorn processes
run the production settings on one database with the same keys, as two machines would."""

import contextlib
import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F

from cases.models import Report
from cms.demo import seed_home_page
from reporting.models import ReportDraft
from reporting.pow import solve
from tests.api.client import report_body
from tests.deploy import servers
from tests.factories import SchoolFactory

DATABASE_CACHE = "django.core.cache.backends.db.DatabaseCache"
# What nginx adds (deploy/nginx/equity-proxy.conf): the request came over HTTPS.
FROM_THE_PROXY = {"X-Forwarded-Proto": "https", "Content-Type": "application/json"}


class Machine:
    """One web machine, spoken to as the proxy would."""

    def __init__(self, web: servers.Gunicorn):
        self.web = web

    def get(self, path: str) -> servers.Answer:
        return servers.fetch("127.0.0.1", self.web.port, path, headers=FROM_THE_PROXY)

    def post(self, path: str, body: dict | None = None) -> servers.Answer:
        return servers.fetch(
            "127.0.0.1",
            self.web.port,
            path,
            method="POST",
            body=json.dumps(body or {}).encode(),
            headers=FROM_THE_PROXY,
        )

    def proof(self, kind: str = "draft") -> dict[str, str]:
        challenge = json.loads(self.post(f"/api/public/{kind}-tokens").body)
        return {
            "token": challenge["token"],
            "work": solve(challenge["token"], challenge["difficulty"]),
        }


@pytest.fixture(scope="module")
def two_machines(django_db_setup, tmp_path_factory):
    """Machines A and B for the module's tests, on the test database."""
    if connection.vendor != "postgresql":
        pytest.skip(servers.POSTGRESQL_ONLY)
    folder = tmp_path_factory.mktemp("machines")
    with contextlib.ExitStack() as machines:
        machines.callback(servers.forget_published_jobs)  # last, once both have stopped
        webs = []
        for name in ("a", "b"):
            env = servers.production_environment(
                media_root=folder / "media",  # shared, as an NFS mount would be
                static_root=folder / "static",
                bind=f"127.0.0.1:{servers.free_port()}",
            )
            if not webs:
                servers.install(env)
            log = folder / f"gunicorn-{name}.log"
            webs.append(machines.enter_context(servers.running_gunicorn(env=env, log=log)))
        yield [Machine(web) for web in webs]


def _as_if_typed_for_a_minute(*drafts: str) -> None:
    """The bot check refuses a draft sent within 10 s of its start; a person takes longer.
    This test is about processes, so the drafts are aged rather than waited for."""
    ReportDraft.objects.filter(pk__in=drafts).update(
        created_at=F("created_at") - timedelta(minutes=1)
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_started_on_one_machine_is_sent_on_the_other_once(two_machines):
    a, b = two_machines
    school = SchoolFactory()

    # A challenge from one machine is solved and spent on the other.
    on_a = a.post("/api/public/drafts", b.proof())
    on_b = b.post("/api/public/drafts", a.proof())
    assert (on_a.status, on_b.status) == (201, 201), on_a.body + on_b.body
    draft_a, draft_b = json.loads(on_a.body)["draft"], json.loads(on_b.body)["draft"]
    _as_if_typed_for_a_minute(draft_a, draft_b)

    sent_from_a_draft = b.post("/api/public/reports", {"draft": draft_a, **report_body(school)})
    sent_from_b_draft = a.post(
        "/api/public/reports",
        {"draft": draft_b, **report_body(school, narrative="Second report, other machine.")},
    )
    again = a.post("/api/public/reports", {"draft": draft_a, **report_body(school)})
    spent = b.proof()
    first_use = a.post("/api/public/drafts", spent)
    replayed = b.post("/api/public/drafts", spent)

    assert (sent_from_a_draft.status, sent_from_b_draft.status) == (201, 201)
    assert again.status == 409  # one report per draft, whichever machine is asked
    assert (first_use.status, replayed.status) == (201, 400)  # a challenge works once
    assert sorted(report.narrative for report in Report.objects.all()) == [
        "Second report, other machine.",
        "Zephyrine was mocked for her hijab every lunch.",
    ]
    receipt = json.loads(sent_from_a_draft.body)["receipt"]
    status = a.post("/api/public/status", {"receipt": receipt, **b.proof("status")})
    assert status.status == 200, status.body
    assert json.loads(status.body)["status"]["label"] == "Received"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editors_change_to_the_home_page_reaches_the_other_machine(two_machines, settings):
    a, b = two_machines
    home = seed_home_page()
    links_before = {machine: _info_links(machine) for machine in (a, b)}
    assert links_before[a] == links_before[b]
    assert links_before[a]  # the home page lists its information pages

    # The editor's save runs on a third process with the production cache; Wagtail clears the
    # home page's cached root path there, which a per-process cache would not see.
    settings.CACHES = {"default": {"BACKEND": DATABASE_CACHE, "LOCATION": "django_cache"}}
    home.slug = "welcome"
    home.save()

    assert _info_links(b) == links_before[a]
    assert _info_links(a) == links_before[a]


def _info_links(machine: Machine) -> list[str]:
    page = machine.get("/")
    assert page.status == 200, page.body[:300]
    return re.findall(r'<li class="card"><a href="([^"]*)"', page.body.decode())
