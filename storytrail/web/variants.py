"""What tells the renderings of one statement apart: their words (``storytrail.variants``),
and who they came through.

``citation_chains`` reads an article's citation rows as chains of hand-offs:
"Harbour Review ← Basin Post ← Northwind Agency" for "Basin Post, citing
Northwind Agency, reported".
"""

from __future__ import annotations

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
    its paragraph or the one before (an attribution often leads), and datelines,
    which credit the whole article. A citation without offsets counts everywhere."""
    before = text.rfind("\n\n", 0, start)
    if before > 0:
        before = text.rfind("\n\n", 0, before)
    para_start = 0 if before < 0 else before + 2
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    return [
        c
        for c in citations
        if c["cue"] == "dateline"
        or c["start"] is None
        or (
            c["start"] < para_end
            and (c["end"] if c["end"] is not None else c["start"]) >= para_start
        )
    ]
