"""Edits that remember where every character came from.

Cleaning is a chain of rewrites (drop a line, repair mojibake, fold
whitespace). Each rewrite is a sorted list of ``Edit`` objects applied to a
text; ``apply_edits`` returns the new text and an *index map*: for every
character of the new text, the index of the character of the old text it came
from, plus one final entry for the end of the text. Maps compose by indexing
(``old_map[new_map]``), so after any number of steps we still know, for each
cleaned character, its place in the original.

For storage the final map is compressed into *runs* of characters copied
one-to-one (``to_runs``); a position inside a replacement maps to the start of
what it replaced, which is what a reader wants when a span is shown in the
original.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (empty to delete)."""

    start: int
    end: int
    replacement: str = ""


def identity_map(length: int) -> np.ndarray:
    """The index map of a text to itself (``length + 1`` entries)."""
    return np.arange(length + 1, dtype=np.int64)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, np.ndarray, np.ndarray]:
    """Apply non-overlapping ``edits`` (sorted by start) to ``text``.

    Returns the new text and two index maps into ``text``: ``starts[i]`` is
    where new character ``i`` begins in the old text and ``ends[i]`` where it
    ends (exclusive), plus a final entry for the end of the text. A copied
    character spans one old character. Characters of a replacement map to the
    old characters position by position while both last, and the last one
    ends where the replaced text ended, so a repaired ``”`` covers all of the
    ``â€\x9d`` it replaced.
    """
    pieces: list[str] = []
    starts: list[np.ndarray] = []
    ends: list[np.ndarray] = []
    cursor = 0
    for edit in edits:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edits overlap or fall outside the text: {edit}")
        pieces.append(text[cursor : edit.start])
        copied = np.arange(cursor, edit.start, dtype=np.int64)
        starts.append(copied)
        ends.append(copied + 1)
        if edit.replacement:
            width = max(edit.end - edit.start, 1)
            offsets = np.minimum(np.arange(len(edit.replacement)), width - 1)
            pieces.append(edit.replacement)
            starts.append(edit.start + offsets)
            stop = np.minimum(offsets + 1, edit.end - edit.start) + edit.start
            stop[-1] = edit.end
            ends.append(stop)
        cursor = edit.end
    pieces.append(text[cursor:])
    tail = np.arange(cursor, len(text) + 1, dtype=np.int64)
    starts.append(tail)
    ends.append(np.minimum(tail + 1, len(text)))
    return "".join(pieces), np.concatenate(starts), np.concatenate(ends)


def compose(earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Start map of the latest text into the first one, given the two steps' start maps."""
    return earlier[later]


def compose_ends(earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """End map of the latest text into the first one, given the two steps' end maps.

    A character ending at old position ``e`` ends where old character ``e - 1``
    ended in the first text (a zero-width character ends where it starts).
    """
    before = np.maximum(later - 1, 0)
    composed = earlier[before]
    composed[later == 0] = 0
    composed[-1] = earlier[-1]
    return composed


def end_exceptions(starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int]]:
    """The ``(clean_index, orig_end)`` pairs where a character does not span exactly one
    original character (repairs, folded whitespace); all others end at ``start + 1``."""
    body = np.flatnonzero(ends[:-1] != starts[:-1] + 1)
    return [(int(i), int(ends[i])) for i in body]


def to_runs(index_map: np.ndarray) -> list[tuple[int, int, int]]:
    """Compress an index map into ``(clean_start, orig_start, length)`` runs.

    A run is a stretch where each next cleaned character comes from the next
    original character. The final end-of-text entry is not part of any run.
    """
    body = index_map[:-1]
    if body.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(body) != 1) + 1
    starts = np.concatenate(([0], breaks))
    ends = np.concatenate((breaks, [body.size]))
    return [(int(s), int(body[s]), int(e - s)) for s, e in zip(starts, ends, strict=True)]


class OffsetMap:
    """Maps positions and spans of a cleaned text back to the original text."""

    def __init__(
        self,
        runs: list[tuple[int, int, int]],
        orig_length: int,
        ends: list[tuple[int, int]] | tuple[()] = (),
    ) -> None:
        self._runs = runs
        self._starts = [run[0] for run in runs]
        self._orig_length = orig_length
        self._ends = dict(ends)

    def position(self, clean_pos: int) -> int:
        """Original index of the cleaned character at ``clean_pos``."""
        if not self._runs:
            return 0
        i = max(bisect.bisect_right(self._starts, clean_pos) - 1, 0)
        clean_start, orig_start, length = self._runs[i]
        return orig_start + min(max(clean_pos - clean_start, 0), length - 1)

    def end(self, clean_pos: int) -> int:
        """Original index just after the cleaned character at ``clean_pos``."""
        return self._ends.get(clean_pos, self.position(clean_pos) + 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the cleaned span ``[start, end)``.

        An empty span maps to an empty span at the original of its start.
        """
        if end <= start:
            pos = self._orig_length if not self._runs else self.position(start)
            return pos, pos
        first = self.position(start)
        return first, max(self.end(end - 1), first)
