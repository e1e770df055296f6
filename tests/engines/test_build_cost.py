"""The per-article stages see each whole-document view of the parse made once.

spaCy's ``Doc`` rebuilds ``text``, ``ents``, ``sents`` and ``noun_chunks`` on every
access by walking every token; asked for once per quote, that made a build grow with
the square of the article's length (150 KB: 55 s; bench/article_length.py). Timing is
left to the benchmark; this checks the mechanism: every stage gets views that are
computed once and equal spaCy's own.
"""

from __future__ import annotations

import re

import storytrail.pipeline as pipeline
from storytrail import demo_corpus, read_sources
from storytrail.model import Article


def test_every_stage_sees_whole_document_views_made_once(monkeypatch):
    article = next(a for a in read_sources([demo_corpus()]) if isinstance(a, Article))
    seen = []
    real_time_expressions = pipeline.time_expressions

    def spy(doc, *args, **kwargs):
        seen.append(doc)
        return real_time_expressions(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "time_expressions", spy)
    (built,) = pipeline.build_batch([article])
    (doc,) = seen
    assert doc.text is doc.text
    assert doc.ents is doc.ents
    assert doc.sents is doc.sents
    assert doc.noun_chunks is doc.noun_chunks
    spacy_doc = doc.doc
    assert doc.text == spacy_doc.text == built.clean.text
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (e.start, e.end, e.label_) for e in spacy_doc.ents
    ]
    assert [(s.start, s.end) for s in doc.sents] == [(s.start, s.end) for s in spacy_doc.sents]
    assert [(c.start, c.end) for c in doc.noun_chunks] == [
        (c.start, c.end) for c in spacy_doc.noun_chunks
    ]
    assert len(doc) == len(spacy_doc) and doc[3].text == spacy_doc[3].text


def long_text(paragraphs: int) -> str:
    article = next(a for a in read_sources([demo_corpus()]) if isinstance(a, Article))
    body = [p for p in article.original.split("\n\n") if p.strip()]
    return "\n\n".join(body[i % len(body)] for i in range(paragraphs))


def test_paragraph_pieces_cut_only_after_blank_lines_and_join_to_the_text():
    text = long_text(40)
    pieces = pipeline.paragraph_pieces(text, 2000)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    paragraphs = [p for p in text.split("\n\n")]
    longest = max(len(p) for p in paragraphs) + 2
    assert all(len(piece) <= max(2000, longest) for piece in pieces)
    assert pipeline.paragraph_pieces("one paragraph, far too long " * 200, 100) == [
        "one paragraph, far too long " * 200
    ]


def test_a_long_text_parsed_in_pieces_is_one_doc_with_the_same_text_and_tokens():
    from storytrail.settings import Settings

    text = long_text(30)
    (whole,) = pipeline.parse_in_pieces([text])
    (pieced,) = pipeline.parse_in_pieces([text], Settings(parse_piece_chars=1500))
    assert pieced.text == whole.text == text
    assert [t.text for t in pieced] == [t.text for t in whole]
    starts = {t.idx for t in pieced if t.is_sent_start}
    breaks = re.finditer(r"\n\s*\n\s*", text)
    assert all(m.end() in starts for m in breaks)  # every paragraph starts a sentence
    assert list(pieced.noun_chunks) and list(pieced.ents)
