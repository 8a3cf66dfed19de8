"""Uploads of the portal stay in memory: a plaintext temporary file on disk would outlive the
request and escape encryption. Each file is capped; what goes over is dropped and reported."""

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from cases.evidence_rules import MAX_FILE_BYTES, MAX_FILES_PER_REPORT


class OversizedUpload(InMemoryUploadedFile):
    """Stands in for a file that went over the limit, so the form can name it."""


class BoundedMemoryUploadHandler(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.files_seen = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files_seen += 1
        self.buffer = BytesIO()
        self.size = 0
        self.oversized = self.files_seen > MAX_FILES_PER_REPORT * 2

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if self.size > MAX_FILE_BYTES:
            self.oversized = True
        if not self.oversized:
            self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.oversized:
            self.buffer = BytesIO()
        self.buffer.seek(0)
        file_class = OversizedUpload if self.oversized else InMemoryUploadedFile
        return file_class(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
