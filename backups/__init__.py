"""Backups that restore, and refuse without the keys (issue 21).

One archive holds the database (``pg_dump --format=custom``), the evidence files as ciphertext
and a manifest; it never holds a key. The manifest names the key ids the data needs and a
check value per key, so a restore can refuse, before it touches anything, when the key ring
it runs with cannot read what it would restore.
"""
