"""The spaCy component: storytrail's extraction for spaCy users, on ``doc._.quotes``."""

import spacy

import storytrail.quotes  # noqa: F401  (registers the factory)
from storytrail.nlp import MODEL_PACKAGE


def test_add_pipe_puts_quotes_on_the_doc():
    nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    nlp.add_pipe("storytrail_quotes", config={"outlet": "The Valley Ledger"})
    doc = nlp("“The road is open,” mayor Ines Calder said. This newspaper has argued that it was.")
    (quote,) = doc._.quotes
    assert (quote.kind, quote.text, quote.speaker) == ("direct", "The road is open,", "Ines Calder")
    (detail,) = doc._.quote_details
    assert doc.text[slice(*detail.mention)] == "mayor Ines Calder"
    assert doc.text[slice(*detail.cue_span)] == "said"


def test_pipe_processes_batches_the_same_as_one_by_one():
    nlp = spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    nlp.add_pipe("storytrail_quotes")
    texts = ["“Yes,” she said.", "Officer Bo Lind said the road was closed.", "No quotes here."]
    batched = [[q.text for q in doc._.quotes] for doc in nlp.pipe(texts, batch_size=2)]
    single = [[q.text for q in nlp(t)._.quotes] for t in texts]
    assert batched == single == [["Yes,"], ["the road was closed"], []]
