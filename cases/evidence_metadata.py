"""Hidden details removed from PDF, audio and video evidence, offline and in memory.

A document's author, a phone video's GPS position or the date a recording was made can name
a reporter. Each cleaner takes the bytes of one file and returns them without that metadata,
or raises CannotClean when it cannot read the file; evidence_rules decides what then happens.
Images are cleaned in evidence_rules itself, where the pixel limit is checked.
"""

import io

import mutagen
import mutagen.apev2
import mutagen.id3
from pypdf import PasswordType, PdfReader, PdfWriter


class CannotClean(Exception):
    """The file could not be parsed, so its metadata could not be removed."""


class PasswordProtected(CannotClean):
    """A PDF that needs a password to open."""


def clean_pdf(data: bytes) -> bytes:
    """The pages, outline and form fields of a PDF, without its document info or XMP.

    The pages are copied into a new document (not cloned), so the old information dictionary
    is not carried along as an unreferenced object that a text search would still find.
    """
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise PasswordProtected
        writer = PdfWriter()
        writer.append(reader)
        writer.metadata = None  # also drops the "Producer: pypdf" a new writer adds
        writer.xmp_metadata = None
        for page in writer.pages:
            for key in ("/Metadata", "/PieceInfo"):
                if key in page:
                    del page[key]
        out = io.BytesIO()
        writer.write(out)
    except CannotClean:
        raise
    except Exception as error:  # untrusted input: pypdf raises more than its own errors
        raise CannotClean from error
    if len(writer.pages) != len(reader.pages):
        raise CannotClean
    return out.getvalue()


def clean_mp3(data: bytes) -> bytes:
    """MPEG audio without ID3 (v1 and v2) or APEv2 tags; the audio frames are untouched."""
    buffer = io.BytesIO(data)
    try:
        mutagen.id3.delete(buffer, delete_v1=True, delete_v2=True)
        mutagen.apev2.delete(buffer)
    except Exception as error:
        raise CannotClean from error
    return buffer.getvalue()


def clean_ogg(data: bytes) -> bytes:
    """Ogg Vorbis/Opus/FLAC/Speex/Theora without their comments (title, artist, location)."""
    buffer = io.BytesIO(data)
    try:
        audio = mutagen.File(buffer)
        if audio is None:
            raise CannotClean
        buffer.seek(0)
        audio.delete(buffer)
    except CannotClean:
        raise
    except Exception as error:
        raise CannotClean from error
    return buffer.getvalue()


# WAV chunks that carry the sound; LIST/INFO (artist, software, comments), "id3 ", "bext"
# (broadcast originator, date) and any other chunk are left out.
WAV_CHUNKS_KEPT = {b"fmt ", b"fact", b"data"}


def clean_wav(data: bytes) -> bytes:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise CannotClean
    kept = []
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        end = position + 8 + size
        if end > len(data):
            raise CannotClean
        if kind in WAV_CHUNKS_KEPT:
            kept.append(data[position:end] + (b"\x00" if size % 2 else b""))
        position = end + size % 2
    if not any(chunk.startswith(b"data") for chunk in kept):
        raise CannotClean
    body = b"WAVE" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


# ISO base media (MP4, M4A, MOV). Metadata boxes are blanked in place, renamed "free" and
# zeroed, rather than removed: every offset into the media data stays valid, so nothing has
# to be rewritten. udta holds Android's GPS (©xyz), camera make and date; meta holds iTunes
# tags and Apple's com.apple.quicktime.location; uuid boxes hold XMP.
MP4_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf"}
MP4_BLANKED = {b"udta", b"meta", b"uuid", b"XMP_"}
# Full boxes whose creation and modification times tell when the recording was made.
MP4_TIMESTAMPED = {b"mvhd", b"tkhd", b"mdhd"}


def clean_mp4(data: bytes) -> bytes:
    buffer = bytearray(data)
    _clean_boxes(buffer, 0, len(buffer), top_level=True)
    return bytes(buffer)


def _clean_boxes(buffer: bytearray, start: int, end: int, *, top_level: bool = False) -> None:
    position = start
    while position + 8 <= end:
        size = int.from_bytes(buffer[position : position + 4], "big")
        kind = bytes(buffer[position + 4 : position + 8])
        header = 8
        if size == 1:
            size = int.from_bytes(buffer[position + 8 : position + 16], "big")
            header = 16
        elif size == 0 and top_level:
            size = end - position  # the last box runs to the end of the file
        if size < header or position + size > end:
            raise CannotClean
        body, box_end = position + header, position + size
        if kind in MP4_BLANKED:
            buffer[position + 4 : position + 8] = b"free"
            buffer[body:box_end] = bytes(box_end - body)
        elif kind in MP4_CONTAINERS:
            _clean_boxes(buffer, body, box_end)
        elif kind in MP4_TIMESTAMPED and box_end - body >= 4:
            width = 8 if buffer[body] == 1 else 4  # version 1 boxes have 64-bit times
            times_end = min(body + 4 + 2 * width, box_end)
            buffer[body + 4 : times_end] = bytes(times_end - body - 4)
        position = box_end
    if position != end and not top_level:
        raise CannotClean
