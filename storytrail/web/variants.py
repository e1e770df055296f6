"""What tells the renderings of one statement apart: their words (``storytrail.variants``),
and who they came through.

``citation_chains`` reads an article's citation rows as chains of hand-offs:
"Harbour Review ← Basin Post ← Northwind Agency" for "Basin Post, citing
Northwind Agency, reported".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Hop:
    """One hand-off in a chain: ``source`` passed the words on (``cue``: how it says so)."""

    source: str
    cue: str


def citation_chains(citations: list[dict[str, Any]]) -> list[list[Hop]]:
    """An article's citation rows as chains, nearest source first.

    A row without ``via`` starts a chain; a row whose ``via`` is the source of
    the chain's last hop extends it ("citing" in "Basin Post, citing Northwind
    Agency, reported"). A row whose ``via`` names no chain starts its own,
    after a hop for the intermediary, so no row is ever dropped.
    """
    starts = [c for c in citations if not c["via"]]
    followers = [c for c in citations if c["via"]]
    chains: list[list[Hop]] = []
    used: set[int] = set()
    for start in starts:
        chain = [Hop(start["cites"], start["cue"])]
        while True:
            step = next(
                (
                    n
                    for n, c in enumerate(followers)
                    if n not in used and c["via"] == chain[-1].source
                ),
                None,
            )
            if step is None:
                break
            used.add(step)
            chain.append(Hop(followers[step]["cites"], followers[step]["cue"]))
        chains.append(chain)
    for n, row in enumerate(followers):
        if n not in used:
            chains.append([Hop(row["via"], "via"), Hop(row["cites"], row["cue"])])
    return chains


def near_quote(
    citations: list[dict[str, Any]], text: str, start: int, end: int
) -> list[dict[str, Any]]:
    """The citations that vouch for the quote at ``[start, end)`` of ``text``: those in
    its own sentences or the sentence before (an attribution often leads: "Tolo News,
    citing officials, reported. “…”"), and datelines, which credit the whole article.
    A citation elsewhere in the paragraph is another report's ("according to X" two
    sentences on), never this quote's. A citation without offsets counts everywhere."""
    window_start = _sentence_start(text, _sentence_start(text, start) - 1)
    window_end = _sentence_end(text, end)
    return [
        c
        for c in citations
        if c["cue"] == "dateline"
        or c["start"] is None
        or (
            c["start"] < window_end
            and (c["end"] if c["end"] is not None else c["start"]) > window_start
        )
    ]


_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+|\n\n")


def _sentence_start(text: str, i: int) -> int:
    """Start of the sentence holding ``text[i]`` (0 at the start of the text)."""
    if i <= 0:
        return 0
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, i + 1) if m.end() <= i]
    return starts[-1] if starts else 0


def _sentence_end(text: str, i: int) -> int:
    """End of the sentence that runs on at ``text[i]`` (a trailing "…, X said, citing Y."
    belongs to the quote before it)."""
    match = _SENTENCE_END.search(text, i)
    return match.start() + 1 if match else len(text)
