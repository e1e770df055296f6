"""The classes of attribution error real news showed (issue 14), one test or more each.

Every text is fiction written for these tests; each reproduces the shape of an error
found on real reporting, not its words. The comment on each test names the class.
"""

from __future__ import annotations


def speaker_of(quotes, start: str) -> str | None:
    (quote,) = [q for q in quotes if q.text.startswith(start)]
    return quote.speaker


# --- 1. titles and roles ---------------------------------------------------------------


def test_the_bare_title_is_not_the_deputy_who_holds_a_qualified_one(quotes_of):
    text = (
        "Prime Minister Ilse Varga opened the session. Deputy Prime Minister Karl Brandt "
        "spoke after her about the budget. The prime minister said the harbour tax would stay."
    )
    assert speaker_of(quotes_of(text), "the harbour tax") == "Ilse Varga"


def test_the_shadow_title_goes_to_its_holder_and_the_bare_title_to_the_other(quotes_of):
    text = (
        "Ruth Anselm set out her spending plans on Tuesday. But Tobias Hale, for the "
        "opposition, attacked the plans. The shadow chancellor said the sums did not add up. "
        "The chancellor said the plans were prudent."
    )
    quotes = quotes_of(text)
    assert speaker_of(quotes, "the sums did not add up") == "Tobias Hale"
    assert speaker_of(quotes, "the plans were prudent") == "Ruth Anselm"


def test_a_definite_description_takes_up_the_person_in_focus(quotes_of):
    text = (
        "Comedian Arno Pike has criticised modern television. "
        "The 70-year-old entertainer said there was too much shouting on screen."
    )
    assert speaker_of(quotes_of(text), "there was too much shouting") == "Arno Pike"


def test_a_leads_indefinite_source_is_the_person_named_next(quotes_of):
    text = (
        "Harbour fees will rise next spring, a transport minister has said.\n\n"
        "Lena Oster said the port could not go on losing money."
    )
    quotes = quotes_of(text)
    assert speaker_of(quotes, "Harbour fees will rise") == "Lena Oster"


# --- 2. unnamed sources stay unnamed ---------------------------------------------------


def test_a_spokesman_is_not_the_minister_he_speaks_for(quotes_of):
    text = (
        "Minister Petra Lund announced the plan on Monday. A spokesman for the ministry "
        "said the plan would cost nothing. “Nobody will pay more,” he said."
    )
    quotes = quotes_of(text)
    assert speaker_of(quotes, "the plan would cost nothing") is None
    assert speaker_of(quotes, "Nobody will pay more") is None


def test_a_pronoun_after_an_unnamed_spokeswoman_stays_with_her(quotes_of):
    text = (
        "Councillor Mara Holt backed the ferry plan. A spokeswoman for the opposition "
        "disagreed. “The sums are wrong,” she said."
    )
    assert speaker_of(quotes_of(text), "The sums are wrong") is None


def test_an_unnamed_source_keeps_its_description_as_the_mention(found_in):
    text = "Officials at the port said the cranes would be replaced."
    (quote,) = found_in(text)
    assert quote.speaker is None
    assert quote.speaker_mention == "Officials at the port"


# --- 3. not people ---------------------------------------------------------------------


def test_the_company_is_the_organisation_the_article_is_about(quotes_of):
    text = (
        "Shares in Lantern Foods fell 8% on Monday. Lantern Foods blamed a wet summer. "
        "The company said sales would recover by spring."
    )
    assert speaker_of(quotes_of(text), "sales would recover") == "Lantern Foods"


def test_the_firm_follows_the_organisation_in_focus_not_the_most_mentioned(quotes_of):
    text = (
        "Orbis Bank said Orbis Bank would cut jobs. Orbis Bank staff were told on Friday. "
        "Separately, Kell Mining warned of losses. Kell Mining shares fell. "
        "The firm said the mine would reopen in May."
    )
    assert speaker_of(quotes_of(text), "the mine would reopen") == "Kell Mining"


def test_a_title_the_tagger_reads_as_a_name_is_a_description(quotes_of):
    text = (
        "Producer Timo Rask played his last show on Saturday. "
        "The DJ said the crowd had been the best of his life."
    )
    assert speaker_of(quotes_of(text), "the crowd had been") == "Timo Rask"


def test_a_name_in_apposition_after_the_quote_speaks_not_the_description(quotes_of):
    text = "“The poorest will pay first,” Oskar Lind, the charity's head of Trade Policy, said."
    assert speaker_of(quotes_of(text), "The poorest will pay first") == "Oskar Lind"


def test_the_government_speaks_for_itself_when_no_company_is_meant(quotes_of):
    text = (
        "Tarvo Metals owns the mine. Tarvo Metals said it had paid its taxes. "
        "The government said the mine would be inspected."
    )
    quotes = quotes_of(text)
    assert speaker_of(quotes, "the mine would be inspected") not in ("Tarvo Metals",)


# --- 6. two alternating speakers -------------------------------------------------------


def test_he_after_a_newcomer_is_the_newcomer_not_the_man_he_disagreed_with(quotes_of):
    text = (
        "Jonas Weil said the market was dying. However, Aaron Falk, head of the traders' "
        "union, said he did not think it was as bad as Mr Weil believed. "
        "“We have problems, but so does everyone,” he argued."
    )
    assert speaker_of(quotes_of(text), "We have problems") == "Aaron Falk"


def test_he_prefers_a_full_name_to_a_one_word_name_the_tagger_took_for_a_person(quotes_of):
    text = (
        "One doubter was Ivo Marsh, head of research at analysts Corvane. "
        "He said: “It will not change much.”"
    )
    assert speaker_of(quotes_of(text), "It will not change much") == "Ivo Marsh"


# --- 7. quotes over several paragraphs (see also test_marks, test_direct) ---------------


def test_every_run_on_piece_is_direct_never_indirect(quotes_of):
    text = (
        'Mayor Dana Kroll was blunt. She said: "The bridge is closed. "The ferry is full. '
        '"Nobody can reach the hospital."'
    )
    quotes = quotes_of(text)
    assert [q.kind for q in quotes] == ["direct", "direct", "direct"]
    assert {q.speaker for q in quotes} == {"Dana Kroll"}


# --- fragments credited by naming ------------------------------------------------------


def test_a_passive_naming_credits_its_agent(quotes_of):
    text = (
        "Senator Ola Brun spoke on Monday. Her remarks were described as “reckless” "
        "by the Harbour Workers Union."
    )
    (quote,) = quotes_of(text)
    assert (quote.kind, quote.text, quote.speaker) == (
        "fragment",
        "reckless",
        "Harbour Workers Union",
    )


def test_attacking_something_as_a_phrase_credits_the_phrase(quotes_of):
    text = "Vera Stahl attacked the levy as a “tax on breathing” on Monday."
    (quote,) = quotes_of(text)
    assert (quote.kind, quote.text, quote.speaker) == ("fragment", "tax on breathing", "Vera Stahl")


def test_scare_quotes_are_not_quotes(quotes_of):
    text = "The so-called “bridge war” dragged on. Mayor Dana Kroll said talks would resume."
    assert [q.text for q in quotes_of(text)] == ["talks would resume"]


# --- reported speech set off by commas -------------------------------------------------


def test_an_aside_cue_reports_the_sentence_around_it(quotes_of):
    text = (
        "Economist Hana Veld was upbeat. The economy had grown for ten quarters, she said, "
        "and would keep growing."
    )
    quote = next(q for q in quotes_of(text) if "grown" in q.text)
    assert quote.kind == "indirect"
    assert quote.speaker == "Hana Veld"
    assert quote.text.startswith("The economy had grown") and quote.text.endswith("growing")


def test_an_inverted_aside_cue_reports_the_sentence_around_it(quotes_of):
    text = (
        "Analyst Per Rask spoke to the inquiry. Outages like this happen, said Mr Rask, "
        "because the software is old."
    )
    quote = next(q for q in quotes_of(text) if "Outages" in q.text)
    assert (quote.kind, quote.speaker) == ("indirect", "Per Rask")


# --- a quoted sentence that continues the last report ----------------------------------


def test_a_quote_with_no_cue_continues_the_report_before_it(quotes_of):
    text = (
        "Kai Brun, the bank's strategist, said the merger was bold. "
        "“We think it will pay for itself within two years.”"
    )
    quote = next(q for q in quotes_of(text) if q.text.startswith("We think"))
    assert (quote.kind, quote.speaker) == ("direct", "Kai Brun")


def test_a_quote_with_no_cue_continues_into_the_next_paragraph(quotes_of):
    text = (
        "“The vote is close,” said Councillor Edda Sorn.\n\n"
        "“If we lose it, the ferry stops in May.”"
    )
    quote = next(q for q in quotes_of(text) if q.text.startswith("If we lose"))
    assert (quote.kind, quote.speaker) == ("direct", "Edda Sorn")


def test_a_quote_after_another_person_is_named_is_not_carried_on(quotes_of):
    text = (
        "Kai Brun said the merger was bold. Critics led by Ola Mett disagreed strongly. "
        "“It will never pay for itself.”"
    )
    assert not [q for q in quotes_of(text) if q.speaker == "Kai Brun" and "never" in q.text]


# --- 8. what a statement is: the proposition, not a fragment of it ----------------------


def test_a_denial_reports_the_proposition_denied(quotes_of):
    text = "Ferry chief Lotte Brink refuted suggestions that the service had been too slow."
    (quote,) = quotes_of(text)
    assert (quote.text, quote.speaker) == ("the service had been too slow", "Lotte Brink")


def test_a_verb_conjoined_to_a_passive_shares_its_subject(quotes_of):
    text = "Mayor Ines Vall was advised to wait and said she had done nothing wrong."
    (quote,) = quotes_of(text)
    assert (quote.text, quote.speaker) == ("she had done nothing wrong", "Ines Vall")


def test_an_aside_after_a_short_opener_reports_what_follows(quotes_of):
    text = "Analyst Rolf Dane was cautious. Also, he said, the new model sold poorly abroad."
    quote = next(q for q in quotes_of(text) if "sold poorly" in q.text)
    assert (quote.text, quote.speaker) == ("the new model sold poorly abroad", "Rolf Dane")


# --- 3 (more). organisations the tagger calls people; two people, one surname ----------


def test_a_club_named_after_its_city_is_an_organisation_not_a_person(quotes_of):
    text = (
        "Vessgard Rovers rejected the offer from Lisa Marrow. Fans met near Vessgard "
        "Harbour on Sunday. The club said the bid undervalued the team."
    )
    assert speaker_of(quotes_of(text), "the bid undervalued") == "Vessgard Rovers"


def test_two_people_with_one_surname_stay_two_people(quotes_of):
    text = (
        "Singer Tom Arlo and his wife Nina Arlo lost their rings in a burglary. "
        "Nina Arlo said the rings had been taken from her bedside. "
        "Tom Arlo said he was glad nobody was hurt."
    )
    quotes = quotes_of(text)
    assert speaker_of(quotes, "the rings had been taken") == "Nina Arlo"
    assert speaker_of(quotes, "he was glad") == "Tom Arlo"


def test_a_first_name_alone_is_the_one_person_with_that_first_name(quotes_of):
    text = (
        "Nina Arlo and Tom Arlo returned home on Monday. "
        "Nina, who called the police, said the safe had been forced."
    )
    assert speaker_of(quotes_of(text), "the safe had been forced") == "Nina Arlo"


def test_a_spokeswoman_phrase_headed_by_her_department_is_still_unnamed(quotes_of):
    text = (
        "Minister Anja Ruud left office in May. A Department for Coastal Affairs "
        "spokeswoman said the post had been advertised."
    )
    assert speaker_of(quotes_of(text), "the post had been advertised") is None


# --- 3 (more). datelines and programme titles are not speakers --------------------------


def test_a_bracketed_wire_dateline_is_not_part_of_the_report(quotes_of):
    text = (
        "Vessgard [Kestria], March 3 (NWA): The ferry will stop in May, "
        "Lars Eng, the harbour chief, said."
    )
    (quote,) = quotes_of(text)
    assert (quote.text, quote.speaker) == ("The ferry will stop in May", "Lars Eng")


def test_a_quote_after_a_bracketed_dateline_is_direct_not_mixed(quotes_of):
    text = "Vessgard [Kestria], March 3 (NWA): “The gates will stay shut,” Lars Eng said."
    (quote,) = quotes_of(text)
    assert (quote.kind, quote.text, quote.speaker) == (
        "direct",
        "The gates will stay shut,",
        "Lars Eng",
    )


def test_a_name_in_a_programme_title_is_nobody_speaking(quotes_of):
    text = (
        "Minister Ola Brun appeared on Sunday Lunch with Petersen programme. "
        "“The tax will stay,” he said."
    )
    assert speaker_of(quotes_of(text), "The tax will stay") == "Ola Brun"


# --- 4. names inside the quote, and whom a statement is about ---------------------------


def test_a_name_inside_what_was_said_is_not_who_said_it(quotes_of):
    text = (
        "Opposition leader Mira Tann spoke after the vote. "
        "Mr Orsk's budget was a failure from the start, she said."
    )
    assert speaker_of(quotes_of(text), "Mr Orsk's budget") == "Mira Tann"


def test_a_ministrys_statement_about_a_detainee_is_the_ministrys(quotes_of):
    text = (
        "Farid Olan was arrested in March. The Interior Ministry said in a statement that "
        "Mr Olan would be released on Friday."
    )
    speaker = speaker_of(quotes_of(text), "Mr Olan would be released")
    assert speaker == "Interior Ministry"


# --- 5. "it said": the organisation the paragraph is about ------------------------------


def test_it_said_is_the_organisation_in_focus_not_the_nearest_noun(quotes_of):
    text = (
        "The Kestrian Foreign Ministry rejected a report by the Harbour Times. "
        "It said the talks would go on."
    )
    assert speaker_of(quotes_of(text), "the talks would go on") == "Kestrian Foreign Ministry"


# --- 8. junk content is not a statement ------------------------------------------------


def test_a_clause_that_says_nothing_is_not_a_quote(quotes_of):
    for text in (
        "The council said after the floods came to the valley.",
        "Officials said a week ago.",
        "The envoy said Afghanistan.",
    ):
        assert quotes_of(text) == [], text


# --- 10. words reported twice are one quote --------------------------------------------


def test_a_clause_inside_a_clause_of_the_same_speaker_is_one_quote(quotes_of):
    text = "Dora Venn said she found it hard to convince the clerks she was a minister."
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "she found it hard to convince the clerks she was a minister"
    ]


def test_a_clause_before_its_cue_stops_at_the_sentence_the_parser_ran_into_it(quotes_of):
    text = (
        "“It is cheap even for a laptop,” said Nina Ross, deputy editor at Byte Weekly. "
        "The new model could find a home in small offices, she said."
    )
    quote = next(q for q in quotes_of(text) if "small offices" in q.text)
    assert quote.text.startswith("The new model")
    assert quote.speaker == "Nina Ross"


def test_a_name_in_a_quoted_clause_before_the_cue_is_not_the_pronouns_antecedent(quotes_of):
    text = (
        "Former bank chief Arvid Holm denied the charges. "
        "Mr Berg “made the lending decisions,” he told the court."
    )
    quote = next(q for q in quotes_of(text) if "lending decisions" in q.text)
    assert quote.speaker == "Arvid Holm"


def test_a_letter_speaks_for_whoever_it_is_from(quotes_of):
    text = (
        "The row grew on Monday. But a letter from Chamber Office chief Karl Ruud made clear "
        "that the member had broken no rule."
    )
    quote = next(q for q in quotes_of(text) if "broken no rule" in q.text)
    assert quote.speaker == "Karl Ruud"


def test_an_office_owned_by_an_unnamed_title_is_the_office(quotes_of):
    text = "The information commissioner's office said surveys were allowed."
    (quote,) = quotes_of(text)
    assert quote.speaker is not None and "office" in quote.speaker.lower()


def test_a_denial_without_that_still_reports_the_proposition(quotes_of):
    text = "Mr Ebbe Lund rejected allegations he had hidden the losses."
    (quote,) = quotes_of(text)
    assert (quote.text, quote.speaker) == ("he had hidden the losses", "Ebbe Lund")


def test_whoever_owns_a_title_is_not_its_holder_nor_is_a_place(found_in):
    # Both "Veld" and "Ostmark" are tagged PERSON by the small model.
    text = "Talks opened in Veld on Monday. Ostmark's foreign minister said the treaty was dead."
    (quote,) = found_in(text)
    assert (quote.speaker, quote.speaker_mention) == (None, "Ostmark's foreign minister")
