import pytest


@pytest.fixture(autouse=True)
def _evidence_in_tmp(settings, tmp_path):
    """Each test writes uploads under its own temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "privacy.storage.EncryptedFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media" / "evidence")},
        },
    }
