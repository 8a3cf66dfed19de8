"""The known key ring of the privacy tests (tests/privacy/conftest.py installs it), and a way to
switch it as a redeploy would."""

K1 = bytes(range(32))
K2 = bytes(range(32, 64))
BLIND = bytes(range(64, 96))
RECEIPT = bytes(range(96, 128))


def use_ring(settings, keys: dict, active: str) -> None:
    """Switch the key ring the way a redeploy with new environment variables would."""
    settings.PRIVACY_ENCRYPTION_KEYS = keys
    settings.PRIVACY_ACTIVE_KEY_ID = active
