"""What tells the renderings of one statement apart: their words, and who they came through.

``word_diff`` compares two renderings word by word (``difflib`` over word and
punctuation tokens) and returns plain ``Segment`` records; the template turns
them into ``<del>``/``<ins>`` with Jinja's autoescaping, so a quote containing
markup is shown as the characters it is.

``citation_chains`` reads an article's citation rows as chains of hand-offs:
"Harbour Review ← Basin Post ← Northwind Agency" for "Basin Post, citing
Northwind Agency, reported".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Literal

Op = Literal["equal", "insert", "delete"]

# A word (with inner apostrophes and hyphens), or one other non-space character;
# the whitespace after a token stays with it so the text can be put back exactly.
TOKEN = re.compile(r"(\w+(?:['’\-]\w+)*|[^\w\s])(\s*)")
# Typography is not wording: curly and straight quote marks and apostrophes compare
# equal (each rendering still shows its own).
SAME_MARK = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of ``text`` that is the same in both renderings, or only in one."""

    op: Op
    text: str


def tokens(text: str) -> list[tuple[str, str]]:
    """``(token, whitespace after it)`` pairs; leading whitespace is dropped."""
    return [(m[1], m[2]) for m in TOKEN.finditer(text)]


def word_diff(reference: str, variant: str) -> list[Segment]:
    """``variant`` as differences from ``reference``: words only in the reference are
    ``delete`` segments, words only in the variant ``insert``; the rest ``equal``
    (quote marks compare equal whether curly or straight: ``SAME_MARK``).

    Joining the ``equal`` and ``insert`` texts gives back the variant from its
    first word on; ``equal`` and ``delete`` give the reference's words (spacing
    may differ).
    """
    old, new = tokens(reference), tokens(variant)
    matcher = difflib.SequenceMatcher(
        None,
        [t.translate(SAME_MARK) for t, _ in old],
        [t.translate(SAME_MARK) for t, _ in new],
        autojunk=False,
    )
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            segments.append(Segment("delete", _join(old[i1:i2]).rstrip()))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", _join(new[j1:j2])))
        if op == "equal":
            segments.append(Segment("equal", _join(new[j1:j2])))
    return _merged(segments)


def _join(pairs: list[tuple[str, str]]) -> str:
    return "".join(token + space for token, space in pairs)


def _merged(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].op == segment.op:
            merged[-1] = Segment(segment.op, merged[-1].text + segment.text)
        elif segment.text:
            merged.append(segment)
    return merged


def changed_words(segments: list[Segment]) -> int:
    """How many tokens differ (inserted plus deleted): 0 for identical renderings."""
    return sum(len(tokens(s.text)) for s in segments if s.op != "equal")


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
