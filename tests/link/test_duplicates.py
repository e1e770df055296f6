import pytest
from hypothesis import given
from hypothesis import strategies as st

from storytrail.link.duplicates import (
    ArticleText,
    hashed_jaccard,
    jaccard,
    near_duplicates,
    shingle_hashes,
    shingles,
)
from storytrail.settings import DEFAULTS

WIRE = (
    "Valdorian engineers opened two sluice gates at the Upper Seln Dam on Tuesday, "
    "releasing water that had been held back since the spring. Kestrian farmers downstream "
    "said the river rose by almost a metre in the village of Orsk within hours. The "
    "Seln Basin Commission said its inspectors would visit the dam next week to check "
    "whether the release followed the interim agreement signed in Lorvik last year. "
    "Neither government commented on the timing of the release."
)
COPY = (
    "Water released at disputed dam.\n\n"
    + WIRE
    + " Local officials in Orsk said schools would stay open. Leave a comment below."
)
OTHER = (
    "Kestria's foreign minister met her Valdorian counterpart in Lorvik on Friday for a "
    "third round of talks about the dam, which both sides described as frank. No agreement "
    "was reached on the volume of water to be released during the summer months, and a "
    "further meeting is planned for the autumn, according to officials in both capitals."
)


def test_syndicated_copy_joins_the_original_which_heads_the_group():
    groups = near_duplicates(
        [
            ArticleText("copy", "2023-05-03", COPY),
            ArticleText("wire", "2023-05-02", WIRE),
            ArticleText("other", "2023-05-02", OTHER),
        ]
    )
    assert len(groups) == 1
    assert groups[0].head == "wire"
    assert groups[0].members == ("wire", "copy")
    assert groups[0].similarity[("copy", "wire")] >= 0.5


def test_separately_written_reports_are_not_copies():
    assert near_duplicates([ArticleText("a", None, WIRE), ArticleText("b", None, OTHER)]) == []


def test_short_texts_are_never_called_copies():
    line = "The president said the talks would go on."
    assert near_duplicates([ArticleText("a", None, line), ArticleText("b", None, line)]) == []


def test_copies_chain_transitively():
    middle = WIRE + " " + OTHER[:120]
    groups = near_duplicates(
        [
            ArticleText("a", "2023-01-01", WIRE),
            ArticleText("b", "2023-01-02", middle),
            ArticleText("c", "2023-01-03", middle + " Extra closing sentence about the dam."),
        ]
    )
    assert [g.members for g in groups] == [("a", "b", "c")]


def test_shingles_ignore_case_and_punctuation():
    assert shingles("The Dam, the DAM!", 2) == {"the dam", "dam the"}


WORDS = st.lists(
    st.sampled_from(["dam", "river", "treaty", "sirens", "flood", "the", "a", "of", "Seln"])
)


@given(WORDS, WORDS)
def test_jaccard_on_shingle_hashes_is_the_jaccard_of_the_shingles(a, b):
    # The compact form keeps the exact test exact (64-bit hashes of a few hundred shingles).
    one, two = shingles(" ".join(a), 3), shingles(" ".join(b), 3)
    assert hashed_jaccard(shingle_hashes(one), shingle_hashes(two)) == jaccard(one, two)


def test_shingle_hashes_are_compact_and_stable():
    grams = shingles("the river rose over the dam at Teshavel on Tuesday night " * 3, 5)
    hashed = shingle_hashes(grams)
    assert hashed.dtype.itemsize == 8 and hashed.size == len(grams)
    assert (shingle_hashes(grams) == hashed).all()  # the same in every process: BLAKE2b


def _texts_with_jaccard(shared: int, total: int, word: str = "sluice") -> tuple[str, str]:
    """Two texts whose word 5-shingles have exact Jaccard ``shared / total``.

    The first has ``total`` shingles (``total + 4`` distinct words); the second is its
    first ``shared + 4`` words, so it holds ``shared`` of those shingles and no others.
    """
    words = [f"{word}{n}" for n in range(total + 4)]
    return " ".join(words), " ".join(words[: shared + 4])


def _copies(pair: tuple[str, str]) -> list:
    return near_duplicates([ArticleText("a", None, pair[0]), ArticleText("b", None, pair[1])])


def test_the_documented_threshold_separates_pairs_above_and_below_it():
    """Pins ``near_duplicate_threshold`` (0.5, settings.py): Jaccard 0.6 is a copy, 0.45 is not.

    Mutation caught: the threshold lowered to 0.3 (the 0.45 pair becomes a copy) or
    raised to 0.65 (the 0.6 pair is lost). The pair above sits at 0.6, not nearer, because
    of the LSH's misses just above the threshold (the xfail below).
    """
    assert DEFAULTS.near_duplicate_threshold == 0.5
    (group,) = _copies(_texts_with_jaccard(60, 100))
    assert group.members == ("a", "b")
    assert group.similarity == {("a", "b"): 0.6}
    assert _copies(_texts_with_jaccard(45, 100)) == []
    assert _copies(_texts_with_jaccard(49, 100)) == []


@pytest.mark.xfail(
    strict=True,
    reason="MinHashLSH(threshold=0.5, 128 permutations) has 25 bands of 5 rows: it proposes "
    "a pair at Jaccard 0.52 with probability 1-(1-0.52**5)**25 = 0.62, so copies just above "
    "the documented threshold are lost before the exact check (issue 20, item 3)",
)
def test_pairs_just_above_the_threshold_are_all_copies():
    pairs = [_texts_with_jaccard(52 + n % 5, 100, f"weir{n}x") for n in range(10)]
    assert [len(_copies(pair)) for pair in pairs] == [1] * 10
