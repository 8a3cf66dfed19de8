"""Evidence uploads stay in memory: a plaintext temporary file on disk would outlive the
request and escape encryption. The portal and the transfer messages between districts use
this handler. Each file is capped, and so is the number of files read in one request; what
goes over is dropped and reported."""

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from cases.evidence_rules import (
    MAX_FILE_BYTES,
    MAX_FILES_PER_REPORT,
    too_large_message,
    too_many_files_message,
)


class OversizedUpload(InMemoryUploadedFile):
    """Stands in for a file that went over the size limit, so the form can name it."""


class SurplusUpload(InMemoryUploadedFile):
    """Stands in for a file past the number read in one request, dropped unread: it is
    refused for its count, not its size."""


def dropped_reason(upload: UploadedFile) -> str | None:
    """Why the handler dropped `upload` unread, for the reporter; None for a file it kept."""
    if isinstance(upload, SurplusUpload):
        return too_many_files_message()
    if isinstance(upload, OversizedUpload):
        return too_large_message()
    return None


class BoundedMemoryUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.files_seen = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files_seen += 1
        self.buffer = BytesIO()
        self.size = 0
        self.surplus = self.files_seen > MAX_FILES_PER_REPORT * 2
        self.oversized = False

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if self.size > MAX_FILE_BYTES:
            self.oversized = True
        if not (self.oversized or self.surplus):
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.oversized or self.surplus:
            self.buffer = BytesIO()
        self.buffer.seek(0)
        file_class = InMemoryUploadedFile
        if self.surplus:
            file_class = SurplusUpload
        elif self.oversized:
            file_class = OversizedUpload
        return file_class(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
