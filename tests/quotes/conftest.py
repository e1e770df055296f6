"""Fixtures for the quote extractor: the pinned spaCy pipeline and a one-call extractor."""

from __future__ import annotations

import pytest

from storytrail.nlp import load_pipeline
from storytrail.quotes import extract_quotes, find_quotes


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="session")
def quotes_of(nlp):
    """``quotes_of(text, outlet=None)``: the quotes storytrail reports for ``text``."""

    def run(text: str, outlet: str | None = None):
        return extract_quotes(nlp(text), "art_test", outlet)

    return run


@pytest.fixture(scope="session")
def found_in(nlp):
    """``found_in(text, outlet=None, **kw)``: the detailed findings (``FoundQuote``)."""

    def run(text: str, outlet: str | None = None, **kwargs):
        return find_quotes(nlp(text), outlet, **kwargs)[0]

    return run
