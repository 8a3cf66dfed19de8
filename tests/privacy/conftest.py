"""Every privacy test runs with a known key ring, whatever the environment provides."""

import pytest

from tests.privacy.keys import BLIND, K1, RECEIPT


@pytest.fixture(autouse=True)
def key_ring(settings):
    settings.PRIVACY_ENCRYPTION_KEYS = {"k1": K1}
    settings.PRIVACY_ACTIVE_KEY_ID = "k1"
    settings.PRIVACY_BLIND_INDEX_KEY = BLIND
    settings.PRIVACY_RECEIPT_KEY = RECEIPT
    return settings
