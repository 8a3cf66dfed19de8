"""As an officer, I find cases by a word in a narrative that is never stored in clear."""

import re

import pytest

from privacy.blind_index import blind_tokens, normalise_words, query_tokens


def test_case_accents_width_and_plurals_give_the_same_token():
    assert blind_tokens("Slurs") == blind_tokens("slur") == blind_tokens("ＳＬＵＲ")
    assert blind_tokens("Niño") == blind_tokens("nino") == blind_tokens("NIÑOS")
    assert blind_tokens("harassed") == blind_tokens("harassing") == blind_tokens("harass")
    assert blind_tokens("Café") == blind_tokens("CAFE")


def test_tokens_are_keyed_digests_not_the_words():
    tokens = blind_tokens("locker graffiti")
    assert len(tokens) == 2
    for token in tokens:
        assert re.fullmatch(r"[0-9a-f]{32}", token)
        assert "locker" not in token
        assert "graffiti" not in token


def test_a_different_key_gives_different_tokens(settings):
    before = blind_tokens("locker")
    settings.PRIVACY_BLIND_INDEX_KEY = bytes(range(200, 232))
    assert blind_tokens("locker") != before
    assert blind_tokens("locker", key=bytes(32)) != blind_tokens("locker", key=bytes([1]) * 32)


def test_stop_words_and_single_letters_are_not_indexed():
    assert normalise_words("The boy and a girl, y el niño de la escuela") == [
        "boy",
        "girl",
        "nino",
        "escuela",
    ]
    assert blind_tokens("the of and y de la a") == set()
    assert normalise_words("") == []


def test_query_tokens_keep_order_and_drop_duplicates():
    tokens = query_tokens("slur Slurs locker")
    assert tokens == [next(iter(blind_tokens("slur"))), next(iter(blind_tokens("locker")))]
    assert query_tokens("slur locker") != query_tokens("locker slur")


@pytest.mark.parametrize("text", ["bus_stop", "bus-stop", "bus/stop", "bus   stop"])
def test_punctuation_splits_words(text):
    assert normalise_words(text) == ["bus", "stop"]
