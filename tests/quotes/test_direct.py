"""Direct quotes: the reporting clause after, before, or carried over from the last quote."""


def by_text(quotes) -> dict:
    return {q.text: q for q in quotes}


def test_split_quote_keeps_both_halves_for_one_speaker(quotes_of):
    quotes = quotes_of(
        "Mayor Ines Calder spoke after the vote. “The bridge will open in May,” she said, "
        "“and nobody will pay a toll.”"
    )
    first, second = quotes
    assert first.text == "The bridge will open in May,"
    assert second.text == "and nobody will pay a toll."
    assert {q.speaker for q in quotes} == {"Ines Calder"}
    assert {q.kind for q in quotes} == {"direct"} and {q.cue for q in quotes} == {"say"}


def test_reporting_clause_after_the_quote_names_the_speaker(quotes_of):
    (quote,) = quotes_of("“We have no water left,” farmer Oskar Lunde told reporters.")
    assert (quote.kind, quote.cue, quote.speaker) == ("direct", "tell", "Oskar Lunde")
    assert quote.speaker_mention == "farmer Oskar Lunde"


def test_inverted_reporting_clause_names_the_speaker(quotes_of):
    (quote,) = quotes_of("“The harbour is closed,” said port director Mara Ekholm.")
    assert (quote.speaker, quote.cue) == ("Mara Ekholm", "say")


def test_quote_introduced_by_a_colon_takes_the_speaker_before_it(quotes_of):
    (quote,) = quotes_of("Finance Minister Paul Renn said: “The budget is balanced.”")
    assert (quote.kind, quote.text, quote.speaker) == (
        "direct",
        "The budget is balanced.",
        "Paul Renn",
    )


def test_colon_after_a_verdict_on_the_speaker_gives_the_cue_be_plus_adjective(quotes_of):
    text = "Judge Alma Voss spoke briefly. Voss was blunt: “The appeal has no merit.”"
    (quote,) = quotes_of(text)
    assert (quote.cue, quote.speaker) == ("be blunt", "Alma Voss")


def test_next_sentence_quote_carries_the_speaker_on(quotes_of):
    text = "“Prices will fall,” economist Lena Marsh said. “Not this year, but next.”"
    quotes = by_text(quotes_of(text))
    follow = quotes["Not this year, but next."]
    assert (follow.kind, follow.speaker, follow.cue) == ("direct", "Lena Marsh", "say")


def test_two_paragraph_quote_is_two_quotes_of_the_colon_speaker(quotes_of):
    text = (
        "Coach Teo Varga met the press. Asked about the loss, he said:\n\n"
        "“We played badly. We know it.\n\n"
        "“Next week will be different.”"
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "We played badly. We know it.",
        "Next week will be different.",
    ]
    assert {q.speaker for q in quotes} == {"Teo Varga"}


def test_question_quote_takes_the_cue_ask(quotes_of):
    (quote, follow) = quotes_of("“Who pays for the repairs?” Senator Rhea Moll asked. “Nobody.”")
    assert (quote.cue, quote.speaker) == ("ask", "Rhea Moll")
    assert follow.speaker == "Rhea Moll"


def test_quoted_words_ending_a_writers_sentence_make_a_mixed_quote(quotes_of):
    (quote,) = quotes_of("The new tax “will hurt every family,” opposition leader Dag Holm said.")
    assert quote.kind == "mixed"
    assert quote.text == "The new tax “will hurt every family,”"


def test_nested_quote_is_credited_inside_the_outer_one(quotes_of):
    text = "“My father looked at me and said, ‘Never sell the farm,’” grower Nils Aske said."
    quotes = by_text(quotes_of(text))
    inner = quotes["Never sell the farm,"]
    assert inner.speaker_mention == "My father" and inner.kind == "direct"
    assert quotes["My father looked at me and said, ‘Never sell the farm,’"].speaker == "Nils Aske"


def test_first_person_in_a_nested_quote_is_the_outer_speaker(quotes_of):
    text = "“She asked me, ‘Will you run?’ and I said, ‘Yes, I will,’” candidate Ana Roth said."
    quotes = by_text(quotes_of(text))
    assert quotes["Yes, I will,"].speaker == "Ana Roth"


def test_headline_like_first_line_is_not_a_quote(quotes_of):
    text = "Mayor: ‘The bridge stays shut’\n\nThe bridge will stay shut all winter, the city said."
    assert all("bridge stays shut" not in q.text for q in quotes_of(text))


def test_title_in_quotation_marks_is_not_a_direct_quote(quotes_of):
    text = "He appeared on “Morning With Kira Dahl,” the host said."
    assert all(q.text != "Morning With Kira Dahl," for q in quotes_of(text))


def test_unbalanced_mark_in_an_article_keeps_its_other_quotes(quotes_of):
    text = (
        "“We will never agree, the minister began before stopping.\n\n"
        "“The talks are over,” spokesman Ivo Rask said. “Nobody is surprised.”"
    )
    assert [q.text for q in quotes_of(text)] == ["The talks are over,", "Nobody is surprised."]


def test_quote_introduced_by_a_dash_takes_the_speaker_before_it(quotes_of):
    (quote,) = quotes_of("Harbour master Eva Lind said — “The sea decides.”")
    assert (quote.kind, quote.speaker, quote.cue) == ("direct", "Eva Lind", "say")


def test_put_it_is_a_two_word_cue(quotes_of):
    (quote,) = quotes_of("Harbour master Eva Lind put it simply: “The sea decides.”")
    assert (quote.cue, quote.speaker) == ("put it", "Eva Lind")


def test_run_on_quote_pieces_are_all_direct_for_the_colon_speaker(quotes_of):
    text = (
        'The harbour master, Ilse Marr, was plain. She said: "The ferry is late again. '
        '"The coast road is shut. "Nobody here has a way out." Officials did not comment.'
    )
    quotes = quotes_of(text)
    assert [(q.kind, q.text, q.speaker) for q in quotes] == [
        ("direct", "The ferry is late again.", "Ilse Marr"),
        ("direct", "The coast road is shut.", "Ilse Marr"),
        ("direct", "Nobody here has a way out.", "Ilse Marr"),
    ]


def test_run_on_quote_with_its_cue_at_the_end_credits_every_piece(quotes_of):
    text = (
        'Talks broke down on Friday. "We came in good faith. '
        '"We leave with nothing," said the envoy, Pavel Ostrik.'
    )
    quotes = quotes_of(text)
    assert [(q.kind, q.speaker) for q in quotes] == [
        ("direct", "Pavel Ostrik"),
        ("direct", "Pavel Ostrik"),
    ]
