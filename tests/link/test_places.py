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


def test_the_summit_city_is_the_venue_not_the_country_it_discussed(place):
    text = (
        "Envoys from nine states discussed aid to Kestria on Tuesday at the summit in "
        "Marenholt, where the foreign minister spoke for an hour."
    )
    assert place(text) == "Marenholt"


def test_the_venue_the_text_names_wins_over_the_dateline(place):
    text = "ORSK, May 2 (NWA) - The two delegations met in Lorvik on Friday to sign the accord."
    assert place(text) == "Lorvik"


def test_a_place_only_mentioned_is_not_a_venue(place):
    assert place("The minister warned that the situation in Kestria was worsening.") is None


def test_a_gathering_named_after_its_city_gives_the_venue(place):
    assert place("Ministers left the Marenholt summit without an agreement.") == "Marenholt"
