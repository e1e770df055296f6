import pytest

from storytrail.link.places import article_place
from storytrail.nlp import load_pipeline


@pytest.fixture(scope="module")
def place():
    nlp = load_pipeline()
    return lambda text: article_place(nlp(text))


def test_dateline_town_is_the_place(place):
    assert place("LORVIK, March 14 (NWA) - Valdoria and Kestria sat down.") == "Lorvik"


def test_dateline_country_is_dropped_for_the_town(place):
    assert place("TESHAVEL, Kestria, Nov 22 (NWA) - Hundreds were moved.") == "Teshavel"


def test_without_dateline_the_leads_venue_is_the_place(place):
    assert (
        place("The ministers met in Marenholt on Friday.\n\nLater, in Orsk, rain.") == "Marenholt"
    )


def test_no_venue_in_the_lead_is_none(place):
    assert place("Nobody said much on Friday.\n\nThe ministers later met in Orsk.") is None
