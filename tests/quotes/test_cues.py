"""Reporting verbs matched on their word forms (the pipeline runs without a lemmatizer)."""

from storytrail.quotes.cues import form_table, inflections


def test_regular_inflections_cover_the_forms_news_uses():
    assert {"admits", "admitted", "admitting"} <= inflections("admit")
    assert {"denies", "denied"} <= inflections("deny")
    assert {"emphasised", "emphasising"} <= inflections("emphasise")


def test_irregular_forms_map_to_their_lemma():
    table = form_table(frozenset({"say", "tell", "write"}))
    assert (table["said"], table["told"], table["wrote"]) == ("say", "tell", "write")


def test_noun_report_is_not_the_cue_report(quotes_of):
    assert quotes_of("The report on the flood was published on Monday.") == []
