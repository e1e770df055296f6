"""The offset map is what lets every reported span be traced back to the source."""

from hypothesis import given
from hypothesis import strategies as st

from storytrail.offsets import Edit, OffsetMap, apply_edits, compose, to_runs


@st.composite
def text_and_edits(draw):
    text = draw(st.text(alphabet="ab c\n", min_size=0, max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    edits, cursor = [], 0
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if a >= cursor:
            edits.append(Edit(a, b, draw(st.sampled_from(["", "X", "YZ"]))))
            cursor = b if b > a else a + 1
    return text, [e for e in edits if e.end <= len(text)]


@given(text_and_edits())
def test_unedited_characters_map_to_themselves(case):
    text, edits = case
    new, index_map, _ends = apply_edits(text, edits)
    assert len(index_map) == len(new) + 1
    touched = set()
    for e in edits:
        touched.update(range(e.start, max(e.end, e.start + 1)))
    for i, ch in enumerate(new):
        origin = int(index_map[i])
        if origin not in touched:
            assert text[origin] == ch


@given(text_and_edits())
def test_runs_give_the_same_answer_as_the_full_map(case):
    text, edits = case
    new, index_map, _ends = apply_edits(text, edits)
    offsets = OffsetMap(to_runs(index_map), len(text))
    for i in range(len(new)):
        assert offsets.position(i) == int(index_map[i])


def test_two_steps_compose_back_to_the_first_text():
    text = "one  two\r\nthree"
    step1_text, step1, _ = apply_edits(text, [Edit(3, 5, " ")])
    step2_text, step2, _ = apply_edits(step1_text, [Edit(7, 9, "\n")])
    assert step2_text == "one two\nthree"
    full = compose(step1, step2)
    offsets = OffsetMap(to_runs(full), len(text))
    start, end = offsets.span(step2_text.index("three"), len(step2_text))
    assert text[start:end] == "three"


def test_overlapping_edits_are_refused():
    import pytest

    with pytest.raises(ValueError):
        apply_edits("abcdef", [Edit(0, 3), Edit(2, 4)])


def test_replacement_covers_everything_it_replaced():
    from storytrail.offsets import end_exceptions

    text = "say \u00e2\u20ac\u0153hi\u00e2\u20ac\u009d now"
    new, starts, ends = apply_edits(text, [Edit(4, 7, "\u201c"), Edit(9, 12, "\u201d")])
    assert new == "say \u201chi\u201d now"
    offsets = OffsetMap(to_runs(starts), len(text), end_exceptions(starts, ends))
    a, b = offsets.span(new.index("\u201c"), new.index("\u201d") + 1)
    assert text[a:b] == "\u00e2\u20ac\u0153hi\u00e2\u20ac\u009d"


@given(text_and_edits())
def test_end_map_never_falls_before_the_start_map(case):
    text, edits = case
    _new, starts, ends = apply_edits(text, edits)
    assert all(e >= s for s, e in zip(starts[:-1], ends[:-1], strict=True))
