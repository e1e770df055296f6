"""Invariants on any input: extraction never fails, and every offset points at its text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "said", "told reporters", "he", "she", "Minister Ana Voss", "the president", "that",
    "according to", "the report", "“", "”", "‘", "’", '"', "'", ",", ".", ":", "—", "\n\n",
    "we will win", "States’", "people's", "it was “fine”", "Voss", "the so-called",
]  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_text_gives_quotes_whose_offsets_are_their_text(found_in, pieces):
    text = " ".join(pieces).strip()
    for quote in found_in(text, scare_quotes=True):
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        if quote.mention is not None:
            assert text[slice(*quote.mention)] == quote.speaker_mention
