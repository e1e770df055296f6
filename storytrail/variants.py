"""Word-level differences between two renderings of one statement.

``word_diff`` compares two renderings word by word (``difflib`` over word and
punctuation tokens) and returns plain ``Segment`` records: the export writes
them as ``variants.diff``, the command line as ``[-old-]{+new+}``, the web app
as ``<del>``/``<ins>`` (with Jinja's autoescaping, so a quote containing markup
is shown as the characters it is).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

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


# The one-character marks of ``as_marked`` and of the export's ``variants.diff``.
MARKS = {"equal": "=", "delete": "-", "insert": "+"}


def as_marked(segments: list[Segment]) -> list[str]:
    """Segments as ``"= words"``, ``"- words"``, ``"+ words"`` strings (the export's form)."""
    return [f"{MARKS[s.op]} {s.text}" for s in segments]


def inline(segments: list[Segment]) -> str:
    """Segments in one line, ``wdiff`` style: ``It remains [-challenging-] {+difficult+}``."""
    parts = []
    for n, s in enumerate(segments):
        words = s.text.strip()
        following = segments[n + 1].text if n + 1 < len(segments) else ""
        if s.op == "equal":
            parts.append(s.text)
        elif s.op == "delete":
            if parts and parts[-1][-1:].isalnum() and words[:1].isalnum():
                parts.append(" ")
            space = " " if following[:1].isalnum() or following[:1] in '“"{' else ""
            parts.append(
                f"[-{words}-]"
                + (" " if segments[n + 1 : n + 2] and segments[n + 1].op == "insert" else space)
            )
        else:
            parts.append(f"{{+{words}+}}" + s.text[len(s.text.rstrip()) :])
    return "".join(parts).strip()
