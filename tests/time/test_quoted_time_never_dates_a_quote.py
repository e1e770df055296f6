"""A time expression inside quotation marks is the quoted speaker's, never the date of saying.

Mutation caught (issue 20, item 4): in ``storytrail/time/statement_dates.py``, dropping
the ``inside(self.quotations, ...)`` test from ``_governs_attribution`` (and from
``_dated_acts``) lets "Wednesday" in *other* quotation marks of the attribution date the
quote: each case below is then dated 2022-11-23. The quote's own words are covered by
``test_statement_dates.py``; these expressions sit in a second quotation.
"""

import pytest

from storytrail.model import Quote
from storytrail.nlp import load_pipeline
from storytrail.time import PublicationDate, date_quotes, time_expressions

THURSDAY = PublicationDate("2022-11-24", "day", "manifest", 1.0)

CASES = [
    ("“We are ready,” Dorn said of the “Wednesday talks”.", "We are ready,", "direct"),
    ("Dorn, asked about “last Wednesday”, said: “We are ready.”", "We are ready.", "direct"),
    (
        "“We are ready,” Dorn said on what the radio called “Black Wednesday”.",
        "We are ready,",
        "direct",
    ),
    (
        "Dorn said, in the words of her “Wednesday statement”, that Kestria was ready.",
        "Kestria was ready",
        "indirect",
    ),
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(("text", "words", "kind"), CASES, ids=[c[0][:40] for c in CASES])
def test_time_in_other_quotation_marks_does_not_date_the_quote(nlp, text, words, kind):
    start = text.index(words)
    quote = Quote("q0", "a", kind, words, start, start + len(words), "Anneliese Dorn", cue="say")
    doc = nlp(text)
    expressions = time_expressions(doc, THURSDAY)
    assert any("Wednesday" in e.text for e in expressions)  # the expression is there to misuse
    [dated] = date_quotes([quote], doc, expressions, THURSDAY)
    assert dated.date is None
    assert dated.date_source.startswith("none:")
