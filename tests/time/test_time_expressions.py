"""Time expressions found in parsed text, with direction from tense (storytrail/time/)."""

import pytest

from storytrail.model import Quote
from storytrail.nlp import load_pipeline
from storytrail.time import PublicationDate, anchor_in_quotes, time_expressions
from storytrail.time.values import UNKNOWN_PUBLICATION

WEDNESDAY = PublicationDate("2022-11-23", "day", "manifest", 1.0)
MONDAY = PublicationDate("2022-11-21", "day", "manifest", 1.0)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def found(nlp, text, anchor=WEDNESDAY):
    return {e.text: e for e in time_expressions(nlp(text), anchor)}


def test_weekday_in_past_tense_looks_back_from_publication(nlp):
    expression = found(nlp, "The ministry held drills on Monday.", WEDNESDAY)["Monday"]
    assert (expression.value, expression.direction) == ("2022-11-21", "past")
    assert expression.anchor == "2022-11-23"


def test_will_hold_on_wednesday_looks_forward(nlp):
    expression = found(nlp, "The army will hold drills on Wednesday.", MONDAY)["Wednesday"]
    assert (expression.value, expression.direction) == ("2022-11-23", "future")


def test_on_wednesday_said_looks_back(nlp):
    expression = found(nlp, "The minister said on Wednesday that talks had failed.", MONDAY)
    assert expression["Wednesday"].value == "2022-11-16"


def test_said_on_wednesday_it_will_hold_drills_dates_the_saying_not_the_drills(nlp):
    expressions = time_expressions(
        nlp("The ministry said on Wednesday it will hold drills on Friday."), WEDNESDAY
    )
    assert [(e.text, e.value) for e in expressions] == [
        ("Wednesday", "2022-11-23"),
        ("Friday", "2022-11-25"),
    ]


def test_weekday_equal_to_publication_weekday_is_same_day_when_past_tense(nlp):
    assert found(nlp, "Talks opened on Wednesday.")["Wednesday"].value == "2022-11-23"


def test_weekday_equal_to_publication_weekday_is_same_day_when_future_tense(nlp):
    assert found(nlp, "Talks will open on Wednesday.")["Wednesday"].value == "2022-11-23"


def test_would_in_reported_speech_looks_forward(nlp):
    text = "The ministry said it would hold drills on Friday."
    assert found(nlp, text)["Friday"].value == "2022-11-25"


def test_infinitive_after_a_word_of_intent_looks_forward(nlp):
    text = "Both delegations had agreed to meet again on Tuesday."
    assert found(nlp, text, MONDAY)["Tuesday"].value == "2022-11-22"
    text = "Dorn is expected to brief parliament on Thursday."
    assert found(nlp, text)["Thursday"].value == "2022-11-24"


def test_present_tense_of_a_scheduled_event_looks_forward(nlp):
    assert found(nlp, "The review is due in November.", MONDAY)["November"].value == "2022-11"
    text = "The treaty enters into force in January."
    assert found(nlp, text)["January"].value == "2023-01"


def test_absolute_date_keeps_the_tense_of_its_clause(nlp):
    expression = found(nlp, "The treaty will enter into force on 1 January 2025.")
    assert (expression["1 January 2025"].value, expression["1 January 2025"].tense) == (
        "2025-01-01",
        "future",
    )


def test_the_day_before_is_counted_from_the_previous_expression(nlp):
    text = "The dam opened its gates on 14 March 2022. The day before, engineers met."
    expressions = found(nlp, text)
    assert expressions["The day before"].value == "2022-03-13"
    assert expressions["The day before"].anchor == "2022-03-14"


def test_dateline_is_an_expression_of_the_publication_day(nlp):
    text = "LORVIK, March 14 (NWA) - Valdoria and Kestria sat down in Lorvik on Monday."
    published = PublicationDate("2022-03-14", "day", "manifest", 1.0)
    expressions = found(nlp, text, published)
    assert (expressions["March 14"].source, expressions["March 14"].value) == (
        "dateline",
        "2022-03-14",
    )
    assert expressions["Monday"].value == "2022-03-14"


def test_durations_are_typed_and_ages_are_not_time_expressions(nlp):
    text = "The 62-year-old minister waited three days and spoke for 30 minutes."
    expressions = time_expressions(nlp(text), WEDNESDAY)
    assert [(e.text, e.value, e.timex_type) for e in expressions] == [
        ("three days", "P3D", "DURATION"),
        ("30 minutes", "PT30M", "DURATION"),
    ]
    assert all(e.calendar_value is None for e in expressions)


def test_free_text_words_are_not_read_as_dates(nlp):
    text = "Then the may of the town spoke. The march went on."
    assert time_expressions(nlp(text), WEDNESDAY) == []


def test_now_is_the_present_of_the_article_and_a_year_range_is_two_years(nlp):
    text = "The plant is now closed. It ran through 2009-2010 and again in 1957-58."
    expressions = found(nlp, text)
    assert (expressions["now"].value, expressions["now"].calendar_value) == (
        "PRESENT_REF",
        "2022-11-23",
    )
    assert [expressions[y].value for y in ("2009", "2010", "1957", "58")] == [
        "2009",
        "2010",
        "1957",
        "1958",
    ]


def test_sets_are_found_as_adverbs_and_adjectives_as_timeml_annotates_them(nlp):
    text = "The council meets weekly and publishes an annual report every year."
    expressions = time_expressions(nlp(text), WEDNESDAY)
    assert [(e.text, e.value, e.timex_type) for e in expressions] == [
        ("weekly", "P1W", "SET"),
        ("annual", "P1Y", "SET"),
        ("every year", "P1Y", "SET"),
    ]
    assert all(e.calendar_value is None for e in expressions)


def test_a_span_no_rule_reads_whole_is_read_in_its_parts(nlp):
    text = "Sales fell between April and June, the board said.\nIt grew in the fourth quarter."
    expressions = found(nlp, text)
    assert (expressions["April"].value, expressions["June"].value) == ("2022-04", "2022-06")
    assert expressions["the fourth quarter"].value == "2022-Q4"


def test_an_expression_does_not_run_across_a_line_break(nlp):
    text = "Flood plan agreed in 2010\nThe council agreed the plan on Tuesday."
    expressions = found(nlp, text)
    assert expressions["2010"].value == "2010"
    assert expressions["Tuesday"].value == "2022-11-22"


def test_without_a_publication_date_relative_expressions_stay_unresolved_with_a_note(nlp):
    expressions = found(nlp, "The minister resigned on Wednesday.", UNKNOWN_PUBLICATION)
    assert expressions["Wednesday"].value is None
    assert expressions["Wednesday"].note


def test_without_a_publication_date_absolute_expressions_still_resolve(nlp):
    expressions = found(nlp, "The dam opened on 14 March 2022.", UNKNOWN_PUBLICATION)
    assert expressions["14 March 2022"].value == "2022-03-14"


def test_expressions_are_in_text_order_and_index_the_text(nlp):
    text = "On Monday talks began. They ended on Tuesday evening. A week ago, nothing."
    doc = nlp(text)
    expressions = time_expressions(doc, WEDNESDAY)
    assert [e.start for e in expressions] == sorted(e.start for e in expressions)
    assert all(doc.text[e.start : e.end] == e.text for e in expressions)


def test_now_in_reported_speech_is_the_speakers_present_once_the_quote_is_dated(nlp):
    text = "Brenner continued by saying the priority now is safety."
    doc = nlp(text)
    expressions = time_expressions(doc, WEDNESDAY)
    now = next(e for e in expressions if e.text == "now")
    assert (now.value, now.calendar_value) == ("PRESENT_REF", None)
    start = text.index("the priority")
    end = len(text) - 1
    quote = Quote("q", "a", "indirect", text[start:end], start, end, date="2022-11-22")
    [resolved] = [e for e in anchor_in_quotes(expressions, [quote]) if e.text == "now"]
    assert (resolved.value, resolved.calendar_value) == ("PRESENT_REF", "2022-11-22")


def test_yesterday_in_a_direct_quote_counts_from_the_day_it_was_said(nlp):
    text = "“We opened the gates yesterday,” he said on Monday."
    doc = nlp(text)
    expressions = time_expressions(doc, WEDNESDAY)
    start, end = 1, text.index("”")
    quote = Quote("q", "a", "direct", text[start:end], start, end, date="2022-11-21")
    [yesterday] = [e for e in anchor_in_quotes(expressions, [quote]) if e.text == "yesterday"]
    assert (yesterday.value, yesterday.anchor) == ("2022-11-20", "2022-11-21")
