"""Every privacy test runs with a known key ring, whatever the environment provides."""

import pytest
from django.db import connection

K1 = bytes(range(32))
K2 = bytes(range(32, 64))
BLIND = bytes(range(64, 96))
RECEIPT = bytes(range(96, 128))


@pytest.fixture(autouse=True)
def key_ring(settings):
    settings.PRIVACY_ENCRYPTION_KEYS = {"k1": K1}
    settings.PRIVACY_ACTIVE_KEY_ID = "k1"
    settings.PRIVACY_BLIND_INDEX_KEY = BLIND
    settings.PRIVACY_RECEIPT_KEY = RECEIPT
    return settings


def use_ring(settings, keys: dict, active: str) -> None:
    """Switch the key ring the way a redeploy with new environment variables would."""
    settings.PRIVACY_ENCRYPTION_KEYS = keys
    settings.PRIVACY_ACTIVE_KEY_ID = active


def raw_rows(model, *columns):
    """What a database dump would show: the columns read with plain SQL, by pk."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    cols = ", ".join(quote(c) for c in ("id", *columns))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {cols} FROM {table}")  # noqa: S608
        return {model._meta.pk.to_python(row[0]): row[1:] for row in cursor.fetchall()}


def raw_write(model, pk, column, value) -> None:
    """Change one stored value behind Django's back (an attacker with database access)."""
    quote = connection.ops.quote_name
    sql = f"UPDATE {quote(model._meta.db_table)} SET {quote(column)} = %s WHERE id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [value, model._meta.pk.get_db_prep_value(pk, connection)])
