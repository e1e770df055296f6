"""Reported speech: "X said that …", "according to X, …", and what is not reported speech."""


def by_text(quotes) -> dict:
    return {q.text: q for q in quotes}


def test_said_that_reports_the_clause_without_that(quotes_of):
    (quote,) = quotes_of("Police chief Omar Falk said that the road would reopen on Friday.")
    assert (quote.kind, quote.text, quote.cue) == (
        "indirect",
        "the road would reopen on Friday",
        "say",
    )
    assert quote.speaker == "Omar Falk"


def test_warned_and_told_reporters_that_are_cues(quotes_of):
    quotes = by_text(
        quotes_of(
            "Engineer Tove Rask warned that the wall could fail. She told reporters that "
            "repairs would cost millions."
        )
    )
    assert quotes["the wall could fail"].cue == "warn"
    told = quotes["repairs would cost millions"]
    assert (told.cue, told.speaker, told.speaker_mention) == ("tell", "Tove Rask", "She")


def test_made_clear_is_a_two_word_cue(quotes_of):
    (quote,) = quotes_of("Prime Minister Jon Vale made clear that taxes would not rise.")
    assert (quote.cue, quote.text) == ("make clear", "taxes would not rise")


def test_according_to_reports_the_rest_of_the_sentence(quotes_of):
    (quote,) = quotes_of("According to spokeswoman Hanna Berg, the ferry will run again on Monday.")
    assert (quote.kind, quote.cue, quote.speaker) == ("indirect", "according to", "Hanna Berg")
    assert quote.text == "the ferry will run again on Monday"


def test_reporting_clause_after_the_content(quotes_of):
    (quote,) = quotes_of(
        "The ferry will run again on Monday, harbour chief Lars Eng said on Sunday."
    )
    assert (quote.text, quote.speaker) == ("The ferry will run again on Monday", "Lars Eng")


def test_dateline_is_not_part_of_the_reported_clause(quotes_of):
    (quote,) = quotes_of(
        "OSTRAVEN, May 3 (NWA) - The ferry will run again on Monday, harbour chief Lars Eng said."
    )
    assert quote.text == "The ferry will run again on Monday"


def test_reporting_noun_with_a_that_clause_is_reported_speech(quotes_of):
    (quote,) = quotes_of("Officials dismissed Mayor Kai Dorff's claim that the bridge was unsafe.")
    assert (quote.kind, quote.cue, quote.speaker) == ("indirect", "claim", "Kai Dorff")


def test_remarks_without_a_clause_report_nothing(quotes_of):
    assert quotes_of("The ministry has not commented on Mayor Kai Dorff's remarks.") == []


def test_denial_that_anything_was_said_is_not_a_quote(quotes_of):
    assert quotes_of("Spokesman Per Nyman did not say whether the talks had failed.") == []


def test_question_is_not_reported_speech(quotes_of):
    assert quotes_of("The Gazette asked the ministry whether the station was safe.") == []


def test_opinion_paragraph_is_not_a_quote(quotes_of):
    text = (
        "This newspaper has long argued that the bridge needs a second lane. "
        "The Gazette has argued since spring that tolls should go."
    )
    assert quotes_of(text, outlet="The Northern Gazette") == []


def test_another_outlet_reporting_is_a_quote(quotes_of):
    (quote,) = quotes_of(
        "The Coast Herald reported that the bridge would close.", outlet="The Northern Gazette"
    )
    assert (quote.speaker, quote.cue) == ("Coast Herald", "report")
