"""The articles closest to one article, with the reasons a reader can check.

Candidates are the articles sharing a block key of the content index
(``storytrail.link.similarity``: TF-IDF of the leads' words and names). Their
score is the content similarity mixed with the sentence vectors' cosine when
they are at hand (multilingual-e5-small, ``storytrail.link.embeddings``),
rescaled so that ``similar_vector_floor`` (where unrelated news pairs reach)
counts 0 and 1 counts 1; ``similar_vector_weight`` says how much the vectors
count (set on SemEval-2022 training pairs, see settings). The reasons say what
the two share: the same event, statements, names, words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from storytrail.link.similarity import ContentIndex
from storytrail.settings import DEFAULTS, Settings


@dataclass(slots=True)
class Neighbour:
    """One close article and why it is close."""

    article_id: str
    score: float
    content: float
    vector: float | None
    same_event: bool
    shared_statements: int
    shared_names: list[str] = field(default_factory=list)
    shared_words: list[str] = field(default_factory=list)
    # The article's headline, else its lead's first sentence (titles.headline_of).
    headline: str = ""

    def reasons(self) -> list[str]:
        found = []
        if self.same_event:
            found.append("same event")
        if self.shared_statements:
            found.append(f"{self.shared_statements} shared statement(s)")
        if self.shared_names:
            found.append("names: " + ", ".join(self.shared_names))
        if self.shared_words:
            found.append("words: " + ", ".join(self.shared_words))
        return found


def vector_similarity(one: np.ndarray, two: np.ndarray, settings: Settings = DEFAULTS) -> float:
    """The vectors' cosine rescaled: ``similar_vector_floor`` and below is 0, 1 is 1."""
    floor = settings.similar_vector_floor
    return max(0.0, (float(one @ two) - floor) / (1 - floor))


def pair_score(content: float, vector: float | None, settings: Settings = DEFAULTS) -> float:
    """Content similarity mixed with the rescaled vector cosine when there is one
    (``similar_vector_weight`` of the vectors)."""
    if vector is None:
        return content
    weight = settings.similar_vector_weight
    return (1 - weight) * content + weight * vector


def rank_neighbours(
    article_id: str,
    candidates: list[str],
    index: ContentIndex,
    event_of: Mapping[str, str],
    statements_of: Mapping[str, set[str]],
    vectors: Mapping[str, np.ndarray] | None,
    limit: int,
    settings: Settings = DEFAULTS,
    headlines: Mapping[str, str] | None = None,
) -> list[Neighbour]:
    """Score ``candidates`` against ``article_id``; the best ``limit`` with a score above 0."""
    ranked = []
    mine = statements_of.get(article_id, set())
    for other in candidates:
        overlap = index.overlap(article_id, other, why=settings.similar_reasons)
        vector = None
        if vectors is not None and article_id in vectors and other in vectors:
            vector = vector_similarity(vectors[article_id], vectors[other], settings)
        score = pair_score(overlap.score, vector, settings)
        if score <= 0:
            continue
        ranked.append(
            Neighbour(
                article_id=other,
                score=score,
                content=overlap.score,
                vector=vector,
                same_event=event_of.get(other) is not None
                and event_of.get(other) == event_of.get(article_id),
                shared_statements=len(mine & statements_of.get(other, set())),
                shared_names=list(overlap.shared_names),
                shared_words=list(overlap.shared_words),
                headline=(headlines or {}).get(other, ""),
            )
        )
    ranked.sort(key=lambda n: (-n.score, n.article_id))
    return ranked[:limit]
