"""The few bits of markup every list row repeats, as Jinja globals.

They are Python rather than template macros because a Jinja macro call costs
about fifty times a plain expression, and a timeline of a hundred statements
calls them hundreds of times. Each builds its markup with ``Markup.format``,
which escapes every argument: no article string is ever inserted unescaped.
"""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup


def when(value: str | None, granularity: str | None = None) -> Markup:
    """A date with its precision when coarser than a day, or "date unknown"."""
    if not value:
        return Markup('<span class="unknown">date unknown</span>')
    html = Markup('<time class="when">{}</time>').format(value)
    if granularity and granularity != "day":
        html += Markup(' <span class="granularity">({})</span>').format(granularity)
    return html


def speaker_link(name: str | None, entity_id: str | None) -> Markup:
    """A speaker's name, linked to their page when they have an entity."""
    if entity_id:
        return Markup('<a class="speaker" href="/entities/{}">{}</a>').format(
            quote(entity_id, safe=""), name or "unknown speaker"
        )
    return Markup('<span class="speaker">{}</span>').format(name or "unknown speaker")


GLOBALS = {"when": when, "speaker_link": speaker_link}
