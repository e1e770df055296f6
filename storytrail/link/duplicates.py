"""Near-duplicate articles: syndicated copies, reposts, lightly edited copies.

Each article's cleaned text becomes a set of word shingles; MinHash signatures
go into an LSH index (``datasketch``), which proposes candidate pairs in near
linear time. A candidate pair is kept only when the *exact* Jaccard similarity
of the two shingle sets reaches the threshold, so the LSH's false positives
never become false pairs. Pairs are closed transitively (union-find) into
groups; the earliest-published copy heads its group.

Memory: an article's shingles are kept as a sorted array of their 64-bit hashes
(BLAKE2b), about 8 bytes a shingle instead of a Python string in a set (~25 KiB
an article, most of what linking held), so the exact Jaccard is computed on
hashes: two different shingles sharing a 64-bit hash is a chance of about one
in 10^15 per pair of texts. The MinHash signatures take the low 32 bits.

Why shingles of words, not characters: syndicated copies differ by inserted
sentences, headlines and boilerplate, not by typos, and word shingles are
robust to the whitespace and quote-mark differences cleaning already folded.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
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


def shingle_hashes(grams: Iterable[str]) -> np.ndarray:
    """The shingles' 64-bit BLAKE2b hashes, sorted and unique (a compact shingle set)."""
    values = [
        int.from_bytes(hashlib.blake2b(g.encode("utf-8"), digest_size=8).digest(), "little")
        for g in grams
    ]
    return np.unique(np.array(values, dtype=np.uint64))


def hashed_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """``jaccard`` of two ``shingle_hashes`` arrays."""
    if not a.size and not b.size:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def _as_is(value: int) -> int:
    """MinHash's hash function for values hashed already (the low 32 bits of ours)."""
    return value


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
    template = MinHash(num_perm=settings.near_duplicate_num_perm, seed=1, hashfunc=_as_is)
    sets: dict[str, np.ndarray] = {}
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
        hashed = shingle_hashes(grams)
        signature = MinHash(
            num_perm=settings.near_duplicate_num_perm,
            seed=1,
            hashfunc=_as_is,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        signature.update_batch((hashed & np.uint64(0xFFFFFFFF)).tolist())
        sets[article.article_id] = hashed
        dates[article.article_id] = article.published or "9999"
        parent[article.article_id] = article.article_id
        for other in lsh.query(signature):
            score = hashed_jaccard(hashed, sets[other])
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
