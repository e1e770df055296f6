"""SpanIndex answers like a scan of every span, in logarithmic time (issue 16, item 9)."""

from hypothesis import given
from hypothesis import strategies as st

from storytrail.time.attribution import SpanIndex, blank, inside

spans_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda p: (p[0], p[0] + p[1])),
    max_size=12,
)


@given(spans_strategy, st.integers(0, 80), st.integers(0, 20))
def test_covers_and_overlapping_agree_with_a_scan(spans, start, length):
    end = start + length
    index = SpanIndex(spans)
    assert index.covers(start, end) == any(s <= start and end <= e for s, e in spans)
    assert inside(index, start, end) == inside(list(spans), start, end)
    expected = sorted(sp for sp in spans if sp[0] < end and sp[1] > start)
    assert sorted(index.overlapping(start, end)) == expected


@given(spans_strategy, st.integers(0, 80), st.integers(1, 20))
def test_blank_with_an_index_is_blank_with_the_list(spans, start, length):
    text = "abcdefghij" * 10
    end = start + length
    assert blank(text, start, end, SpanIndex(spans)) == blank(text, start, end, list(spans))
