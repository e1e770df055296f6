"""Cleaning: take the page's furniture out of an article and keep the way back.

``clean_text`` is a pure function from an article's original text to a
``CleanText``. It runs four rewrites in order, each recorded as edits so the
final text maps back, character by character, to the original
(``storytrail.offsets``):

1. *furniture*: whole lines of boilerplate ("Source link", "Read more: ...")
   and pasted social-media posts are removed. Each becomes a ``RemovedSpan``
   and each post an ``Embed`` with its author, handle and date, because a
   dated post is evidence for the time stage and nothing may be lost;
2. *mojibake*: ``ftfy`` repairs text decoded with the wrong codec, line by
   line; a ``difflib`` alignment turns each repair into minimal edits;
3. *quote marks*: guillemets, low-9 and PTB-style quotes fold to the curly
   pair the quote extractor reads (curly quotes are never straightened);
4. *whitespace*: CRLF to LF, runs of spaces and tabs to one space, lines
   trimmed, and paragraphs separated by exactly one blank line.
"""

from __future__ import annotations

import difflib
import re
from datetime import datetime

import ftfy

from storytrail.model import CleanText, Embed, RemovedSpan
from storytrail.offsets import Edit, apply_edits, compose, compose_ends, end_exceptions, to_runs
from storytrail.settings import DEFAULTS, EMBED_BODY_MARKERS, EMBED_SIGNATURE, Settings

_LINE = re.compile(r"[^\n]*\n?")
_SIGNATURE = re.compile(EMBED_SIGNATURE)
_INLINE_SIGNATURE = re.compile(EMBED_SIGNATURE.replace("^", r"\s", 1))
_BODY_MARKER = re.compile("|".join(EMBED_BODY_MARKERS))
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)\S+")
_HSPACE_RUN = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINE_RUN = re.compile(r"\n{3,}")
_CR = re.compile(r"\r\n?")


def clean_text(original: str, settings: Settings = DEFAULTS) -> CleanText:
    """Clean ``original`` and return the text, its offset map and what was removed."""
    edits, removed, embeds = furniture_edits(original, settings)
    text, starts, ends = apply_edits(original, edits)

    repair_edits = mojibake_edits(text)
    text, step_starts, step_ends = apply_edits(text, repair_edits)
    starts, ends = compose(starts, step_starts), compose_ends(ends, step_ends)

    for rewrite in (quote_mark_edits, line_ending_edits, whitespace_edits, paragraph_edits):
        text, step_starts, step_ends = apply_edits(text, rewrite(text, settings))
        starts, ends = compose(starts, step_starts), compose_ends(ends, step_ends)

    return CleanText(
        text=text,
        offset_runs=to_runs(starts),
        offset_ends=end_exceptions(starts, ends),
        orig_length=len(original),
        removed=removed,
        embeds=embeds,
        repairs=len(repair_edits),
    )


def furniture_edits(
    text: str, settings: Settings = DEFAULTS
) -> tuple[list[Edit], list[RemovedSpan], list[Embed]]:
    """Find boilerplate lines and social-media embeds in ``text``.

    Returns the deleting edits, the removed spans and the embeds; all offsets
    are into ``text``. An embed is its signature line ("— Name (@handle) Month
    D, YYYY") plus, when the post's text stands on the previous non-blank line
    with a pasted link, that line too.
    """
    boilerplate = settings.boilerplate_regex()
    lines = [(m.start(), m.end(), m.group()) for m in _LINE.finditer(text) if m.group()]
    doomed: dict[int, str] = {}
    embeds: list[Embed] = []
    for i, (start, _end, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if boilerplate.match(stripped):
            doomed[i] = "boilerplate"
            continue
        embed = _embed_at(lines, i)
        if embed is not None:
            first, body, signature = embed
            for j in range(first, i + 1):
                if lines[j][2].strip():
                    doomed[j] = "embed"
            embeds.append(
                Embed(
                    author=signature.group("author").strip() or None,
                    handle=signature.group("handle"),
                    date=_embed_date(signature.group("date")),
                    text=body,
                    start=lines[first][0] + (len(lines[first][2]) - len(lines[first][2].lstrip())),
                    end=start + len(line.rstrip()),
                )
            )
    edits = [Edit(lines[i][0], lines[i][1]) for i in sorted(doomed)]
    removed = [
        RemovedSpan(
            lines[i][0], lines[i][0] + len(lines[i][2].rstrip("\r\n")), kind, lines[i][2].strip()
        )
        for i, kind in sorted(doomed.items())
    ]
    return edits, removed, embeds


def _embed_at(lines: list[tuple[int, int, str]], i: int) -> tuple[int, str, re.Match[str]] | None:
    """If line ``i`` ends a pasted post, return (first line index, post text, signature)."""
    line = lines[i][2].strip()
    signature = _SIGNATURE.match(line)
    if signature is not None:
        j = i - 1
        while j >= 0 and not lines[j][2].strip():
            j -= 1
        if j >= 0 and _BODY_MARKER.search(lines[j][2]):
            return j, _post_text(lines[j][2]), signature
        return i, "", signature
    inline = _INLINE_SIGNATURE.search(line)
    if inline is not None and _BODY_MARKER.search(line[: inline.start()]):
        return i, _post_text(line[: inline.start()]), inline
    return None


def _post_text(line: str) -> str:
    return " ".join(_LINK.sub(" ", line).split())


def _embed_date(value: str) -> str | None:
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def mojibake_edits(text: str) -> list[Edit]:
    """Minimal edits that turn each line into what ``ftfy`` repairs it to.

    Curly quotes are kept (``uncurl_quotes=False``): the quote extractor
    reads their direction. Characters already replaced by U+FFFD cannot be
    restored and are left as they are.
    """
    edits: list[Edit] = []
    for match in _LINE.finditer(text):
        line = match.group().rstrip("\n")
        if not line or line.isascii():
            continue
        fixed = ftfy.fix_text(line, uncurl_quotes=False, fix_line_breaks=False)
        if fixed == line:
            continue
        matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            if tag != "equal":
                edits.append(Edit(match.start() + a0, match.start() + a1, fixed[b0:b1]))
    return edits


def quote_mark_edits(text: str, settings: Settings = DEFAULTS) -> list[Edit]:
    """Fold unusual quotation marks to the curly pair (see ``settings.QUOTE_FOLDS``)."""
    folds = settings.quote_folds
    pattern = re.compile("|".join(re.escape(k) for k in sorted(folds, key=len, reverse=True)))
    return [Edit(m.start(), m.end(), folds[m.group()]) for m in pattern.finditer(text)]


def line_ending_edits(text: str, settings: Settings = DEFAULTS) -> list[Edit]:
    """CRLF and lone CR become LF."""
    return [Edit(m.start(), m.end(), "\n") for m in _CR.finditer(text)]


def whitespace_edits(text: str, settings: Settings = DEFAULTS) -> list[Edit]:
    """Trim each line and fold inner runs of horizontal space to one space."""
    edits: list[Edit] = []
    for m in _HSPACE_RUN.finditer(text):
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        at_line_end = m.end() == len(text) or text[m.end()] == "\n"
        if at_line_start or at_line_end:
            edits.append(Edit(m.start(), m.end()))
        elif m.group() != " ":
            edits.append(Edit(m.start(), m.end(), " "))
    return edits


def paragraph_edits(text: str, settings: Settings = DEFAULTS) -> list[Edit]:
    """Exactly one blank line between paragraphs, none at the ends."""
    edits = [Edit(m.start(), m.end(), "\n\n") for m in _NEWLINE_RUN.finditer(text)]
    lead = len(text) - len(text.lstrip("\n"))
    if lead:
        edits = [e for e in edits if e.start >= lead]
        edits.insert(0, Edit(0, lead))
    tail = len(text.rstrip("\n"))
    if tail < len(text) and tail >= lead:
        edits = [e for e in edits if e.end <= tail]
        edits.append(Edit(tail, len(text)))
    return edits
