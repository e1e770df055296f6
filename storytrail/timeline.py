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
    return f"{c['outlet'] or '?'} {(c['published'] or '????')[:10]}{mark}"


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
            outlets.setdefault(c["text"], []).append(c["outlet"] or "?")
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
    bullet = "- " if fmt == "markdown" else "  "
    lines: list[str] = []
    for title, group in (("Timeline", dated), ("Undated statements", undated)):
        if not group:
            continue
        lines.append(f"## {title}" if fmt == "markdown" else f"{title}:")
        for e in group:
            head = f"{_when(e)}  {e['speaker'] or '?'}: {_words(e)}"
            lines.append(f"{bullet}**{head}**" if fmt == "markdown" else head)
            if _where(e):
                lines.append(f"{bullet}    at {_where(e)}")
            lines.append(f"{bullet}    carried by " + "; ".join(_carrier(c) for c in e["carriers"]))
            for outlets, segments in _variants(e):
                lines.append(f"{bullet}    {outlets}: {inline(segments)}")
        lines.append("")
    return "\n".join(lines) if lines else "no statements match"


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
