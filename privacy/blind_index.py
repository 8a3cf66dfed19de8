"""Keyword search over encrypted text without storing the words: a keyed blind index.

At write time the plaintext is normalised into words and each word becomes
``HMAC-SHA256(PRIVACY_BLIND_INDEX_KEY, b"w1:" + word)`` truncated to 128 bits (32 hex chars).
Only these tokens are stored; at query time the same function turns the query into tokens and
the search is an exact set match on them. The plaintext never reaches an index or a column.

What this does and does not give (also stated in SECURITY.md):

* Exact token match only: no prefixes, fuzzy matching or phrases. Normalisation softens
  this: case, accents, full-width forms and simple English inflections ("slurs" / "Slur")
  collapse to one token. The English stemmer is applied to every word whatever the language,
  identically at index and query time, so matching stays consistent (Spanish words are only
  lightly and sometimes oddly stemmed, but always the same way).
* It leaks equal-token frequency: anyone with the database sees which records share a
  word and how common each token is, which allows frequency analysis of common words. Stop
  words are dropped to reduce this, but it remains a leak.
* The key is separate from the encryption keys (and from the receipt key): leaking it allows
  confirming guessed words, not decrypting anything. Changing it requires rebuilding every
  token; ``w1`` in the HMAC input versions the normalisation so that can be done side by side.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
import unicodedata

import snowballstemmer

from privacy.keyring import blind_index_key

TOKEN_BYTES = 16
VERSION_PREFIX = b"w1:"

# Folded (lower-case, accent-free) forms. Kept short on purpose: every dropped word is one the
# index can never find, and these carry no meaning for an incident search.
_STOP_WORDS_TEXT = """
    a an and are as at be been but by do does did for from had has have he her hers him his
    how i if in into is it its me my no not of on or our she so than that the their them then
    there these they this those to too us was we were what when where which who whom why will
    with would you your
    al algo como con de del donde el ella ellas ellos en era es esa ese eso esta este esto fue
    ha hay la las le les lo los mas me mi mis muy ni no nos o os para pero por que se si sin
    sobre su sus te ti tu tus un una uno unos unas usted ustedes y ya yo
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD_SPLIT = re.compile(r"[\W_]+")
_local = threading.local()


def _stemmer():
    # snowballstemmer stemmers keep per-call state: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


def fold(text: str) -> str:
    """NFKC, case-fold, then strip accents (NFKD minus combining marks)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_words(text: str) -> list[str]:
    """The words of ``text`` as indexed: folded, split, stop words dropped, stemmed (in order)."""
    if not text:
        return []
    words = [w for w in _WORD_SPLIT.split(fold(text)) if len(w) > 1 and w not in STOP_WORDS]
    return [w for w in _stemmer().stemWords(words) if len(w) > 1]


def word_token(word: str, *, key: bytes | None = None) -> str:
    """Blind token of one already-normalised word."""
    digest = hmac.new(
        key if key is not None else blind_index_key(),
        VERSION_PREFIX + word.encode("utf-8"),
        hashlib.sha256,
    ).digest()
    return digest[:TOKEN_BYTES].hex()


def blind_tokens(text: str, *, key: bytes | None = None) -> set[str]:
    """The set of tokens to store for ``text``."""
    key = key if key is not None else blind_index_key()
    return {word_token(word, key=key) for word in normalise_words(text)}


def query_tokens(query: str, *, key: bytes | None = None) -> list[str]:
    """Tokens to look up for a search query: ordered as typed, without duplicates."""
    key = key if key is not None else blind_index_key()
    return list(dict.fromkeys(word_token(word, key=key) for word in normalise_words(query)))
