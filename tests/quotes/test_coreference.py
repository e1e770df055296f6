"""Speakers named by pronouns, titles, roles and documents: the salience resolver."""


def by_text(quotes) -> dict:
    return {q.text: q for q in quotes}


def test_pronoun_goes_to_the_last_person_who_was_a_subject(quotes_of):
    text = (
        "Trade Minister Hugo Brandt met union leaders on Monday. Brandt said the plant would stay "
        "open.\n\n“Nobody loses a job this year,” he said."
    )
    quote = by_text(quotes_of(text))["Nobody loses a job this year,"]
    assert (quote.speaker, quote.speaker_mention) == ("Hugo Brandt", "he")


def test_she_skips_a_man_the_article_has_marked(quotes_of):
    text = (
        "Judge Vera Lind opened the hearing. Mr Tomas Orr, the defence lawyer, objected. "
        "“The objection is noted,” she said."
    )
    assert quotes_of(text)[0].speaker == "Vera Lind"


def test_the_president_resolves_to_the_person_with_that_title(quotes_of):
    text = (
        "President Mila Osk arrived in the capital with Interior Minister Jan Rudd. Later, the "
        "president said the border would stay open."
    )
    quote = by_text(quotes_of(text))["the border would stay open"]
    assert (quote.speaker, quote.speaker_mention) == ("Mila Osk", "the president")


def test_the_norlandian_leader_resolves_through_nationality(quotes_of):
    text = (
        "Norlandian President Edvin Saar met Sudmark's Prime Minister Ruth Kell on Friday. "
        "The Norlandian leader said the talks had been useful."
    )
    quote = quotes_of(text)[0]
    assert quote.speaker == "Edvin Saar"


def test_nominal_named_later_in_the_article_resolves_forward(quotes_of):
    text = (
        "Sudmark's top diplomat said the treaty was dead. Speaking in Veld, Foreign Minister "
        "Ruth Kell added that talks could resume in spring."
    )
    quote = by_text(quotes_of(text))["the treaty was dead"]
    assert quote.speaker == "Ruth Kell"


def test_the_report_concluded_attributes_to_the_outlet_or_org(quotes_of):
    with_org = (
        "The River Safety Board published its report on Tuesday.\n\n"
        "“The levee was never inspected,” the report concluded."
    )
    (quote,) = quotes_of(with_org)
    assert (quote.speaker, quote.cue, quote.speaker_mention) == (
        "River Safety Board",
        "conclude",
        "the report",
    )
    without_org = "“The levee was never inspected,” the report concluded."
    (quote,) = quotes_of(without_org, outlet="The Valley Ledger")
    assert quote.speaker == "The Valley Ledger"


def test_persons_ministry_is_named_from_title_and_country(quotes_of):
    text = (
        "Sudmark's foreign minister, Ruth Kell, arrived late. Kell's ministry described the "
        "offer as “too little, too late”."
    )
    quote = by_text(quotes_of(text))["too little, too late"]
    assert quote.speaker == "Sudmarkian Foreign Ministry"


def test_relative_who_is_the_person_before_it(quotes_of):
    text = (
        "The plan was presented by Ada Falk, the council's planner, who told reporters that "
        "work would begin in June."
    )
    (quote,) = quotes_of(text)
    assert quote.speaker == "Ada Falk"
