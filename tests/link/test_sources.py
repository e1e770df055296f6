from storytrail.link.sources import canonical_sources

KNOWN = ["Northwind Agency", "Basin Post", "The Valdoria Courier", "Seln Basin Commission"]


def test_acronym_expands_to_the_one_name_it_abbreviates():
    assert canonical_sources(["NWA"], KNOWN) == {"NWA": "Northwind Agency"}


def test_acronym_with_no_fitting_name_stays_as_written():
    assert canonical_sources(["ANI"], KNOWN) == {"ANI": "ANI"}


def test_acronym_fitting_two_names_stays_as_written():
    assert canonical_sources(["BP"], [*KNOWN, "Border Police"]) == {"BP": "BP"}


def test_names_that_are_not_acronyms_are_kept():
    assert canonical_sources(["Kestrian state radio"], KNOWN) == {
        "Kestrian state radio": "Kestrian state radio"
    }
