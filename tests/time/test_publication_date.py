"""An article's publication date, its source and confidence (storytrail/time/publication.py)."""

import pytest

from storytrail import clean_text
from storytrail.model import Article
from storytrail.nlp import load_pipeline
from storytrail.time import publication_date


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def published(nlp, text, published=None, source=None):
    article = Article("a", "t.txt", text, published=published, published_source=source)
    clean = clean_text(text)
    return publication_date(article, clean, nlp(clean.text))


def test_manifest_date_is_trusted_first(nlp):
    text = "LORVIK, March 14 (NWA) - Talks opened."
    found = published(nlp, text, "2022-03-14T18:40:00+01:00", "manifest")
    assert (found.value, found.source, found.confidence) == ("2022-03-14", "manifest", 1.0)


def test_page_metadata_date_is_trusted_below_the_manifest(nlp):
    found = published(nlp, "Valdoria and Kestria signed a treaty.", "2024-09-17", "html-meta")
    assert (found.value, found.source) == ("2024-09-17", "html-meta")
    assert found.confidence < 1.0


def test_a_dateline_disagreeing_with_the_manifest_is_noted_not_obeyed(nlp):
    found = published(nlp, "LORVIK, June 21 (NWA) - Talks opened.", "2022-03-14", "manifest")
    assert found.value == "2022-03-14"
    assert "--06-21" in found.evidence


def test_dateline_with_a_year_gives_the_day(nlp):
    found = published(nlp, "Yerevan, 23 November 2022 — The talks ended.")
    assert (found.value, found.source) == ("2022-11-23", "dateline")
    assert found.evidence_span is not None


def test_dateline_without_a_year_and_no_other_evidence_keeps_the_year_unknown(nlp):
    found = published(nlp, "NEW DELHI [India], June 21 (ANI): The ministry said it was ready.")
    assert (found.value, found.granularity, found.source) == ("--06-21", "day", "dateline")
    assert found.day is None and found.month_day == (6, 21)


def test_dateline_takes_its_year_from_a_dated_embed(nlp):
    text = (
        "KARSK, Nov 24 (NWA) - The president defended the release.\n\n"
        "We will help every family rebuild. pic.twitter.com/AbC123xyz\n\n"
        "— Tomas Brenner (@TBrennerVAL) November 23, 2022\n\n"
        "The turbines were shut down."
    )
    found = published(nlp, text)
    assert (found.value, found.source) == ("2022-11-24", "dateline")
    assert found.not_before == "2022-11-23"
    assert "year from" in found.evidence


def test_dateline_year_is_not_taken_from_evidence_long_before_it(nlp):
    text = "KARSK, Nov 24 (NWA) - The dam, opened on 14 March 2019, was shut."
    assert published(nlp, text).value == "--11-24"


def test_dateline_takes_its_year_from_a_recent_past_date_in_the_text(nlp):
    text = "KARSK, Nov 24 (NWA) - The gates were opened on November 21, 2022, officials said."
    assert published(nlp, text).value == "2022-11-24"


def test_weekday_and_date_in_the_text_narrow_the_candidate_years(nlp):
    text = "KARSK, Nov 24 (NWA) - The president spoke on Wednesday, November 23, in Karsk."
    found = published(nlp, text)
    assert found.value == "--11-24"
    assert 2022 in found.candidate_years and 2021 not in found.candidate_years


def test_a_published_line_at_the_head_of_the_text_is_evidence(nlp):
    found = published(nlp, "Published 24 Nov 2022\n\nThe president defended the release.")
    assert (found.value, found.source) == ("2022-11-24", "byline")


def test_an_embed_alone_gives_an_estimated_date_with_low_confidence_and_says_so(nlp):
    text = (
        "The president defended the release.\n\n"
        "We will help every family rebuild. pic.twitter.com/AbC123xyz\n\n"
        "— Tomas Brenner (@TBrennerVAL) November 23, 2022\n\n"
        "The turbines were shut down."
    )
    found = published(nlp, text)
    assert (found.value, found.source, found.not_before) == ("2022-11-23", "embed", "2022-11-23")
    assert found.estimated and found.confidence < 0.5
    assert "on or after" in found.evidence


def test_a_weekday_and_date_take_the_year_the_text_gives_elsewhere(nlp):
    """No metadata, no dateline: "Wednesday, November 30" fits 2022 (a year the text gives
    in a full date) and not 2021, so it is the latest day the article fixes."""
    text = (
        "The dam was finished on 14 March 2022 after six years of work.\n\n"
        "Speaking in Karsk on Wednesday, November 30, President Tomas Brenner defended it."
    )
    found = published(nlp, text)
    assert (found.value, found.source) == ("2022-11-30", "text")
    assert "Wednesday, November 30" in found.evidence
    assert text[slice(*found.evidence_span)] == "Wednesday, November 30"


def test_a_full_past_date_in_the_text_is_a_lower_bound_taken_as_the_date(nlp):
    found = published(nlp, "The bridge was closed on 2 May 2021 and has not reopened.")
    assert (found.value, found.source, found.estimated) == ("2021-05-02", "text", True)


def test_a_weekday_and_date_without_any_year_in_the_text_stay_unknown(nlp):
    found = published(nlp, "The council voted on Wednesday, November 23, to close the bridge.")
    assert (found.value, found.source) == (None, "none")


def test_with_no_evidence_the_publication_date_is_unknown(nlp):
    found = published(nlp, "The president defended the release on Wednesday.")
    assert (found.value, found.source, found.confidence) == (None, "none", 0.0)
