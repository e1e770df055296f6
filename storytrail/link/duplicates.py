"""Near-duplicate articles: syndicated copies, reposts, lightly edited copies.

Each article's cleaned text becomes a set of word shingles; MinHash signatures
go into an LSH index (``datasketch``), which proposes candidate pairs in near
linear time. A candidate pair is kept only when the *exact* Jaccard similarity
of the two shingle sets reaches the threshold, so the LSH's false positives
never become false pairs. Pairs are closed transitively (union-find) into
groups; the earliest-published copy heads its group.

Why shingles of words, not characters: syndicated copies differ by inserted
sentences, headlines and boilerplate, not by typos, and word shingles are
robust to the whitespace and quote-mark differences cleaning already folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from storytrail.settings import DEFAULTS, Settings

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What near-duplicate detection needs to know about an article."""

    article_id: str
    published: str | None
    text: str


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Articles that are copies of one another; ``head`` is the earliest."""

    head: str
    members: tuple[str, ...]
    similarity: dict[tuple[str, str], float]


def shingles(text: str, size: int) -> set[str]:
    """Overlapping runs of ``size`` lower-cased words (the whole text if shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def near_duplicates(
    articles: Iterable[ArticleText], settings: Settings = DEFAULTS
) -> list[DuplicateGroup]:
    """Groups of two or more near-identical articles, ordered by their head's date.

    Articles with fewer than ``near_duplicate_min_shingles`` shingles are left
    out: two one-line texts agreeing proves nothing.
    """
    size, threshold = settings.near_duplicate_shingle_words, settings.near_duplicate_threshold
    lsh = MinHashLSH(threshold=threshold, num_perm=settings.near_duplicate_num_perm)
    # Every signature uses the same permutations: drawing them is most of a MinHash's setup.
    template = MinHash(num_perm=settings.near_duplicate_num_perm, seed=1)
    sets: dict[str, set[str]] = {}
    dates: dict[str, str] = {}
    parent: dict[str, str] = {}
    pairs: dict[tuple[str, str], float] = {}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for article in articles:
        grams = shingles(article.text, size)
        if len(grams) < settings.near_duplicate_min_shingles or article.article_id in sets:
            continue
        signature = MinHash(
            num_perm=settings.near_duplicate_num_perm,
            seed=1,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        signature.update_batch(g.encode("utf-8") for g in grams)
        sets[article.article_id] = grams
        dates[article.article_id] = article.published or "9999"
        parent[article.article_id] = article.article_id
        for other in lsh.query(signature):
            score = jaccard(grams, sets[other])
            if score >= threshold:
                pairs[tuple(sorted((article.article_id, other)))] = round(score, 4)  # type: ignore[index]
                parent[root(article.article_id)] = root(other)
        lsh.insert(article.article_id, signature)

    groups: dict[str, list[str]] = {}
    for article_id in sets:
        groups.setdefault(root(article_id), []).append(article_id)
    similarities: dict[str, dict[tuple[str, str], float]] = {}
    for pair, score in pairs.items():
        similarities.setdefault(root(pair[0]), {})[pair] = score
    result = []
    for group_root, members in groups.items():
        if len(members) < 2:
            continue
        ordered = tuple(sorted(members, key=lambda m: (dates[m], m)))
        similarity = similarities.get(group_root, {})
        result.append(DuplicateGroup(head=ordered[0], members=ordered, similarity=similarity))
    return sorted(result, key=lambda g: (dates[g.head], g.head))
