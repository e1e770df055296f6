"""What two articles have in common in what they say: TF-IDF over words and names.

Each article is read as its *lead*: the headline and the first
``content_lead_chars`` characters of its text, where news writing puts who,
what, where and when (the rest is background, which is where two reports of
different earthquakes, trials or summits look most alike). Two sparse vectors
are made from it:

* **words** — content words (spaCy's English stop words dropped), weighted by
  sublinear term frequency times inverse document frequency over the corpus,
  L2-normalised;
* **names** — the names the article mentions (people, places, organisations,
  as the entity stage found them), weighted the same way.

``similarity`` is the weighted mean of the two cosines (``content_name_weight``
for names): one number in [0, 1] that events, ``storytrail similar`` and the
SemEval bench all read. Nothing is learned from labels here; the IDF comes
from the corpus being linked.

Comparing every pair would cost the square of the corpus. ``candidate_pairs``
blocks instead: each article is filed under its ``content_block_terms``
heaviest terms, a term carried by more than ``content_block_share`` of the
articles is not a key (it joins everything), and only articles sharing a key
are compared. The work grows with the corpus times the articles per key.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from storytrail.settings import DEFAULTS, Settings

# A year written out in the lead ("in 2013", "May 3, 2013"): when the reported news happened.
_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]|[^\W\d_]|\d[\d.,]*\d|\d")
Vector = dict[str, float]


def content_words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that say something: no stop words, no single letters."""
    words = _WORD.findall(text.casefold().replace("\u2019", "'"))
    return [w for w in words if len(w) > 1 and w not in STOP_WORDS and not w.endswith("'s")]


def lead_of(title: str | None, text: str, settings: Settings = DEFAULTS) -> str:
    """The headline and the opening of ``text`` (cut at a word boundary)."""
    opening = text[: settings.content_lead_chars]
    if len(text) > settings.content_lead_chars and " " in opening:
        opening = opening.rsplit(" ", 1)[0]
    if title and not opening.startswith(title):
        return f"{title}\n\n{opening}"
    return opening


@dataclass(frozen=True, slots=True)
class Overlap:
    """How close two articles are in content, and the shared terms that say why."""

    score: float
    words: float
    names: float
    shared_names: tuple[str, ...]
    shared_words: tuple[str, ...]


class ContentIndex:
    """TF-IDF vectors of every article's lead and names, with blocking for candidate pairs."""

    def __init__(
        self,
        leads: Mapping[str, str],
        names: Mapping[str, Iterable[str]],
        settings: Settings = DEFAULTS,
    ) -> None:
        self.settings = settings
        self.ids = list(leads)
        self.words = _tfidf({i: content_words(leads[i]) for i in self.ids})
        self.names = _tfidf({i: [n.casefold() for n in names.get(i, ())] for i in self.ids})
        self.years = {i: frozenset(_YEAR.findall(leads[i])) for i in self.ids}
        self._keys: dict[str, list[str]] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self.words

    def overlap(self, a: str, b: str, why: int = 0) -> Overlap:
        """The similarity of ``a`` and ``b``; ``why``: how many shared terms of each kind to
        name, heaviest first."""
        return Overlap(
            self.similarity(a, b),
            _cosine(self.words.get(a, {}), self.words.get(b, {})),
            _cosine(self.names.get(a, {}), self.names.get(b, {})),
            _heaviest_shared(self.names.get(a, {}), self.names.get(b, {}), why),
            _heaviest_shared(self.words.get(a, {}), self.words.get(b, {}), why),
        )

    def similarity(self, a: str, b: str) -> float:
        """The names and words cosines, weighted; a kind of vector one article lacks (no
        names found, no text) has no say, so the other decides alone."""
        words_a, words_b = self.words.get(a, {}), self.words.get(b, {})
        names_a, names_b = self.names.get(a, {}), self.names.get(b, {})
        weight = self.settings.content_name_weight
        if not (names_a and names_b):
            weight = 0.0
        elif not (words_a and words_b):
            weight = 1.0
        mixed = (1 - weight) * _cosine(words_a, words_b) + weight * _cosine(names_a, names_b)
        return mixed * self._years_factor(a, b)

    def years_differ(self, a: str, b: str) -> bool:
        """Both leads name years, and no year in common."""
        one, two = self.years.get(a), self.years.get(b)
        return bool(one and two and not one & two)

    def _years_factor(self, a: str, b: str) -> float:
        return self.settings.content_other_year_factor if self.years_differ(a, b) else 1.0

    def block_keys(self, article_id: str, names_only: bool = False) -> list[str]:
        """The article's heaviest words and names: the keys it is filed under (computed
        once per article)."""
        keys = self._keys.get(article_id)
        if keys is None:
            count = self.settings.content_block_terms
            keys = [f"n:{t}" for t in _heaviest(self.names.get(article_id, {}), count)]
            keys += [f"w:{t}" for t in _heaviest(self.words.get(article_id, {}), count)]
            self._keys[article_id] = keys
        return [k for k in keys if k.startswith("n:")] if names_only else keys

    def candidate_pairs(
        self, members: Iterable[str] | None = None, names_only: bool = False
    ) -> Iterator[tuple[str, str]]:
        """Pairs of ``members`` (default: all) sharing a block key, each once, in id order;
        ``names_only``: only the names are keys (stories: threads share people and subjects)."""
        chosen = list(self.ids if members is None else members)
        holders: dict[str, list[str]] = defaultdict(list)
        for article_id in chosen:
            for key in self.block_keys(article_id, names_only):
                holders[key].append(article_id)
        cap = max(
            self.settings.content_block_min_holders,
            int(self.settings.content_block_share * len(self.ids)),
        )
        partners: dict[str, set[str]] = defaultdict(set)
        for held in holders.values():
            if len(held) > cap:
                continue
            for k, a in enumerate(held):
                partners[a].update(held[k + 1 :])
        for a in chosen:
            for b in sorted(partners.get(a, ())):
                yield (a, b) if a < b else (b, a)

    def closest(self, article_id: str, count: int) -> list[tuple[str, float]]:
        """The ``count`` articles most similar to ``article_id`` (score > 0), best first."""
        keys = set(self.block_keys(article_id))
        others = {
            other
            for other in self.ids
            if other != article_id and keys & set(self.block_keys(other))
        }
        scored = [(other, self.similarity(article_id, other)) for other in others]
        scored = [(o, s) for o, s in scored if s > 0]
        return sorted(scored, key=lambda item: (-item[1], item[0]))[:count]


def _tfidf(terms: Mapping[str, list[str]]) -> dict[str, Vector]:
    """Sublinear TF times smoothed IDF, L2-normalised, for each document's terms."""
    frequency = Counter(t for found in terms.values() for t in set(found))
    total = len(terms)
    vectors = {}
    for key, found in terms.items():
        counts = Counter(found)
        vector = {
            t: (1 + math.log(c)) * math.log((1 + total) / (1 + frequency[t]))
            for t, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors[key] = {t: v / norm for t, v in vector.items()} if norm else {}
    return vectors


def _cosine(a: Vector, b: Vector) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def _heaviest(vector: Vector, count: int) -> list[str]:
    return heapq.nsmallest(count, vector, key=lambda t: (-vector[t], t))


def _heaviest_shared(a: Vector, b: Vector, count: int) -> tuple[str, ...]:
    if not count:
        return ()
    shared = {t: a[t] * b[t] for t in a.keys() & b.keys()}
    return tuple(_heaviest(shared, count))
