"""As a reporter, I am told before I upload which files keep hidden details, and a picture
too large for the server is refused with a way out, without losing my answers."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting.models import DraftEvidence
from tests.evidence_files import COMMENT, jpeg_with_comment_and_gps, png_bomb
from tests.reporting.portal import Reporter, good_answers

pytestmark = pytest.mark.django_db


def test_the_evidence_step_says_which_files_keep_their_details_before_upload(client):
    reporter = Reporter(client)
    reporter.start()
    for step, fields in list(good_answers().items())[:4]:
        reporter.post(step, **fields)

    page = reporter.html()

    assert "Step 5 of 8" in page
    assert "PDF files, MP3, M4A, WAV and Ogg audio, and MP4 and MOV videos" in page
    assert "WebM videos, and audio or video files we cannot read, are kept exactly as sent" in page


def test_a_huge_picture_is_refused_with_a_way_out_and_the_answers_are_kept(client):
    reporter = Reporter(client)
    reporter.start()
    reporter.post("story", nav="stay", narrative="They wrote a slur on my locker.")
    bomb = SimpleUploadedFile("locker.png", png_bomb(12000), content_type="image/png")
    photo = SimpleUploadedFile("hallway.jpg", jpeg_with_comment_and_gps(), "image/jpeg")

    reporter.post("evidence", nav="stay", files=[bomb, photo])

    page = reporter.html()
    assert (
        "locker.png: This picture is too large (144 megapixels). "
        "Please send a smaller photo or a screenshot."
    ) in page
    staged = DraftEvidence.objects.get()
    assert staged.meta["name"] == "hallway.jpg"
    with staged.file.open("rb") as handle:
        assert COMMENT not in handle.read()
    reporter.post("evidence", nav="back")
    assert "They wrote a slur on my locker." in reporter.html()
