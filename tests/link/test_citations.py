"""Which sources an article says it got its news from (tests/golden/README.md, citations)."""

import pytest

from storytrail.link.citations import find_citations
from storytrail.nlp import load_pipeline


@pytest.fixture(scope="module")
def cite():
    nlp = load_pipeline()
    return lambda text, outlet=None: [
        (c.cites, c.cue, c.via) for c in find_citations(nlp(text), outlet)
    ]


def test_agency_in_a_dateline_is_cited(cite):
    text = "LORVIK, March 14 (NWA) - The two delegations met on Monday for the first time."
    assert cite(text, "Basin Post") == [("NWA", "dateline", None)]


def test_dateline_with_country_is_cited(cite):
    text = "TESHAVEL, Kestria, Nov 22 (NWA) - Hundreds of people were moved to higher ground."
    assert cite(text) == [("NWA", "dateline", None)]


def test_agency_own_dateline_is_not_a_citation(cite):
    text = "ORLEK, May 3 (ONA) - The ferry resumed its crossings after a week of storms."
    assert cite(text, "Orlek News Agency") == []
    assert cite(text, "Harbour Review") == [("ONA", "dateline", None)]


def test_outlet_naming_itself_is_not_a_citation(cite):
    text = "The Valley Herald reported on Monday that the bridge would close."
    assert cite(text, "The Valley Herald") == []
    assert cite(text, "Orlek News Agency") == [("Valley Herald", "reported", None)]


def test_citing_chain_gives_the_source_and_the_intermediary(cite):
    found = cite("Basin Post, citing Northwind Agency, reported that the gates were opened.")
    assert found == [
        ("Basin Post", "reported", None),
        ("Northwind Agency", "citing", "Basin Post"),
    ]


def test_according_to_a_medium_is_a_citation(cite):
    found = cite("According to Kestrian state radio, the water rose by a metre overnight.")
    assert found == [("Kestrian state radio", "according to", None)]


def test_according_to_a_person_is_a_speaker_not_a_citation(cite):
    assert cite("According to spokesman Ilya Marcek, the two sides will meet again.") == []


def test_organisation_saying_something_is_a_speaker_not_a_citation(cite):
    # The golden README: a citation is an outlet or medium the article got its news from.
    assert cite("The Seln Basin Commission said it would send inspectors to the dam.") == []
    assert cite("The Harbour Authority published its figures for the year on Friday.") == []


def test_medium_saying_something_is_a_cited_source(cite):
    found = cite("The Orlek Herald said the ferry would not sail again before June.")
    assert found == [("Orlek Herald", "said", None)]


def test_person_saying_something_is_not_a_citation(cite):
    assert cite("Anneliese Dorn said Kestria had received no warning at all.") == []


def test_news_agency_mention(cite):
    found = cite("The Orvath news agency carried the story first, late on Sunday.")
    assert found == [("Orvath news agency", "news agency", None)]
