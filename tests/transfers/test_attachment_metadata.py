"""A transfer officer's attachment goes through the evidence pipeline: the other district
downloads it without its GPS position, and it is never written to disk in plaintext."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.evidence_files import COMMENT, jpeg_with_comment_and_gps
from tests.staff import login_staff
from tests.transfers.factories import transfer_world
from transfers.models import TransferMessage

pytestmark = pytest.mark.django_db


def _url(transfer, suffix=""):
    return f"/admin/transfers/{transfer.pk}/{suffix}"


def _send(client, world, attachment):
    login_staff(client, world.sending_transfer)
    return client.post(
        _url(world.transfer, "messages/"),
        {"body": "Photo of the locker, as promised.", "attachment": attachment},
    )


@pytest.fixture
def no_temporary_files(settings, tmp_path):
    """Django's own handlers would spool every upload to a folder that does not exist."""
    settings.FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.TemporaryFileUploadHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "missing")


def test_the_other_district_downloads_the_photo_without_its_gps(client, no_temporary_files):
    world = transfer_world()
    photo = SimpleUploadedFile("locker.jpg", jpeg_with_comment_and_gps(), "image/jpeg")

    response = _send(client, world, photo)

    assert response.status_code == 302
    message = TransferMessage.objects.get()
    assert message.attachment_meta["metadata_stripped"] is True
    login_staff(client, world.receiving_transfer)
    page = client.get(_url(world.transfer)).content.decode()
    assert "locker.jpg" in page
    assert "metadata not removed" not in page
    download = client.get(_url(world.transfer, f"messages/{message.pk}/attachment/"))
    assert download.status_code == 200
    assert COMMENT not in download.content
    with Image.open(io.BytesIO(download.content)) as image:
        assert not image.getexif()


def test_an_attachment_over_the_size_limit_is_refused_and_the_message_kept(client, monkeypatch):
    monkeypatch.setattr("cases.uploads.MAX_FILE_BYTES", 10)  # cheaper than a 20 MB file
    world = transfer_world()
    photo = SimpleUploadedFile("locker.jpg", jpeg_with_comment_and_gps(), "image/jpeg")

    response = _send(client, world, photo)

    page = response.content.decode()
    assert response.status_code == 400
    assert "This file is larger than 20 MB." in page
    assert "Photo of the locker, as promised." in page
    assert not TransferMessage.objects.exists()
