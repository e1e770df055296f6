"""The pure parts of the web app: time axis, word differences, nested marks, citation chains."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from storytrail.variants import changed_words, tokens, word_diff
from storytrail.web.app import allowed_hosts_for
from storytrail.web.pages import web_url
from storytrail.web.spans import Span, nest_spans
from storytrail.web.timeline import day_span, event_item, lay_out, statement_item, ticks
from storytrail.web.variants import Hop, citation_chains, near_quote

# --- dates on the axis ----------------------------------------------------------


def test_day_span_never_claims_more_precision_than_the_value_has():
    assert day_span("2022-11-23") == (date(2022, 11, 23), date(2022, 11, 23))
    assert day_span("2022-03-14T18:40:00+01:00") == (date(2022, 3, 14), date(2022, 3, 14))
    assert day_span("2022-W47") == (date(2022, 11, 21), date(2022, 11, 27))
    assert day_span("2022-02") == (date(2022, 2, 1), date(2022, 2, 28))
    assert day_span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert day_span("2023") == (date(2023, 1, 1), date(2023, 12, 31))


def test_day_span_cannot_place_a_date_without_a_year_or_nonsense():
    for value in ("--11-23", "", None, "2022-13", "2022-02-30", "yesterday", "2022-W60"):
        assert day_span(value) is None, value


def statement(id, date_, granularity="day", speaker="Tomas Brenner", first="2022-01-05"):
    return {
        "id": id,
        "speaker": speaker,
        "text": f"words {id}",
        "date": date_,
        "date_granularity": granularity,
        "first_reported": first,
    }


def test_layout_puts_later_things_further_right_and_month_values_as_bars():
    items = [
        statement_item(statement("a", "2022-01-01")),
        statement_item(statement("b", "2022-03")),
        statement_item(statement("c", "2022-06-30", speaker="Anneliese Dorn")),
        event_item({"id": "e", "title": "talks", "date": "2022-02-10"}),
    ]
    layout = lay_out(items)
    x = {item.id: item for item in layout.placed}
    assert x["a"].x < x["e"].x < x["b"].x < x["c"].x
    assert x["b"].is_bar and x["b"].width > x["a"].width
    assert not x["a"].is_bar
    assert [lane.name for lane in layout.lanes] == ["Events", "Tomas Brenner", "Anneliese Dorn"]
    assert x["a"].y == x["b"].y != x["c"].y
    assert all(layout.plot_left <= i.x <= layout.plot_right for i in layout.placed)


def test_undated_statement_goes_to_its_first_report_and_one_without_a_year_is_listed():
    by_report = statement_item(statement("u", None, None, first="2022-05-01"))
    assert by_report.by_report and by_report.span == (date(2022, 5, 1), date(2022, 5, 1))
    yearless = statement_item(statement("y", "--06-21", "day", first=None))
    layout = lay_out([by_report, yearless])
    assert [i.id for i in layout.placed] == ["u"]
    assert [i.id for i in layout.unplaced] == ["y"]


def test_ticks_are_few_and_inside_the_range():
    for first, last in [
        (date(2022, 3, 1), date(2025, 11, 30)),
        (date(2022, 3, 1), date(2022, 11, 30)),
        (date(2022, 3, 1), date(2022, 3, 20)),
        (date(2010, 1, 1), date(2040, 1, 1)),
    ]:
        marks = ticks(first, last)
        assert 1 <= len(marks) <= 12, (first, last, marks)
        assert all(first < day < last for day, _ in marks)
        assert [d for d, _ in marks] == sorted(d for d, _ in marks)


# --- word differences -------------------------------------------------------------


def test_word_diff_marks_the_changed_words_of_a_second_translation():
    segments = word_diff(
        "The situation remains, of course, complicated,",
        "The situation is still, naturally, difficult,",
    )
    assert [(s.op, s.text.strip()) for s in segments] == [
        ("equal", "The situation"),
        ("delete", "remains"),
        ("insert", "is still"),
        ("equal", ","),
        ("delete", "of course"),
        ("insert", "naturally"),
        ("equal", ","),
        ("delete", "complicated"),
        ("insert", "difficult"),
        ("equal", ","),
    ]
    assert changed_words(segments) == 8


def test_curly_and_straight_quote_marks_are_not_a_difference():
    segments = word_diff("the treaty was \u201cthe apology\u201d", 'the treaty is "the apology"')
    assert [(s.op, s.text.strip()) for s in segments] == [
        ("equal", "the treaty"),
        ("delete", "was"),
        ("insert", "is"),
        ("equal", '"the apology"'),
    ]


def test_identical_renderings_have_no_difference():
    segments = word_diff("340 residents had been given beds", "340 residents had been given beds")
    assert [s.op for s in segments] == ["equal"]
    assert changed_words(segments) == 0


words = st.lists(
    st.sampled_from(["the", "dam", "river", ",", "won't", "“", "<script>", "shared", "0"]),
    max_size=12,
)


@given(words, words)
def test_word_diff_keeps_both_renderings_whole(reference_words, variant_words):
    reference, variant = " ".join(reference_words), " ".join(variant_words)
    segments = word_diff(reference, variant)
    kept = "".join(s.text for s in segments if s.op != "delete")
    assert [t for t, _ in tokens(kept)] == [t for t, _ in tokens(variant)]
    removed = " ".join(s.text for s in segments if s.op != "insert")
    assert [t for t, _ in tokens(removed)] == [t for t, _ in tokens(reference)]


# --- nested marks -----------------------------------------------------------------


def test_a_quote_inside_a_quote_nests():
    text = "He said: she told us 'no water' yesterday."
    outer = Span(8, 41, "quote", anchor="q-outer")
    inner = Span(21, 31, "quote", anchor="q-inner")
    pieces = nest_spans(text, [inner, outer])
    kinds = [(p.kind, p.span.anchor if p.span else p.text) for p in pieces]
    assert kinds == [
        ("text", "He said:"),
        ("open", "q-outer"),
        ("text", " she told us "),
        ("open", "q-inner"),
        ("text", "'no water'"),
        ("close", "q-inner"),
        ("text", " yesterday"),
        ("close", "q-outer"),
        ("text", "."),
    ]


def test_crossing_spans_are_cut_and_continued_with_one_anchor_and_one_ref():
    text = "abcdefghij"
    pieces = nest_spans(
        text, [Span(0, 6, "a", anchor="A", ref="#a"), Span(3, 9, "b", anchor="B", ref="#b")]
    )
    opened = [p.span for p in pieces if p.kind == "open"]
    assert [(s.start, s.end, s.anchor) for s in opened] == [(0, 6, "A"), (3, 6, "B"), (6, 9, None)]
    closed = [p.span for p in pieces if p.kind == "close"]
    assert [s.ref for s in closed] == [None, "#a", "#b"]


spans = st.lists(st.tuples(st.integers(-3, 40), st.integers(-3, 40)).map(sorted), max_size=8)


@given(st.text(max_size=40), spans)
def test_nest_spans_is_balanced_and_loses_no_text(text, bounds):
    given_spans = [Span(s, e, "x", anchor=f"a{n}") for n, (s, e) in enumerate(bounds)]
    pieces = nest_spans(text, given_spans)
    assert "".join(p.text for p in pieces if p.kind == "text") == text
    stack, position = [], 0
    for piece in pieces:
        if piece.kind == "text":
            position += len(piece.text)
        elif piece.kind == "open":
            assert piece.span.start == position
            stack.append(piece.span)
        else:
            assert stack.pop() is piece.span
            assert piece.span.end == position
    assert not stack
    anchors = [p.span.anchor for p in pieces if p.kind == "open" and p.span.anchor]
    expected = [s.anchor for s in given_spans if max(s.start, 0) < min(s.end, len(text))]
    assert sorted(anchors) == sorted(expected)


# --- citation chains and links ------------------------------------------------------


def cite(cites, cue, via=None, start=None, end=None):
    return {"article_id": "a", "cites": cites, "cue": cue, "via": via, "start": start, "end": end}


def test_citing_chain_reads_from_nearest_source_to_the_first():
    rows = [
        cite("Northwind Agency", "citing", via="Basin Post"),
        cite("Basin Post", "reported"),
        cite("Kestrian state radio", "said"),
    ]
    assert citation_chains(rows) == [
        [Hop("Basin Post", "reported"), Hop("Northwind Agency", "citing")],
        [Hop("Kestrian state radio", "said")],
    ]


def test_a_via_that_starts_no_chain_still_shows():
    assert citation_chains([cite("Agency", "citing", via="Paper")]) == [
        [Hop("Paper", "via"), Hop("Agency", "citing")]
    ]


def test_citations_near_a_quote_are_its_paragraph_the_one_before_and_the_dateline():
    text = "LORVIK (NWA) - A.\n\nRadio said B.\n\nC said \u201cwords\u201d.\n\nD said more."
    start = text.index("words")
    rows = [
        cite("NWA", "dateline", start=8, end=11),
        cite("Radio", "said", start=text.index("Radio"), end=text.index("Radio") + 10),
        cite("C", "said", start=start - 8, end=start - 2),
        cite("D", "said", start=text.index("D said"), end=text.index("D said") + 6),
    ]
    assert [c["cites"] for c in near_quote(rows, text, start, start + 5)] == ["NWA", "Radio", "C"]


def test_a_citation_later_in_the_paragraph_is_not_the_quotes():
    # Corpora that run a story together on one line: "according to Y" two sentences on
    # belongs to another report (issue 14, class 9).
    text = (
        "Kabul (ANI) - A. The envoy said \u201cwords\u201d. Prices rose. "
        "Trade fell, according to Sputnik."
    )
    start = text.index("words")
    rows = [
        cite("ANI", "dateline", start=6, end=9),
        cite("Sputnik", "according to", start=text.index("Sputnik"), end=len(text) - 1),
    ]
    assert [c["cites"] for c in near_quote(rows, text, start, start + 5)] == ["ANI"]
    later = text.index("Trade")
    assert [c["cites"] for c in near_quote(rows, text, later, later + 5)] == ["ANI", "Sputnik"]


def test_only_http_urls_become_links():
    assert web_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert web_url("http://example.org") == "http://example.org"
    for value in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example/x",
        "vbscript:x",
        "https:///nohost",
        "file:///etc/passwd",
        None,
        "",
    ):
        assert web_url(value) is None, value


def test_the_server_answers_only_loopback_names_unless_told_otherwise():
    assert allowed_hosts_for("127.0.0.1") == ["127.0.0.1", "localhost", "[::1]"]
    assert allowed_hosts_for("192.168.1.5")[-1] == "192.168.1.5"
    assert allowed_hosts_for("fd00::5")[-1] == "[fd00::5]"
    assert allowed_hosts_for("0.0.0.0") == ["*"]


def test_row_markup_escapes_what_it_is_given():
    from storytrail.web.markup import speaker_link, when

    assert str(when("<b>2022</b>", "<i>")) == (
        '<time class="when">&lt;b&gt;2022&lt;/b&gt;</time>'
        ' <span class="granularity">(&lt;i&gt;)</span>'
    )
    assert str(when(None)) == '<span class="unknown">date unknown</span>'
    assert str(speaker_link('<script>"x"</script>', 'ent_"/../x')) == (
        '<a class="speaker" href="/entities/ent_%22%2F..%2Fx">'
        "&lt;script&gt;&#34;x&#34;&lt;/script&gt;</a>"
    )
    assert str(speaker_link(None, None)) == '<span class="speaker">unknown speaker</span>'
