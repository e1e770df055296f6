"""Pairing quotation marks: apostrophes, unbalanced marks, paragraphs, nesting."""

from hypothesis import given
from hypothesis import strategies as st

from storytrail.quotes.marks import nested_spans, quoted_spans


def words(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quoted_spans(text)]


def test_apostrophe_in_states_does_not_open_a_quote():
    text = "The United States’ envoy arrived late. “We are ready to talk,” she said."
    assert words(text) == ["We are ready to talk,"]


def test_plural_possessive_inside_single_quotes_is_passed_over():
    text = "He called it ‘the farmers’ last stand’ and left."
    assert words(text) == ["the farmers’ last stand"]


def test_apostrophe_inside_straight_quotes_stays_in_the_quote():
    text = '"The water was in people\'s kitchens," she said. "Nobody warned us."'
    assert words(text) == ["The water was in people's kitchens,", "Nobody warned us."]


def test_unbalanced_mark_costs_one_quote_not_the_article():
    text = "“We will win, he said at noon. Later, “the talks are over,” she said. “Fine.”"
    assert words(text) == ["the talks are over,", "Fine."]


def test_unclosed_quote_at_paragraph_end_is_dropped():
    text = "“We will win, he said.\n\nThe minister left. “Goodbye,” she said."
    assert words(text) == ["Goodbye,"]


def test_quote_continued_by_a_new_opening_mark_spans_paragraphs():
    text = "He said:\n\n“The dam is old. It leaks.\n\n“We need a new one,” he added."
    spans = quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The dam is old. It leaks.",
        "We need a new one,",
    ]
    assert spans[0].continues and spans[1].continued


def test_run_on_quote_printed_on_one_line_is_one_quote_in_pieces():
    # Corpora that run a story's paragraphs together print a three-paragraph quote so.
    text = 'She said: "The ferry is late. "The road is shut. "We wait," she added.'
    spans = quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The ferry is late.",
        "The road is shut.",
        "We wait,",
    ]
    assert [(s.continued, s.continues) for s in spans] == [
        (False, True),
        (True, True),
        (True, False),
    ]


def test_stray_mark_before_a_new_quote_mid_sentence_is_still_dropped():
    text = "“We will win, he said at noon, and “the talks are over,” she said."
    assert words(text) == ["the talks are over,"]


def test_curly_mark_typed_the_wrong_way_round_still_closes():
    assert words("“We are ready“, she said.") == ["We are ready"]


def test_nested_single_quotes_stay_inside_the_outer_quote():
    text = "“They told us, ‘wait a week,’ and we waited,” she said."
    outer = quoted_spans(text)
    assert [text[s.start : s.end] for s in outer] == ["They told us, ‘wait a week,’ and we waited,"]
    inner = nested_spans(text, outer[0].start, outer[0].end)
    assert [text[s.start : s.end] for s in inner] == ["wait a week,"]


@given(st.text(alphabet=st.sampled_from(list("ab ,.\n“”‘’\"'")), max_size=80))
def test_spans_are_ordered_inside_the_text_and_never_overlap(text):
    spans = quoted_spans(text)
    last_end = -1
    for span in spans:
        assert 0 <= span.open < span.start <= span.end <= len(text)
        assert span.open > last_end
        last_end = span.outer_end - 1 if span.close is not None else span.end
