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
# through DNS rebinding (a name of theirs that resolves to 127.0.0.1). IPv6 literals are
# written as in a Host header, in brackets.
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Page sizes: enough to read on one screen, small enough to stay fast on a big store."""

    # Stories per page of the stories list (each costs a few joins for its summary).
    stories_per_page: int = 50
    # Results per index (articles, quotes) on the search page, best first, as the CLI.
    search_results: int = 20
    # Ranking costs a look-up per match; a word most of a 20,000-article store contains
    # took 30 ms to rank in full. Only this many of the most recently added matches are
    # ranked (the page says so when it cuts): 3 ms, and exact below it.
    search_rank_window: int = 2000
    # The highest page number a URL may ask for (page=…): far past any store's last page,
    # and small enough that (page - 1) × page size fits SQLite's 64-bit OFFSET.
    max_page: int = 1_000_000
    # An outlet's articles listed on its entity page.
    outlet_articles: int = 200
    # A speaker's statements per page of their entity page (in the order said).
    entity_statements: int = 500
    # The latest events an entity took part in, listed on its page.
    entity_events: int = 50
    # Markers SQLite puts around matched words in a search snippet. Private-use
    # characters, so text that happens to contain brackets is never mistaken
    # for a match; they are split out before the snippet is escaped and shown.
    snippet_marks: tuple[str, str] = ("\ue000", "\ue001")


WEB_DEFAULTS = WebSettings()
