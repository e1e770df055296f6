"""The web app's limits and safety headers, in one visible place, with their reasons."""

from __future__ import annotations

from dataclasses import dataclass

# Sent with every response, errors and static files included. Everything shown
# comes from untrusted articles, so the page may load only its own stylesheet
# and script, never inline code, never be framed, and never leak the URL.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

# Host names a browser on this machine uses for a server bound to loopback. Any
# other Host header is refused, so a web page elsewhere cannot read the store
# through DNS rebinding (a name of theirs that resolves to 127.0.0.1).
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Page sizes: enough to read on one screen, small enough to stay fast on a big store."""

    # Stories per page of the stories list.
    stories_per_page: int = 100
    # Results per index (articles, quotes) on the search page; FTS5 ranks them.
    search_results: int = 50
    # An outlet's articles listed on its entity page.
    outlet_articles: int = 200
    # Markers SQLite puts around matched words in a search snippet. Private-use
    # characters, so text that happens to contain brackets is never mistaken
    # for a match; they are split out before the snippet is escaped and shown.
    snippet_marks: tuple[str, str] = ("\ue000", "\ue001")


WEB_DEFAULTS = WebSettings()
