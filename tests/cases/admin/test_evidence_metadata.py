"""An officer downloads a report's evidence and finds no author, comment or location in it;
where the portal could not remove them, the case page says so."""

import io

import pytest
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from tests.evidence_files import (
    AUTHOR,
    COMMENT,
    jpeg_with_comment_and_gps,
    mp3_with_tags,
    pdf_with_author,
    upload,
    webm_with_title,
)
from tests.factories import submit_report
from tests.staff import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, world):
    login_staff(client, world.staff["equity_officer"])
    return client


def _download(client, intake, name):
    evidence = next(e for e in intake.report.evidence.all() if e.meta["name"] == name)
    url = reverse("cases_admin:evidence_download", args=[intake.case.pk, evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def test_the_downloaded_files_hold_no_author_comment_or_location(officer_client, world):
    intake = submit_report(
        school=world.school,
        evidence=[
            upload("notes.pdf", pdf_with_author(pages=2)),
            upload("hallway.jpg", jpeg_with_comment_and_gps()),
            upload("voice memo.mp3", mp3_with_tags()),
        ],
    )

    pdf = _download(officer_client, intake, "notes.pdf")
    photo = _download(officer_client, intake, "hallway.jpg")
    memo = _download(officer_client, intake, "voice memo.mp3")

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert reader.metadata is None
    assert reader.xmp_metadata is None
    assert AUTHOR.encode() not in pdf
    assert COMMENT not in photo
    with Image.open(io.BytesIO(photo)) as image:
        assert not image.getexif()
    assert AUTHOR.encode() not in memo
    assert not memo.startswith(b"ID3")


def test_the_case_page_says_which_files_kept_their_metadata(officer_client, world):
    intake = submit_report(
        school=world.school,
        evidence=[upload("clip.webm", webm_with_title()), upload("notes.pdf", pdf_with_author())],
    )

    page = officer_client.get(reverse("cases_admin:detail", args=[intake.case.pk]))

    items = {
        line.split(">", 1)[1]
        for line in page.content.decode().split("<li>")
        if "clip.webm" in line or "notes.pdf" in line
    }
    webm = next(item for item in items if "clip.webm" in item)
    pdf = next(item for item in items if "notes.pdf" in item)
    assert "metadata not removed" in webm
    assert "metadata removed" in pdf
    assert "not removed" not in pdf
