import pytest

from storytrail.link.citations import find_citations
from storytrail.nlp import load_pipeline


@pytest.fixture(scope="module")
def cite():
    nlp = load_pipeline()
    return lambda text: [(c.cites, c.cue, c.via) for c in find_citations(nlp(text))]


def test_agency_in_a_dateline_is_cited(cite):
    text = "LORVIK, March 14 (NWA) - The two delegations met on Monday for the first time."
    assert ("NWA", "dateline", None) in cite(text)


def test_dateline_with_country_is_cited(cite):
    text = "TESHAVEL, Kestria, Nov 22 (NWA) - Hundreds of people were moved to higher ground."
    assert ("NWA", "dateline", None) in cite(text)


def test_citing_chain_gives_the_source_and_the_intermediary(cite):
    found = cite("Basin Post, citing Northwind Agency, reported that the gates were opened.")
    assert ("Basin Post", "reported", None) in found
    assert ("Northwind Agency", "citing", "Basin Post") in found


def test_according_to_a_medium_is_a_citation(cite):
    found = cite("According to Kestrian state radio, the water rose by a metre overnight.")
    assert found == [("Kestrian state radio", "according to", None)]


def test_according_to_a_person_is_a_speaker_not_a_citation(cite):
    assert cite("According to spokesman Ilya Marcek, the two sides will meet again.") == []


def test_organisation_saying_something_is_a_cited_source(cite):
    found = cite("The Seln Basin Commission said it would send inspectors to the dam.")
    assert found == [("Seln Basin Commission", "said", None)]


def test_person_saying_something_is_not_a_citation(cite):
    assert cite("Anneliese Dorn said Kestria had received no warning at all.") == []


def test_news_agency_mention(cite):
    found = cite("The Orvath news agency carried the story first, late on Sunday.")
    assert ("Orvath news agency", "news agency", None) in found
