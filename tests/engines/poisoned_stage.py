"""A ``build_batch`` that raises on one article, as a broken stage would.

A module of its own (not a test file) so the worker processes of a pool or a
Dask cluster can import it by name: the engines pickle the build function by
reference, and a spawned worker gets the test run's ``sys.path``.
"""

from __future__ import annotations

from storytrail.model import Article, BuiltArticle
from storytrail.pipeline import build_batch
from storytrail.settings import Settings

POISON = "This sentence is poison for the test stage."


def poisoned_build(articles: list[Article], settings: Settings) -> list[BuiltArticle]:
    built = build_batch(articles, settings)
    for article in articles:
        if POISON in article.original:
            raise ValueError("the test stage cannot read this article")
    return built
