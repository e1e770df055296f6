"""Time: publication dates, time expressions and the dates of statements.

The stage the pipeline calls per article, with the spaCy ``Doc`` of the
cleaned text::

    published = publication_date(article, clean, doc)
    expressions = time_expressions(doc, published)
    quotes = date_quotes(quotes, doc, expressions, published, embeds=clean.embeds)
    expressions = anchor_in_quotes(expressions, quotes)   # the speaker's "now", "yesterday"

All four are pure and deterministic; ``utterance_dates`` is ``date_quotes`` returning
the ``UtteranceDate`` records, evidence spans included. See "Time" in ``docs/design.md`` for the
rules (direction from tense, granularity, anchors, the never-invent rule).
"""

from storytrail.time.expressions import anchor_in_quotes, time_expressions
from storytrail.time.publication import publication_date
from storytrail.time.statement_dates import date_quotes, utterance_dates
from storytrail.time.values import PublicationDate, TimeExpression, UtteranceDate

__all__ = [
    "PublicationDate",
    "TimeExpression",
    "UtteranceDate",
    "anchor_in_quotes",
    "date_quotes",
    "publication_date",
    "time_expressions",
    "utterance_dates",
]
