"""Rendering a timeline of statements as text, Markdown, HTML or JSON.

Dated statements come first, in date order, each with its speaker, date and
granularity, event and place, and every outlet that carried it with the date
it published and the span of the article; re-reports are marked as such, so
old words repeated years later appear at the date they were said. Undated
statements are listed apart, never guessed. Where outlets worded the statement
differently (translations, cuts, paraphrases), each other wording is shown as
its word-level difference from the statement's text (``storytrail.variants``).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from storytrail.variants import as_marked, inline, word_diff

FORMATS = ("text", "markdown", "html", "json")


def _when(entry: dict[str, Any]) -> str:
    if not entry["date"]:
        return "undated"
    granularity = entry["date_granularity"]
    return entry["date"] if granularity in (None, "day") else f"{entry['date']} ({granularity})"


def _where(entry: dict[str, Any]) -> str:
    event = entry["event"]
    if not event:
        return ""
    return event["title"] + (f", {event['place']}" if event["place"] else "")


def _carrier(c: dict[str, Any]) -> str:
    mark = " [re-report]" if c["rereport"] else ""
    outlet = c["outlet"] or "outlet unknown"
    published = (c["published"] or "")[:10] or "date unknown"
    return f"{outlet}, {published}{mark}"


def _words(entry: dict[str, Any]) -> str:
    """The statement's words: in quotation marks only when some outlet quoted them directly."""
    direct = any(c["kind"] == "direct" and c["text"] == entry["text"] for c in entry["carriers"])
    return f"\u201c{entry['text']}\u201d" if direct else f"(reported) {entry['text']}"


def _variants(entry: dict[str, Any]) -> list[tuple[str, list]]:
    """Each wording other than the statement's own, once, with the outlets that used it
    and its difference from the statement's text."""
    outlets: dict[str, list[str]] = {}
    for c in entry["carriers"]:
        if c["text"] != entry["text"]:
            outlets.setdefault(c["text"], []).append(c["outlet"] or "outlet unknown")
    return [
        (", ".join(dict.fromkeys(names)), word_diff(entry["text"], text))
        for text, names in outlets.items()
    ]


def split(entries: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    return [e for e in entries if e["date"]], [e for e in entries if not e["date"]]


def render(entries: list[dict[str, Any]], fmt: str) -> str:
    """The timeline in ``fmt`` (one of ``FORMATS``)."""
    dated, undated = split(entries)
    if fmt == "json":
        with_diffs = {
            name: [
                e
                | {
                    "carriers": [
                        c | {"diff": as_marked(word_diff(e["text"], c["text"]))}
                        for c in e["carriers"]
                    ]
                }
                for e in group
            ]
            for name, group in (("dated", dated), ("undated", undated))
        }
        return json.dumps(with_diffs, indent=2, ensure_ascii=False)
    if fmt == "html":
        return _html(dated, undated)
    # Markdown: one list item per statement, its details a list nested under it
    # (indented two spaces); text: the details indented under the statement's line.
    detail = "  - " if fmt == "markdown" else "    "
    lines: list[str] = []
    for title, group in (("Timeline", dated), ("Undated statements", undated)):
        if not group:
            continue
        lines += [f"## {title}", ""] if fmt == "markdown" else [f"{title}:"]
        for e in group:
            head = f"{_when(e)}  {e['speaker'] or 'speaker unknown'}: {_words(e)}"
            lines.append(f"- **{_md(head)}**" if fmt == "markdown" else _flat(head))
            details = [f"at {_where(e)}"] if _where(e) else []
            details.append("carried by " + "; ".join(_carrier(c) for c in e["carriers"]))
            details += [f"{outlets}: {inline(segments)}" for outlets, segments in _variants(e)]
            for line in details:
                lines.append(
                    f"{detail}{_md(line)}" if fmt == "markdown" else f"  {detail}{_flat(line)}"
                )
        lines.append("")
    return "\n".join(lines) if lines else "no statements match"


def _flat(text: str) -> str:
    """``text`` on one line: a newline inside a quote would start a line of its own."""
    return re.sub(r"\s*\n\s*", " ", text)


def _md(text: str) -> str:
    """``text`` on one line, with the characters Markdown would read as markup escaped."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", _flat(text))


def _html(dated: list[dict], undated: list[dict]) -> str:
    esc = html.escape
    parts = ["<!doctype html><meta charset='utf-8'><title>storytrail timeline</title>"]
    for title, group in (("Timeline", dated), ("Undated statements", undated)):
        if not group:
            continue
        parts.append(f"<h2>{esc(title)}</h2><ol>")
        for e in group:
            carriers = "; ".join(esc(_carrier(c)) for c in e["carriers"])
            variants = "".join(
                f"<br><small>{esc(outlets)}: "
                + "".join(_html_segment(x) for x in segments)
                + "</small>"
                for outlets, segments in _variants(e)
            )
            parts.append(
                f"<li><time>{esc(_when(e))}</time> <b>{esc(e['speaker'] or '?')}</b>: "
                f"{esc(_words(e))} <small>{esc(_where(e))}</small>"
                f"<br><small>carried by {carriers}</small>{variants}</li>"
            )
        parts.append("</ol>")
    return "\n".join(parts)


def _html_segment(segment: Any) -> str:
    text = html.escape(segment.text)
    if segment.op == "delete":
        return f"<del>{text}</del> "
    return f"<ins>{text}</ins>" if segment.op == "insert" else text
