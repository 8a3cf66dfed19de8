"""What evidence files we accept. The type is sniffed from the content, never from the name."""

import io
import struct
import warnings

import filetype
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence

from cases.evidence_metadata import (
    CannotClean,
    PasswordProtected,
    clean_mp3,
    clean_mp4,
    clean_ogg,
    clean_pdf,
    clean_wav,
)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILE_MB = MAX_FILE_BYTES // 2**20
MAX_FILES_PER_REPORT = 5
# The numbers every message about upload limits shows: "%(count)s files, %(size)s MB each".
UPLOAD_LIMITS = {"count": MAX_FILES_PER_REPORT, "size": MAX_FILE_MB}
# Pixels decoded for one image, all frames of an animation together. Checked from the header,
# before any decoding: a small compressed file can expand to gigabytes of pixels. 40
# megapixels is more than a phone camera takes (12-24 Mpx at 4 bytes each, ~160 MB at most).
MAX_IMAGE_PIXELS = 40_000_000

ALLOWED_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WEBP",
    "application/pdf": None,
    "audio/mpeg": None,
    "audio/x-wav": None,
    "audio/ogg": None,
    "audio/mp4": None,
    "audio/x-m4a": None,
    "video/mp4": None,
    "video/webm": None,
    "video/quicktime": None,
}


def _with_limits(message: str) -> str:
    return gettext(message) % UPLOAD_LIMITS


# A message marked with gettext_noop, translated when shown, with UPLOAD_LIMITS filled in:
# for texts defined at import time, such as a form field's help text.
with_upload_limits = lazy(_with_limits, str)


def too_large_message() -> str:
    """A file over MAX_FILE_BYTES, in the active language."""
    return _("This file is larger than %(size)s MB.") % UPLOAD_LIMITS


def too_many_files_message() -> str:
    """More files than MAX_FILES_PER_REPORT, in the active language."""
    return _("You can add at most %(count)s files.") % UPLOAD_LIMITS


def sniff_content_type(head: bytes) -> str | None:
    kind = filetype.guess(head)
    return kind.mime if kind else None


def check_evidence(data: bytes) -> str:
    """Return the sniffed content type, or raise a ValidationError a reporter can act on."""
    if not data:
        raise ValidationError(_("This file is empty."), code="empty")
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(too_large_message(), code="too_large")
    content_type = sniff_content_type(data[:8192])
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("This kind of file is not accepted. Send a photo, PDF, audio or video file."),
            code="type",
        )
    return content_type


# Frames of one animated image: each is a Python object once copied, however small.
MAX_IMAGE_FRAMES = 1000


def too_many_pixels_message(pixels: int | None = None) -> str:
    if pixels is None:
        return _("This picture is too large. Please send a smaller photo or a screenshot.")
    return _(
        "This picture is too large (%(megapixels)s megapixels). "
        "Please send a smaller photo or a screenshot."
    ) % {"megapixels": pixels // 1_000_000}


# What an image keeps of Pillow's `info` when re-encoded: how it is drawn and animated.
# Everything else (EXIF and its GPS, XMP, ICC profiles with their device text, JPEG and GIF
# comments, PNG text chunks) is dropped, because Pillow writes some of them back on save.
IMAGE_INFO_KEPT = {"transparency", "duration", "loop", "background", "disposal", "blend"}
# Pillow's default JPEG/WebP quality (75/80) blurs small writing in a photo of a wall or a
# screen; a portal upload is cleaned twice (staged, then sent), so keep it near lossless.
LOSSY_QUALITY = {"JPEG": {"quality": 95}, "WEBP": {"quality": 95}}


def _open_image(data: bytes) -> Image.Image:
    """Read the header only. Pillow's own bomb check warns below twice its (higher) limit and
    raises above it; our limit decides, before anything is decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as error:
            raise ValidationError(too_many_pixels_message(), code="too_many_pixels") from error
    frames = getattr(image, "n_frames", 1)
    if frames > MAX_IMAGE_FRAMES:
        raise ValidationError(too_many_pixels_message(), code="too_many_pixels")
    pixels = image.width * image.height * frames
    if pixels > MAX_IMAGE_PIXELS:
        raise ValidationError(too_many_pixels_message(pixels), code="too_many_pixels")
    return image


def _upright(image: Image.Image) -> Image.Image:
    """The image turned as its EXIF orientation says; as stored if that EXIF is unreadable,
    since the EXIF is dropped anyway."""
    try:
        return ImageOps.exif_transpose(image)
    except (SyntaxError, ValueError, KeyError, TypeError, struct.error):
        return image.copy()


def strip_image_metadata(data: bytes, content_type: str) -> tuple[bytes, bool]:
    """Re-encode an image with its pixels only; refuse one too large to decode safely."""
    pil_format = ALLOWED_TYPES[content_type]
    try:
        with _open_image(data) as image:
            if getattr(image, "n_frames", 1) > 1:  # animated GIF/WebP: every frame is kept
                frames = [frame.copy() for frame in ImageSequence.Iterator(image)]
            else:
                frames = [_upright(image)]
        for frame in frames:
            frame.info = {key: value for key, value in frame.info.items() if key in IMAGE_INFO_KEPT}
        out = io.BytesIO()
        extra = {"save_all": True, "append_images": frames[1:]} if len(frames) > 1 else {}
        frames[0].save(out, format=pil_format, **extra, **LOSSY_QUALITY.get(pil_format, {}))
        return out.getvalue(), True
    except (OSError, ValueError, EOFError, SyntaxError) as error:
        raise ValidationError(_("This image could not be read."), code="bad_image") from error


def unreadable_pdf_message() -> str:
    return _(
        "This PDF could not be read, so we could not remove the hidden details in it "
        "(such as the author). Please save it again as a PDF, or send a screenshot."
    )


def password_pdf_message() -> str:
    return _(
        "This PDF is protected by a password. Please send a copy without a password, "
        "or a screenshot."
    )


# The cleaners of the other accepted types. WebM (Matroska) has none: no offline Python
# library rewrites its tags, so a WebM file is kept as sent and marked "metadata not removed"
# (the evidence step says so before upload).
MEDIA_CLEANERS = {
    "audio/mpeg": clean_mp3,
    "audio/ogg": clean_ogg,
    "audio/x-wav": clean_wav,
    "audio/mp4": clean_mp4,
    "audio/x-m4a": clean_mp4,
    "video/mp4": clean_mp4,
    "video/quicktime": clean_mp4,
}


def strip_metadata(data: bytes, content_type: str) -> tuple[bytes, bool]:
    """The bytes to store and whether their hidden metadata was removed.

    An image or a PDF that cannot be read is refused: the reporter can re-save it or send a
    screenshot, and we never keep an author or a location we said we remove. An audio or video
    file that a cleaner cannot parse is kept as sent, marked not cleaned: a recording often
    cannot be made again, and the evidence step warns that such files may keep details.
    """
    if ALLOWED_TYPES.get(content_type):
        return strip_image_metadata(data, content_type)
    if content_type == "application/pdf":
        try:
            return clean_pdf(data), True
        except PasswordProtected as error:
            raise ValidationError(password_pdf_message(), code="pdf_password") from error
        except CannotClean as error:
            raise ValidationError(unreadable_pdf_message(), code="bad_pdf") from error
    cleaner = MEDIA_CLEANERS.get(content_type)
    if cleaner is None:
        return data, False
    try:
        return cleaner(data), True
    except CannotClean:
        return data, False


def prepare_evidence(upload) -> tuple[bytes, dict]:
    """Read, check and clean one upload; return the bytes to store and their (secret) metadata.
    Reporter evidence, staff evidence and transfer attachments all come through here."""
    data = upload.read()
    content_type = check_evidence(data)
    data, stripped = strip_metadata(data, content_type)
    meta = {
        "name": (upload.name or "file")[-120:],
        "content_type": content_type,
        "size": len(data),
        "metadata_stripped": stripped,
    }
    return data, meta
