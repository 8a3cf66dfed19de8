"""Evidence files built in the test, each carrying the kind of hidden detail a phone or an
office program writes: an author, a comment, a GPS position. No binary fixtures."""

import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from mutagen.id3 import ID3, TIT2, TPE1
from PIL import ExifTags, Image
from pypdf import PdfWriter

AUTHOR = "Marisol Quintero-Vance"
COMMENT = b"Taken by Marisol at Cedar Elementary"
# Where a phone stores the spot a video was filmed (ISO 6709, in the udta/(c)xyz box).
PLACE = b"+40.7411-073.9897/"
MP3_FRAME = b"\xff\xfb\x90\x64" + bytes(413)  # one silent MPEG-1 layer III frame
MP4_MEDIA = b"\x11" * 64


def pdf_with_author(pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=300, height=300)
    writer.add_metadata({"/Author": AUTHOR, "/Title": "Hallway notes"})
    writer.xmp_metadata = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
        + AUTHOR.encode()
        + b"</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def jpeg_with_comment_and_gps() -> bytes:
    exif = Image.Exif()
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (40.0, 44.0, 28.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (73.0, 59.0, 23.0)
    exif[ExifTags.Base.Model] = "Pixel 8"
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "orange").save(buffer, "JPEG", exif=exif, comment=COMMENT)
    return buffer.getvalue()


def gif_with_comment(frames: int = 1) -> bytes:
    images = [Image.new("RGB", (16, 16), color) for color in ("red", "green", "blue")[:frames]]
    buffer = io.BytesIO()
    extra = {"save_all": True, "append_images": images[1:], "duration": 80} if frames > 1 else {}
    images[0].save(buffer, "GIF", comment=COMMENT, **extra)
    return buffer.getvalue()


def mp3_with_tags() -> bytes:
    buffer = io.BytesIO(MP3_FRAME * 12)
    tags = ID3()
    tags.add(TPE1(encoding=3, text=AUTHOR))
    tags.add(TIT2(encoding=3, text="Recorded at Cedar Elementary"))
    tags.save(buffer)
    return buffer.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def mp4_with_place() -> bytes:
    """A phone video's layout: ftyp, moov (the movie header with its recording time, user
    data with the place), then the media data."""
    recorded = (3_800_000_000).to_bytes(4, "big")  # seconds since 1904: a date in 2024
    movie_header = _box(b"mvhd", bytes(4) + recorded + recorded + bytes(88))
    user_data = _box(b"udta", _box(b"\xa9xyz", b"\x00\x12\x15\xc7" + PLACE))
    return (
        _box(b"ftyp", b"mp42" + bytes(4) + b"mp42isom")
        + _box(b"moov", movie_header + user_data)
        + _box(b"mdat", MP4_MEDIA)
    )


def webm_with_title() -> bytes:
    """The start of a WebM file (EBML header, doctype "webm") and a title in its clear."""
    return b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm" + bytes(16) + b"\x7b\xa9" + COMMENT


def png_bomb(side: int = 12000) -> bytes:
    """A real side x side RGB PNG, all black: ~670 KB on the wire, 432 MB of pixels decoded
    (the review's 445 KB file). Each row is compressed once: after a full flush the deflate
    output of the same row repeats byte for byte, so the stream is built by repetition."""
    row = bytes(1 + 3 * side)  # filter byte + black pixels
    packer = zlib.compressobj(9)
    first = packer.compress(row) + packer.flush(zlib.Z_FULL_FLUSH)  # with the zlib header
    again = packer.compress(row) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = ((len(row) * side) % 65521) << 16 | 1  # Adler-32 of that many zero bytes
    data = first + again * (side - 1) + b"\x03\x00" + adler.to_bytes(4, "big")

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload).to_bytes(4, "big")
        return len(payload).to_bytes(4, "big") + kind + payload + crc

    header = side.to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
