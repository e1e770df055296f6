"""When each quote was said (storytrail/time/statement_dates.py)."""

from dataclasses import asdict

import pytest

from storytrail.model import Embed, Quote
from storytrail.nlp import load_pipeline
from storytrail.time import (
    PublicationDate,
    UtteranceDate,
    date_quotes,
    time_expressions,
    utterance_dates,
)
from storytrail.time.values import UNKNOWN_PUBLICATION

THURSDAY = PublicationDate("2022-11-24", "day", "manifest", 1.0)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def quote(text, words, speaker, kind="direct", cue="say", n=0):
    start = text.index(words)
    return Quote(f"q{n}", "a", kind, words, start, start + len(words), speaker=speaker, cue=cue)


def dated(nlp, text, quotes, anchor=THURSDAY, **kwargs):
    doc = nlp(text)
    return date_quotes(quotes, doc, time_expressions(doc, anchor), anchor, **kwargs)


def test_said_on_wednesday_dates_the_quote(nlp):
    text = "“We are ready,” Dorn said on Wednesday."
    [q] = dated(nlp, text, [quote(text, "We are ready,", "Anneliese Dorn")])
    assert (q.date, q.date_granularity, q.date_source) == (
        "2022-11-23",
        "day",
        "attribution: Wednesday",
    )


def test_participle_speaking_on_tuesday_dates_the_quote(nlp):
    text = "Speaking at the border crossing on Tuesday evening, Dorn said the talks had failed."
    [q] = dated(nlp, text, [quote(text, "the talks had failed", "Anneliese Dorn", "indirect")])
    assert q.date == "2022-11-22"


def test_a_time_expression_inside_the_quoted_words_does_not_date_the_quote(nlp):
    text = "Okonjo-Lind said both delegations had agreed to meet again on Tuesday."
    words = "both delegations had agreed to meet again on Tuesday"
    [q] = dated(nlp, text, [quote(text, words, "Rafael Okonjo-Lind", "indirect")])
    assert q.date is None
    assert q.date_source.startswith("none:")


def test_a_future_expression_in_the_attribution_does_not_date_the_quote(nlp):
    text = "Dorn, who will travel to Vessgard on Friday, said the station was a drawing."
    [q] = dated(nlp, text, [quote(text, "the station was a drawing", "Anneliese Dorn", "indirect")])
    assert q.date is None


def test_the_lead_carries_to_later_quotes_of_the_same_speaker(nlp):
    text = (
        "President Tomas Brenner on Wednesday defended the release.\n\n"
        "“I will not apologise,” the president said in a televised address. “Both things are true.”"
    )
    quotes = [
        quote(text, "I will not apologise,", "Tomas Brenner", n=0),
        quote(text, "Both things are true.", "Tomas Brenner", n=1),
    ]
    first, second = dated(nlp, text, quotes)
    assert first.date == second.date == "2022-11-23"
    assert first.date_source.startswith("lead:")


def test_another_speakers_quote_ends_the_lead(nlp):
    text = (
        "President Tomas Brenner on Wednesday defended the release.\n\n"
        "“I will not apologise,” the president said.\n\n"
        "NWA reported that 340 people had been moved.\n\n"
        "Asked about compensation, the president said it was “too early”."
    )
    quotes = [
        quote(text, "I will not apologise,", "Tomas Brenner", n=0),
        quote(text, "340 people had been moved", "Northwind Agency", "indirect", "report", 1),
        quote(text, "it was “too early”", "Tomas Brenner", "mixed", n=2),
    ]
    first, _, last = dated(nlp, text, quotes)
    assert first.date == "2022-11-23"
    assert last.date is None


def test_in_the_same_interview_continues_the_occasion_across_other_speakers(nlp):
    text = (
        "Tomas Brenner left Marenholt on Thursday night.\n\n"
        "“We came to write,” he said.\n\n"
        "“Nothing is off the table,” Marcek said.\n\n"
        "In the same interview, Brenner said Valdoria had lost nothing."
    )
    quotes = [
        quote(text, "We came to write,", "Tomas Brenner", n=0),
        quote(text, "Nothing is off the table,", "Ilya Marcek", n=1),
        quote(text, "Valdoria had lost nothing", "Tomas Brenner", "indirect", n=2),
    ]
    friday = PublicationDate("2023-06-16", "day", "manifest", 1.0)
    first, other, last = dated(nlp, text, quotes, friday)
    assert first.date == last.date == "2023-06-15"
    assert other.date is None


def test_an_interview_elsewhere_does_not_inherit_the_lead(nlp):
    text = (
        "Dorn came back from Vessgard yesterday and, in her first interview since, warned"
        " Karsk.\n\n“We signed a treaty, not a peace of mind,” she told the Mirror."
    )
    words = "We signed a treaty, not a peace of mind,"
    [q] = dated(nlp, text, [quote(text, words, "Anneliese Dorn", cue="tell")])
    assert q.date is None


def test_same_day_wire_report_dates_a_plain_said_by_publication_and_says_so(nlp):
    text = "KARSK, Nov 24 (NWA) - The dam was shut. Dorn said Kestria had received no warning."
    said = quote(text, "Kestria had received no warning", "Anneliese Dorn", "indirect")
    [q] = dated(nlp, text, [said])
    assert q.date == "2022-11-24"
    assert q.date_source.startswith("publication date: same-day report (dateline")


def test_a_report_of_yesterdays_news_does_not_date_a_plain_said_by_publication(nlp):
    text = "Brenner told negotiators yesterday that talks would go on. Marcek said it was hard."
    quotes = [quote(text, "it was hard", "Ilya Marcek", "indirect")]
    [q] = dated(nlp, text, quotes)
    assert q.date is None
    assert q.date_source == "none: no time expression governs the quote or its attribution"


def test_same_day_rule_can_be_switched_off(nlp):
    from storytrail.settings import Settings

    text = "KARSK, Nov 24 (NWA) - The dam was shut. Dorn said Kestria had received no warning."
    said = quote(text, "Kestria had received no warning", "Anneliese Dorn", "indirect")
    [q] = dated(nlp, text, [said], settings=Settings(time_same_day_reports=False))
    assert q.date is None


def test_present_tense_says_is_never_dated_by_publication(nlp):
    text = "KARSK, Nov 24 (NWA) - Brenner says his country did not come to trade accusations."
    words = "his country did not come to trade accusations"
    [q] = dated(nlp, text, [quote(text, words, "Tomas Brenner", "indirect")])
    assert q.date is None
    assert "present-tense" in q.date_source


def test_perfect_tense_has_described_is_not_dated(nlp):
    text = "KARSK, Nov 24 (NWA) - Okonjo-Lind has described them as “a beginning”."
    fragment = quote(text, "a beginning", "Rafael Okonjo-Lind", "fragment", "describe")
    [q] = dated(nlp, text, [fragment])
    assert q.date is None
    assert "perfect-tense" in q.date_source


def test_nested_quote_of_a_named_speaker_takes_the_date_of_the_quote_recalling_it(nlp):
    text = "“Dorn looked at me and said, ‘Put it in writing,’ and I did,” Brenner said on Thursday."
    quotes = [
        quote(text, "Dorn looked at me and said, ‘Put it in writing,’ and I did,", "Tomas Brenner"),
        quote(text, "Put it in writing,", "Anneliese Dorn", n=1),
    ]
    outer, nested = dated(nlp, text, quotes)
    assert outer.date == nested.date == "2022-11-24"
    assert nested.date_source.startswith("nested:")


def test_nested_quote_of_an_unnamed_speaker_stays_null(nlp):
    text = "“We were told, ‘the engineers need time,’ and we waited,” Dorn said on Tuesday."
    quotes = [
        quote(text, "We were told, ‘the engineers need time,’ and we waited,", "Anneliese Dorn"),
        quote(text, "the engineers need time,", None, n=1),
    ]
    outer, nested = dated(nlp, text, quotes)
    assert outer.date == "2022-11-22"
    assert nested.date is None


def test_an_embedded_post_is_dated_by_the_date_printed_under_it(nlp):
    text = "The president defended the release."
    post = Embed("Tomas Brenner", "TBrennerVAL", "2022-11-23", "We will help every family.", 0, 1)
    q = Quote("q", "a", "embed", "We will help every family.", 0, 0, speaker="Tomas Brenner")
    [dated_post] = dated(nlp, text, [q], embeds=[post])
    assert (dated_post.date, dated_post.date_source) == (
        "2022-11-23",
        "embed: the date printed under the post by @TBrennerVAL",
    )


def test_the_event_hook_dates_a_quote_no_expression_governs(nlp):
    text = "“A treaty without numbers is a postcard,” she said at the closing news conference."
    q = quote(text, "A treaty without numbers is a postcard,", "Anneliese Dorn")
    calls = []

    def event_date(asked):
        calls.append(asked.id)
        return UtteranceDate(asked.id, "2023-06-15", "day", "event: the Marenholt summit", "event")

    [found] = dated(nlp, text, [q], event_date=event_date)
    assert calls == ["q0"]
    assert (found.date, found.date_source) == ("2023-06-15", "event: the Marenholt summit")


def test_unknown_publication_date_leaves_a_weekday_quote_null_and_says_why(nlp):
    text = "“We are ready,” Dorn said on Wednesday."
    [q] = dated(nlp, text, [quote(text, "We are ready,", "Anneliese Dorn")], UNKNOWN_PUBLICATION)
    assert q.date is None
    assert "cannot be placed" in q.date_source


def test_date_quotes_returns_copies_and_leaves_its_input_alone(nlp):
    text = "“We are ready,” Dorn said on Wednesday."
    original = quote(text, "We are ready,", "Anneliese Dorn")
    before = asdict(original)
    [copy] = dated(nlp, text, [original])
    assert asdict(original) == before
    assert copy is not original and copy.date == "2022-11-23"


def test_utterance_dates_carry_the_evidence_span(nlp):
    text = "“We are ready,” Dorn said on Wednesday."
    doc = nlp(text)
    said = quote(text, "We are ready,", "Anneliese Dorn")
    [when] = utterance_dates([said], doc, time_expressions(doc, THURSDAY), THURSDAY)
    assert text[when.evidence_start : when.evidence_end] == "Wednesday"


def test_a_day_the_lead_states_beats_the_same_day_rule_after_another_speaker(nlp):
    """A wire story of Thursday: the lead dates the address to Wednesday; a quote of the
    same speaker after someone else's quote would get the dateline's day by the same-day
    rule, but the text states the day of the occasion."""
    text = (
        "VARNHOLM, Nov 24 (NWA) - In a televised address on Wednesday, November 23, "
        "President Tomas Brenner highlighted the damage to the power grid.\n\n"
        "“Our engineers have worked day and night,” Brenner said.\n\n"
        "“The lines are down in three valleys,” grid operator Ilse Varn said.\n\n"
        "“Without the volunteers we would be in the dark,” Brenner said."
    )
    quotes = [
        quote(text, "Our engineers have worked day and night,", "Tomas Brenner", n=0),
        quote(text, "The lines are down in three valleys,", "Ilse Varn", n=1),
        quote(text, "Without the volunteers we would be in the dark,", "Tomas Brenner", n=2),
    ]
    first, other, last = dated(nlp, text, quotes)
    assert first.date == last.date == "2022-11-23"
    assert last.date_source.startswith("lead: the occasion the lead gives Tomas Brenner")
    assert other.date == "2022-11-24"  # Varn has no stated day: the same-day rule stands
    assert other.date_source.startswith("publication date: same-day report")


def test_the_lead_of_a_described_person_dates_the_first_speaker_quoted_after_it(nlp):
    text = (
        "Lorvik's harbour minister on Wednesday warned against rushing the new dam.\n\n"
        "Anja Tessel, who has held the post since 2019, said the valley was not ready.\n\n"
        "“We cannot build in a hurry,” Tessel told a news conference."
    )
    quotes = [
        quote(text, "the valley was not ready", "Anja Tessel", "indirect", n=0),
        quote(text, "We cannot build in a hurry,", "Anja Tessel", cue="tell", n=1),
    ]
    first, second = dated(nlp, text, quotes)
    assert first.date == second.date == "2022-11-23"
    assert first.date_source.startswith("lead:") and "Wednesday" in first.date_source


def test_a_described_lead_does_not_date_a_different_first_speaker_later_on(nlp):
    """The lead's act belongs to the first person quoted after it, no one else."""
    text = (
        "Lorvik's harbour minister on Wednesday warned against rushing the new dam.\n\n"
        "Anja Tessel said the valley was not ready.\n\n"
        "Opposition leader Karl Brun said the minister was stalling."
    )
    quotes = [
        quote(text, "the valley was not ready", "Anja Tessel", "indirect", n=0),
        quote(text, "the minister was stalling", "Karl Brun", "indirect", n=1),
    ]
    first, second = dated(nlp, text, quotes)
    assert first.date == "2022-11-23"
    assert second.date is None


def test_an_estimated_publication_date_places_stated_days_but_not_yesterday(nlp):
    """A plain text with no metadata: a pasted post gives 2022; "Wednesday, November 23"
    fits it and dates the speaker's quotes; "yesterday" cannot be counted from a day that
    is only a lower bound, and no quote is dated by the same-day rule."""
    from storytrail import clean_text
    from storytrail.model import Article
    from storytrail.time import publication_date

    text = (
        "Speaking in Karsk on Wednesday, November 23, President Tomas Brenner defended the "
        "release.\n\n"
        "“I will not apologise,” Brenner said.\n\n"
        "Our engineers acted to protect everyone. pic.twitter.com/AbC123xyz\n\n"
        "— Tomas Brenner (@TBrennerVAL) November 23, 2022\n\n"
        "Officials said yesterday the turbines were shut."
    )
    clean = clean_text(text)
    doc = nlp(clean.text)
    anchor = publication_date(Article("a", "t.txt", text), clean, doc)
    assert (anchor.value, anchor.estimated) == ("2022-11-23", True)
    expressions = time_expressions(doc, anchor)
    found = {e.text: e for e in expressions}
    assert found["Wednesday, November 23"].value == "2022-11-23"
    assert found["yesterday"].value is None
    body = clean.text
    quotes = [
        quote(body, "I will not apologise,", "Tomas Brenner", n=0),
        quote(body, "the turbines were shut", "Officials", "indirect", n=1),
    ]
    brenner, officials = date_quotes(quotes, doc, expressions, anchor, embeds=clean.embeds)
    assert brenner.date == "2022-11-23"
    assert officials.date is None and "cannot be placed" in officials.date_source
