"""What evidence files we accept. The type is sniffed from the content, never from the name."""

import io

import filetype
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILE_MB = MAX_FILE_BYTES // 2**20
MAX_FILES_PER_REPORT = 5
# The numbers every message about upload limits shows: "%(count)s files, %(size)s MB each".
UPLOAD_LIMITS = {"count": MAX_FILES_PER_REPORT, "size": MAX_FILE_MB}

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


def strip_image_metadata(data: bytes, content_type: str) -> tuple[bytes, bool]:
    """Re-encode images without EXIF/GPS or text chunks. Other types pass unchanged."""
    pil_format = ALLOWED_TYPES.get(content_type)
    if pil_format is None:
        return data, False
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            frames_kept = getattr(image, "n_frames", 1) > 1
            if frames_kept:  # animated GIF/WebP: keep frames, drop metadata
                clean = image
            else:
                clean = ImageOps.exif_transpose(image)
                clean.info.pop("exif", None)
            out = io.BytesIO()
            save_args = {"save_all": True} if frames_kept else {}
            clean.save(out, format=pil_format, **save_args)
            return out.getvalue(), True
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This image could not be read."), code="bad_image") from error


def prepare_evidence(upload) -> tuple[bytes, dict]:
    """Read, check and clean one upload; return the bytes to store and their (secret) metadata."""
    data = upload.read()
    content_type = check_evidence(data)
    data, stripped = strip_image_metadata(data, content_type)
    meta = {
        "name": (upload.name or "file")[-120:],
        "content_type": content_type,
        "size": len(data),
        "metadata_stripped": stripped,
    }
    return data, meta
