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


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, np.ndarray]:
    """Apply non-overlapping ``edits`` (sorted by start) to ``text``.

    Returns the new text and its index map into ``text``. Characters of a
    replacement map to the old characters position by position while both
    last, then to the last replaced character, so a span inside a repaired word
    still lands inside that word in the original.
    """
    pieces: list[str] = []
    maps: list[np.ndarray] = []
    cursor = 0
    for edit in edits:
        if edit.start < cursor or edit.end < edit.start or edit.end > len(text):
            raise ValueError(f"edits overlap or fall outside the text: {edit}")
        pieces.append(text[cursor : edit.start])
        maps.append(np.arange(cursor, edit.start, dtype=np.int64))
        if edit.replacement:
            width = max(edit.end - edit.start, 1)
            offsets = np.minimum(np.arange(len(edit.replacement)), width - 1)
            pieces.append(edit.replacement)
            maps.append(edit.start + offsets)
        cursor = edit.end
    pieces.append(text[cursor:])
    maps.append(np.arange(cursor, len(text) + 1, dtype=np.int64))
    return "".join(pieces), np.concatenate(maps)


def compose(earlier: np.ndarray, later: np.ndarray) -> np.ndarray:
    """Map of the latest text into the first one, given the two steps' maps."""
    return earlier[later]


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

    def __init__(self, runs: list[tuple[int, int, int]], orig_length: int) -> None:
        self._runs = runs
        self._starts = [run[0] for run in runs]
        self._orig_length = orig_length

    def position(self, clean_pos: int) -> int:
        """Original index of the cleaned character at ``clean_pos``."""
        if not self._runs:
            return 0
        i = max(bisect.bisect_right(self._starts, clean_pos) - 1, 0)
        clean_start, orig_start, length = self._runs[i]
        return orig_start + min(max(clean_pos - clean_start, 0), length - 1)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the cleaned span ``[start, end)``.

        An empty span maps to an empty span at the original of its start.
        """
        if end <= start:
            pos = self._orig_length if not self._runs else self.position(start)
            return pos, pos
        return self.position(start), self.position(end - 1) + 1
