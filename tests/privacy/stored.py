"""What the database holds, read and written with plain SQL behind Django's back: what a dump
shows, what an attacker with database access could change, and whether a column holds a
ciphertext token (privacy/crypto.py: ``enc1$<key id>$<urlsafe base64>``) and no plaintext."""

import base64
import re

from django.db import connection

TOKEN_RE = re.compile(r"enc1\$[A-Za-z0-9_-]{1,16}\$[A-Za-z0-9_-]+")


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


def flip_byte(token: str, index: int = -1) -> str:
    version, key_id, payload = token.split("$")
    blob = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    blob[index] ^= 0x01
    return f"{version}${key_id}${base64.urlsafe_b64encode(bytes(blob)).rstrip(b'=').decode()}"


def assert_ciphertext(stored, *plaintexts: str) -> None:
    """`stored` (a raw column value) is one whole ciphertext token and contains none of
    `plaintexts`, nor any of their words long enough not to turn up in base64 by chance."""
    assert isinstance(stored, str), stored
    assert TOKEN_RE.fullmatch(stored), stored
    for plaintext in plaintexts:
        words = [word.strip(".,:;!?") for word in plaintext.split()]
        for fragment in (plaintext, *(word for word in words if len(word) >= 5)):
            assert fragment not in stored
