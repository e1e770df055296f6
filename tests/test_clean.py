"""Cleaning: furniture out, mojibake repaired, quote marks folded, offsets kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storytrail.clean import clean_text

ARTICLE = (
    "Dam talks stall in Lorvik\r\n"
    "\r\n"
    "The president said   the talks  would go on.\r\n"
    "Read more: Another headline about the dam\r\n"
    "\r\n"
    "\r\n"
    "\r\n"
    "Leave a Reply\r\n"
    "Water is life. Our turbines stay silent. pic.twitter.com/Xy12AbC\r\n"
    "\u2014 Tomas Brenner (@TBrennerVAL) November 23, 2022\r\n"
    "She called it \u00aba fair offer\u00bb.\r\n"
    "Brennerâ€™s office did not comment.\r\n"
    "Source link\r\n"
)


def back(clean, start: int, end: int, original: str) -> str:
    a, b = clean.offsets().span(start, end)
    return original[a:b]


def test_boilerplate_lines_are_removed_and_kept_as_removed_spans():
    clean = clean_text(ARTICLE)
    for line in ("Read more: Another headline about the dam", "Leave a Reply", "Source link"):
        assert line not in clean.text
        span = next(r for r in clean.removed if r.text == line)
        assert span.kind == "boilerplate"
        assert ARTICLE[span.start : span.end] == line


def test_embed_is_removed_but_kept_with_author_handle_and_date():
    clean = clean_text(ARTICLE)
    assert "Water is life" not in clean.text
    assert "@TBrennerVAL" not in clean.text
    (embed,) = clean.embeds
    assert (embed.author, embed.handle, embed.date) == (
        "Tomas Brenner",
        "TBrennerVAL",
        "2022-11-23",
    )
    assert embed.text == "Water is life. Our turbines stay silent."
    assert ARTICLE[embed.start : embed.end].startswith("Water is life.")
    assert ARTICLE[embed.start : embed.end].endswith("November 23, 2022")


def test_mojibake_is_repaired_and_counted():
    clean = clean_text(ARTICLE)
    assert "Brenner\u2019s office did not comment." in clean.text
    assert clean.repairs >= 1


def test_repaired_word_maps_back_onto_the_broken_original():
    clean = clean_text(ARTICLE)
    start = clean.text.index("Brenner\u2019s")
    assert back(clean, start, start + len("Brenner\u2019s"), ARTICLE) == "Brennerâ€™s"


def test_guillemets_fold_to_curly_quotes():
    assert "\u201ca fair offer\u201d" in clean_text(ARTICLE).text


def test_whitespace_and_paragraphs_are_normalised():
    text = clean_text(ARTICLE).text
    assert "\r" not in text
    assert "  " not in text
    assert "\n\n\n" not in text
    assert text == text.strip()
    assert text.startswith("Dam talks stall in Lorvik\n\nThe president said the talks would go on.")


def test_every_kept_word_maps_back_to_the_same_word():
    clean = clean_text(ARTICLE)
    for word in ("president", "talks", "fair", "office", "comment"):
        start = clean.text.index(word)
        assert back(clean, start, start + len(word), ARTICLE) == word


def test_line_that_only_mentions_a_phrase_is_not_boilerplate():
    original = "He said they would subscribe to the treaty's terms. Read more carefully, he added."
    assert clean_text(original).text == original


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t\r\u00ab\u00bb\u201e")), max_size=80))
def test_cleaned_characters_come_in_order_from_the_original(original):
    """Without mojibake (tested above), each cleaned character is its original
    character, or a folded quote mark or whitespace standing where one was."""
    clean = clean_text(original)
    offsets = clean.offsets()
    positions = [offsets.position(i) for i in range(len(clean.text))]
    assert positions == sorted(positions)
    for ch, pos in zip(clean.text, positions, strict=True):
        source = original[pos]
        assert ch == source or ch in " \n\u201c\u201d" or source in "\t\r\u00ab\u00bb\u201e"
