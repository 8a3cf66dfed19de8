"""The evidence pipeline keeps what a file shows and drops what it hides: an author, a
comment, a GPS position, the date a recording was made. A picture too large to decode safely
is refused from its header alone."""

import io
import wave

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from cases.evidence_rules import prepare_evidence
from tests.evidence_files import (
    AUTHOR,
    COMMENT,
    MP3_FRAME,
    MP4_MEDIA,
    PLACE,
    gif_with_comment,
    jpeg_with_comment_and_gps,
    mp3_with_tags,
    mp4_with_place,
    pdf_with_author,
    png_bomb,
    upload,
    webm_with_title,
)


def prepare(name: str, data: bytes) -> tuple[bytes, dict]:
    return prepare_evidence(upload(name, data))


@pytest.fixture
def decoded(monkeypatch):
    """The images Pillow decodes (ImageFile.load), so a test can say none was."""
    calls = []
    real_load = ImageFile.ImageFile.load

    def load(image):
        calls.append(image.size)
        return real_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return calls


def test_a_12000_by_12000_png_is_refused_from_its_header_without_being_decoded(decoded):
    bomb = png_bomb(12000)
    assert len(bomb) < 1024 * 1024  # small on the wire, 432 MB once decoded

    with pytest.raises(ValidationError) as refusal:
        prepare("screenshot.png", bomb)

    assert refusal.value.messages == [
        "This picture is too large (144 megapixels). Please send a smaller photo or a screenshot."
    ]
    assert decoded == []


def test_an_ordinary_photo_is_decoded_and_kept(decoded):
    data, meta = prepare("photo.png", png_bomb(64))

    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (64, 64)
    assert meta["metadata_stripped"] is True
    assert set(decoded) == {(64, 64)}  # the spy sees real decoding


def test_a_jpeg_loses_its_comment_and_its_gps_position_but_keeps_its_picture():
    data, meta = prepare("hallway.jpg", jpeg_with_comment_and_gps())

    assert COMMENT not in data
    with Image.open(io.BytesIO(data)) as image:
        assert "comment" not in image.info
        assert not image.getexif()
        assert image.size == (32, 24)
    assert meta["content_type"] == "image/jpeg"
    assert meta["metadata_stripped"] is True


@pytest.mark.parametrize("frames", [1, 3])
def test_a_gif_loses_its_comment_and_an_animation_keeps_its_frames(frames):
    data, meta = prepare("chat.gif", gif_with_comment(frames))

    assert COMMENT not in data
    with Image.open(io.BytesIO(data)) as image:
        assert "comment" not in image.info
        assert getattr(image, "n_frames", 1) == frames
    assert meta["metadata_stripped"] is True


def test_a_png_loses_its_text_chunks_and_xmp():
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", AUTHOR)
    text.add_itxt("XML:com.adobe.xmp", f"<dc:creator>{AUTHOR}</dc:creator>")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, "PNG", pnginfo=text)

    data, _ = prepare("screenshot.png", buffer.getvalue())

    assert AUTHOR.encode() not in data


def test_a_pdf_keeps_its_pages_and_loses_its_author_and_xmp():
    original = pdf_with_author(pages=3)
    assert AUTHOR.encode() in original

    data, meta = prepare("notes.pdf", original)

    assert AUTHOR.encode() not in data
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 3
    assert reader.metadata is None
    assert reader.xmp_metadata is None
    assert meta["content_type"] == "application/pdf"
    assert meta["metadata_stripped"] is True


def test_a_pdf_that_cannot_be_read_is_refused_with_a_way_out():
    broken = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    with pytest.raises(ValidationError) as refusal:
        prepare("notes.pdf", broken)

    assert refusal.value.messages == [
        "This PDF could not be read, so we could not remove the hidden details in it (such as "
        "the author). Please save it again as a PDF, or send a screenshot."
    ]


def test_a_pdf_behind_a_password_is_refused_with_a_way_out():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("only-i-know")
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(ValidationError, match="protected by a password"):
        prepare("locked.pdf", buffer.getvalue())


def test_an_mp3_loses_its_id3_tags_and_keeps_its_audio():
    data, meta = prepare("voice memo.mp3", mp3_with_tags())

    assert AUTHOR.encode() not in data
    assert not data.startswith(b"ID3")
    assert data == MP3_FRAME * 12
    assert meta["metadata_stripped"] is True


def test_a_wav_loses_its_info_chunk_and_still_plays():
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(b"\x01\x02" * 400)
    artist = AUTHOR.encode() + b"\x00"
    info = b"INFO" + b"IART" + len(artist).to_bytes(4, "little") + artist
    riff = buffer.getvalue() + b"LIST" + len(info).to_bytes(4, "little") + info
    riff = riff[:4] + (len(riff) - 8).to_bytes(4, "little") + riff[8:]

    data, meta = prepare("recording.wav", riff)

    assert AUTHOR.encode() not in data
    with wave.open(io.BytesIO(data)) as recording:
        assert recording.readframes(400) == b"\x01\x02" * 400
    assert meta["metadata_stripped"] is True


def test_a_phone_video_loses_its_place_and_recording_date_and_keeps_its_media():
    original = mp4_with_place()

    data, meta = prepare("lunch.mp4", original)

    assert PLACE not in data
    assert (3_800_000_000).to_bytes(4, "big") not in data
    assert len(data) == len(original)  # blanked in place: the media offsets still hold
    assert data.endswith(MP4_MEDIA)
    assert meta["content_type"] == "video/mp4"
    assert meta["metadata_stripped"] is True


def test_a_webm_video_is_kept_as_sent_and_marked_not_cleaned():
    original = webm_with_title()

    data, meta = prepare("clip.webm", original)

    assert data == original
    assert meta["metadata_stripped"] is False


def test_an_mp4_that_cannot_be_parsed_is_kept_as_sent_and_marked_not_cleaned():
    header = mp4_with_place()[:24]  # the ftyp box
    broken = header + (9999).to_bytes(4, "big") + b"moov" + bytes(40)  # runs past the end

    data, meta = prepare("clip.mp4", broken)

    assert data == broken
    assert meta["metadata_stripped"] is False


def test_a_photo_cleaned_twice_stays_sharp_enough_to_read_small_writing():
    # A staged portal upload is cleaned again when the report is sent.
    noise = Image.effect_noise((256, 256), 64).convert("RGB")
    sent = io.BytesIO()
    noise.save(sent, format="JPEG", quality=95)
    once, _ = prepare("wall.jpg", sent.getvalue())
    twice, _ = prepare("wall.jpg", once)

    original = noise.tobytes()
    stored = Image.open(io.BytesIO(twice)).convert("RGB").tobytes()
    mean_error = sum(abs(a - b) for a, b in zip(original, stored, strict=True)) / len(original)
    assert mean_error < 4
