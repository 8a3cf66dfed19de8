"""The signature estimates how much two token sets share, from tokens alone."""

from campaigns import minhash
from privacy.blind_index import blind_tokens
from tests.campaigns.campaign import CAMPAIGN_TEXT, COPIES, UNRELATED


def test_a_text_and_its_near_copy_score_high_and_an_unrelated_text_low():
    original = minhash.signature(blind_tokens(CAMPAIGN_TEXT))
    copy = minhash.signature(blind_tokens(COPIES[1]))
    other = minhash.signature(blind_tokens(UNRELATED))

    assert minhash.similarity(original, original) == 1.0
    assert minhash.similarity(original, copy) >= minhash.THRESHOLD
    assert minhash.similarity(original, other) < 0.3


def test_the_signature_is_the_same_for_the_same_tokens_and_round_trips():
    tokens = blind_tokens(CAMPAIGN_TEXT)
    sig = minhash.signature(tokens)

    assert sig == minhash.signature(sorted(tokens))
    assert len(sig) == minhash.NUM_PERM
    assert minhash.unpack(minhash.pack(sig)) == sig
    assert len(minhash.buckets(sig)) == minhash.BANDS


def test_a_short_report_gets_no_signature():
    assert minhash.signature(blind_tokens("They called my son names in the hallway.")) is None
    assert minhash.signature([]) is None
