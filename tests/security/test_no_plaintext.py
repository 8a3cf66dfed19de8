"""A stolen copy of the database or of the evidence folder reveals nothing a reporter wrote.

Distinctive strings are planted through every path that stores words (the report form, a
reporter's reply, an officer's message, a note, findings, evidence, the identity a reporter
shares later, an officer's reason to reveal it, a declared conflict's reason, the words an
officer watches with a saved search, an outcome notice, the reporter's answer to a check-in,
the signatures of similar reports) and then searched for in a full dump of the database and in
every file under the media folder. A saved search keeps only the blind-index tokens of its
words, made with the key and normalisation of the case index.
"""

import os
import re
import shutil
import subprocess  # pg_dump with fixed arguments
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from alerts.models import SavedSearch
from alerts.services import create_saved_search
from campaigns import minhash
from campaigns.grouping import refresh_case_signatures
from campaigns.models import CaseSignature, SignatureBucket
from cases.models import Case, EvidenceFile, IdentityDisclosure
from cases.services.conflicts import declare_conflict
from cases.services.identity_reveal import request_identity_reveal
from cases.services.messages import send_message_to_reporter
from cases.services.workflow import add_case_note, change_case_status, record_findings
from outcomes.models import CheckIn
from outcomes.services import ask_due_check_ins, issue_outcome_notice
from privacy.blind_index import blind_tokens, query_tokens
from search.backends.database import DatabaseBackend
from search.models import CaseSearchToken, TokenSource
from tests.factories import SchoolFactory, staff_user, submit_report
from tests.reporting.portal import Reporter, check_receipt, good_answers, small_png
from tests.staff import login_staff

pytestmark = pytest.mark.django_db

PLANTED = (
    "Zephyrine",  # narrative
    "Avery Quill",  # people involved
    "nightowl.parent",  # contact email
    "555-0199",  # contact phone
    "Quasimodoreply",  # reporter's reply
    "Ophelianquestion",  # officer's message
    "Marchbanksnote",  # case note
    "Thistlewoodfinding",  # findings
    "Gallowgladeaction",  # actions taken
    "planted-evidence-name",  # evidence file name
    "Bellatrixidentity",  # the name a reporter shares later
    "identity.mailbox",  # its e-mail
    "Fennimorereason",  # an officer's reason to reveal it
    "Hollingsworthconflict",  # an officer's reason to declare a conflict of interest
    "Wolfsbanewatch",  # a word an officer watches with a saved search
    "Wintercressoutcome",  # an outcome notice to the reporter
    "Pemberleyanswer",  # the reporter's answer to a retaliation check-in
)


def _sqlite_dump() -> str:
    return "\n".join(connection.connection.iterdump())


def _postgres_dump() -> str:
    pg_dump = shutil.which("pg_dump")
    params = connection.get_connection_params()
    if pg_dump:
        env = {**os.environ, "PGPASSWORD": str(params.get("password") or "")}
        command = [pg_dump, "--data-only", "--dbname", connection.settings_dict["NAME"]]
        for flag, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
            if params.get(key):
                command += [flag, str(params[key])]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode == 0:
            return result.stdout
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - introspected names
            rows.append(repr(cursor.fetchall()))
    return "\n".join(rows)


def database_dump() -> str:
    return _sqlite_dump() if connection.vendor == "sqlite" else _postgres_dump()


def _plant_everything(client):
    school = SchoolFactory()
    reporter = Reporter(client)
    reporter.start()
    answers = good_answers(school)
    answers["story"] = {"narrative": "Zephyrine was pushed into the lockers after class."}
    reporter.fill_all(answers, files=[small_png("planted-evidence-name.png")])
    reporter.submit()
    receipt = reporter.receipt()
    check_receipt(client, receipt)
    client.post("/report/status/", {"action": "reply", "body": "Quasimodoreply saw it too"})
    client.post(
        "/report/status/",
        {"action": "identity", "name": "Bellatrixidentity", "email": "identity.mailbox@x.org"},
    )

    officer = staff_user(district=school.district)
    case = Case.objects.get()
    report = case.reports.get()
    send_message_to_reporter(report=report, body="Ophelianquestion: when?", author=officer)
    add_case_note(case=case, body="Marchbanksnote called home", author=officer)
    record_findings(
        case=case,
        findings="Thistlewoodfinding substantiated",
        actions_taken="Gallowgladeaction training",
        actor=officer,
        expected_version=case.version,
    )
    request_identity_reveal(
        case=case,
        disclosure=IdentityDisclosure.objects.get(report=report),
        requester=officer,
        reason="Fennimorereason: to call back",
    )
    declare_conflict(
        case=case,
        officer=staff_user(district=school.district),
        reason="Hollingsworthconflict is my neighbour",
    )
    case.refresh_from_db()
    case = change_case_status(
        case=case, to_status="triage", actor=officer, expected_version=case.version
    )
    issue_outcome_notice(
        case=case,
        language="en",
        body="Wintercressoutcome: the students will apologise.",
        actor=officer,
        expected_version=case.version,
    )
    first = CheckIn.objects.order_by("due_on").first()
    ask_due_check_ins(today=first.due_on)
    client.post(
        "/report/status/",
        {
            "action": "check_in",
            "check_in": str(first.pk),
            "happened": "yes",
            "details": "Pemberleyanswer followed me home",
        },
    )
    assert CheckIn.objects.get(pk=first.pk).happened is True
    create_saved_search(owner=officer, label="Watched in the service", words="Wolfsbanewatch")
    login_staff(client, officer)  # and through the screen, as an officer saves one
    saved = client.post(
        reverse("saved_searches:add"), {"label": "Watched", "words": "Wolfsbanewatch Zephyrine"}
    )
    assert saved.status_code == 302
    return receipt


def test_a_database_dump_contains_none_of_the_planted_words(client):
    receipt = _plant_everything(client)

    dump = database_dump()

    assert "cases_report" in dump or "INSERT" in dump or "COPY" in dump  # the dump has data
    for secret in (*PLANTED, receipt, receipt.replace(" ", "")):
        assert secret not in dump, secret
    # A saved search holds the case index's own tokens of its words, and nothing else.
    assert sorted(SavedSearch.objects.values_list("tokens", flat=True)) == sorted(
        [query_tokens("Wolfsbanewatch"), query_tokens("Wolfsbanewatch Zephyrine")]
    )


# What the search index copies from the case so a first page is read from the index alone.
COPIED_CASE_COLUMNS = (
    "district_id",
    "school_id",
    "life_safety",
    "priority",
    "opened_on",
    "sequence",
)


def test_the_search_index_holds_keyed_tokens_and_copies_of_structured_columns_only(client):
    _plant_everything(client)
    DatabaseBackend().index_cases(Case.objects.values_list("pk", flat=True))

    columns = {field.column for field in CaseSearchToken._meta.concrete_fields}
    assert columns == {"id", "case_id", "token", "source", *COPIED_CASE_COLUMNS}
    rows = list(
        CaseSearchToken.objects.values_list("case_id", "token", "source", *COPIED_CASE_COLUMNS)
    )
    assert rows
    cases = {case.pk: case for case in Case.objects.all()}
    for case_id, token, source, *copied in rows:
        # The one text column is a keyed token; the rest are ids, flags, numbers and a day.
        assert re.fullmatch(r"[0-9a-f]{32}", token), token
        assert source in TokenSource.values
        assert tuple(copied) == tuple(getattr(cases[case_id], c) for c in COPIED_CASE_COLUMNS)
    dump = database_dump()
    for secret in PLANTED:
        assert secret not in dump, secret


def test_evidence_files_on_disk_contain_none_of_the_planted_words(client):
    _plant_everything(client)
    folders = {Path(settings.MEDIA_ROOT)} | {
        Path(evidence.file.path).parent for evidence in EvidenceFile.objects.all()
    }
    files = {path for folder in folders for path in folder.rglob("*") if path.is_file()}

    assert files
    for path in files:
        content = path.read_bytes()
        # The 8-byte PNG signature: a shorter marker ("IHDR") turns up by chance in megabytes
        # of ciphertext from the other tests' files.
        assert b"\x89PNG\r\n\x1a\n" not in content
        for secret in PLANTED:
            assert secret not in path.name
            assert secret.encode() not in content


CAMPAIGN_NARRATIVE = (
    "Zephyrine and Quillonbury were cornered by the Marchbanks twins behind the portable "
    "classrooms every lunch this week, called slurs about their hijabs and filmed on phones"
)


def test_campaign_signatures_hold_no_word_and_need_the_blind_index_key():
    """The similar-report signatures are MinHash values over keyed blind-index tokens: the
    dump holds no planted word, and the same text signed under another key (an attacker
    without PRIVACY_BLIND_INDEX_KEY hashing guessed words) gives other values."""
    school = SchoolFactory()
    cases = [
        submit_report(school=school, narrative=CAMPAIGN_NARRATIVE + suffix).case
        for suffix in ("", " again")
    ]
    refresh_case_signatures(case_ids=[case.pk for case in cases])
    stored = CaseSignature.objects.get(case=cases[0])

    dump = database_dump()

    assert stored.group_id is not None
    assert SignatureBucket.objects.filter(case=cases[0]).count() == minhash.BANDS
    for word in ("Zephyrine", "Quillonbury", "Marchbanks", "hijab", "portable"):
        assert word not in dump
        assert word.casefold() not in dump.casefold()
    guessed = minhash.signature(blind_tokens(CAMPAIGN_NARRATIVE, key=b"guessed-key" * 3))
    assert minhash.similarity(guessed, minhash.unpack(stored.signature)) < 0.1
    assert set(minhash.buckets(guessed)).isdisjoint(
        SignatureBucket.objects.values_list("bucket", flat=True)
    )
