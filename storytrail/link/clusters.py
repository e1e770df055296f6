"""Grouping articles: union-find that respects a time span, and average-link merging.

Events and stories both start from groups that evidence has already settled
(copies, shared statements; for stories, the events) and then merge groups whose
articles say the same things. Merging is by *average link*: two groups join
when the mean content similarity over every pair of their articles reaches a
threshold (pairs never scored count 0). Single links would let one shared rare
word chain two occurrences of the same kind together; the mean asks the groups
to agree as wholes.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

from storytrail.link.similarity import ContentIndex


class Groups:
    """Union-find over articles that keeps every group's days within ``span`` days.

    A join that would stretch a group further is refused: single links over
    consecutive days (a city's daily reports, each sharing its venue and an
    official with the day before) would otherwise chain a season into one event.
    ``span`` None: no limit.
    """

    def __init__(self, days: Sequence[date | None], span: int | None) -> None:
        self.parent = list(range(len(days)))
        self.first = list(days)
        self.last = list(days)
        self.span = span

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, whatever_the_dates: bool = False) -> bool:
        """Put ``i`` and ``j`` in one group; False when that would stretch it too far."""
        a, b = self.root(i), self.root(j)
        if a == b:
            return True
        firsts = [d for d in (self.first[a], self.first[b]) if d is not None]
        lasts = [d for d in (self.last[a], self.last[b]) if d is not None]
        first, last = (min(firsts), max(lasts)) if firsts else (None, None)
        too_long = self.span is not None and first and last and (last - first).days > self.span
        if too_long and not whatever_the_dates:
            return False
        self.parent[b] = a
        self.first[a], self.last[a] = first, last
        return True


def average_link(
    ids: Sequence[str],
    days: Sequence[date | None],
    groups: Groups,
    index: ContentIndex,
    threshold: float,
    gap: int | None = None,
    names_only: bool = False,
) -> None:
    """Merge ``groups`` of the articles ``ids`` while some pair's mean similarity reaches
    ``threshold``; two dated articles more than ``gap`` days apart are never scored.

    Sums of pair similarities are kept per pair of groups; a heap offers the pair
    with the highest mean (sum over size times size), and a merge adds the two
    groups' sums towards every neighbour. Only the index's candidate pairs are scored
    (``names_only``: pairs sharing a name key).
    """
    position = {article_id: i for i, article_id in enumerate(ids)}
    sums: dict[tuple[int, int], float] = defaultdict(float)
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in index.candidate_pairs(ids, names_only):
        i, j = position[a], position[b]
        day_i, day_j = days[i], days[j]
        if gap is not None and day_i and day_j and abs((day_i - day_j).days) > gap:
            continue
        ri, rj = groups.root(i), groups.root(j)
        score = index.similarity(a, b) if ri != rj else 0.0
        if score <= 0:
            continue
        sums[min(ri, rj), max(ri, rj)] += score
        neighbours[ri].add(rj)
        neighbours[rj].add(ri)
    size = Counter(groups.root(i) for i in range(len(ids)))

    def mean(x: int, y: int) -> float:
        return sums.get((min(x, y), max(x, y)), 0.0) / (size[x] * size[y])

    heap = [(-mean(x, y), x, y) for x, y in sums]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if -negative < threshold:
            break
        if groups.root(x) != x or groups.root(y) != y or -negative != mean(x, y):
            continue  # stale: a merge has changed this pair since it was pushed
        if not groups.join(x, y):
            sums.pop((min(x, y), max(x, y)), None)
            continue
        kept, gone = (x, y) if groups.root(x) == x else (y, x)
        size[kept] += size.pop(gone)
        sums.pop((min(x, y), max(x, y)), None)
        neighbours[kept].discard(gone)
        for other in neighbours.pop(gone, set()) - {kept}:
            moved = sums.pop((min(gone, other), max(gone, other)), 0.0)
            sums[min(kept, other), max(kept, other)] += moved
            neighbours[other].discard(gone)
            neighbours[other].add(kept)
            neighbours[kept].add(other)
        for other in neighbours[kept]:
            heapq.heappush(heap, (-mean(kept, other), min(kept, other), max(kept, other)))
