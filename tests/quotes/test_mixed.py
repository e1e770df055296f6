"""Mixed quotes and fragments: quoted words inside someone else's sentence."""


def by_text(quotes) -> dict:
    return {q.text: q for q in quotes}


def test_mixed_quote_is_the_whole_reported_clause_with_its_marks(quotes_of):
    (quote,) = quotes_of(
        "Harbour master Eva Lind said the storm had been “the worst in forty years” "
        "for the fishing fleet."
    )
    assert quote.kind == "mixed" and quote.cue == "say" and quote.speaker == "Eva Lind"
    assert quote.text == "the storm had been “the worst in forty years” for the fishing fleet"


def test_continued_by_saying_is_the_cue_say(quotes_of):
    (quote,) = quotes_of(
        'Governor Rolf Amsel continued by saying the first task is "rebuilding the school."'
    )
    assert (quote.kind, quote.cue, quote.speaker) == ("mixed", "say", "Rolf Amsel")
    assert quote.text == 'the first task is "rebuilding the school."'


def test_second_that_clause_is_a_second_quote(quotes_of):
    quotes = by_text(
        quotes_of(
            "Senator Ada Brun said that the vote had been “fair and calm”, but that the count "
            "would take a week."
        )
    )
    assert quotes["the vote had been “fair and calm”"].kind == "mixed"
    assert quotes["the count would take a week"].kind == "indirect"
    assert {q.speaker for q in quotes.values()} == {"Ada Brun"}


def test_scare_quote_without_speaker_is_a_fragment(found_in, quotes_of):
    text = "The so-called “bread tax” has angered bakers across the region."
    (scare,) = found_in(text, scare_quotes=True)
    assert (scare.kind, scare.text, scare.speaker) == ("fragment", "bread tax", None)
    assert quotes_of(text) == []  # a fragment nobody said is not one of the article's quotes


def test_described_as_makes_an_attributed_fragment(quotes_of):
    (quote,) = quotes_of(
        "Trade envoy Lisa Orne has described the deal as “a first step, not a cure”."
    )
    assert (quote.kind, quote.text, quote.cue) == (
        "fragment",
        "a first step, not a cure",
        "describe",
    )
    assert quote.speaker == "Lisa Orne"


def test_in_her_own_words_credits_the_subject(quotes_of):
    (quote,) = quotes_of(
        "Minister Clara Holt left the summit with a handshake and, in her own words, "
        "“nothing else worth mentioning”."
    )
    assert (quote.kind, quote.cue, quote.speaker) == ("fragment", "in her own words", "Clara Holt")


def test_single_attributed_word_is_mixed_not_a_scare_quote(quotes_of):
    (quote,) = quotes_of("President Ivo Sand said the plan was “premature”.")
    assert (quote.kind, quote.text) == ("mixed", "the plan was “premature”")
