"""Every threshold, cap and pattern storytrail uses, in one visible place, with its reason.

Code imports ``DEFAULTS`` (or takes a ``Settings`` argument) rather than
writing literals, so a user can see, and a test can pin, what the tool does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Lines that are the page's furniture, not the article: matched against a whole
# stripped line, case-insensitively. Each is kept as a removed span, never lost.
BOILERPLATE_LINE_PATTERNS: tuple[str, ...] = (
    r"source link",
    r"leave a (reply|comment)",
    r"cancel reply",
    r"read more\b.*",
    r"also read\b.*",
    r"related( stories| articles| news)?\s*:.*",
    r"(click|tap) here\b.*",
    r"share (this|on|via)\b.*",
    r"share( this)?( article| story| post)?",
    r"subscribe( to)?\b.*",
    r"sign up (for|to)\b.*",
    r"follow us\b.*",
    r"advertisement",
    r"sponsored( content)?",
    r"your email address will not be published\.?.*",
    r"(all rights reserved|copyright\s*(©|\(c\))).*",
    r"(tags|filed under)\s*:.*",
    r"(photo|image) credit\s*:.*",
)

# A pasted social-media post ends with a signature line:
#   "— Name (@handle) Month D, YYYY"  (dash may be em, en or hyphen)
EMBED_SIGNATURE = (
    r"^[\u2014\u2013-]{1,2}\s*(?P<author>[^()\n]{1,80}?)\s*"
    r"\(@(?P<handle>[A-Za-z0-9_]{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\s*$"
)
# The post's own text, when it stands on the line before the signature, is
# recognised by a link the platforms paste with it.
EMBED_BODY_MARKERS = (r"pic\.twitter\.com/", r"https?://t\.co/", r"https?://(x|twitter)\.com/")

# Quote characters folded to the typographic pair the quote extractor reads.
# Straight quotes and apostrophes are left alone: they are ambiguous and the
# extractor decides. Curly quotes are never straightened.
QUOTE_FOLDS: dict[str, str] = {
    "\u00ab": "\u201c",  # «
    "\u00bb": "\u201d",  # »
    "\u201e": "\u201c",  # „
    "\u201f": "\u201c",  # ‟
    "\u2033": "\u201d",  # ″ (double prime, often a mis-typed closing quote)
    "\u201a": "\u2018",  # ‚
    "\u201b": "\u2018",  # ‛
    "``": "\u201c",  # PTB-style opening quote
    "''": "\u201d",  # PTB-style closing quote
}

# Verbs (lemmas) by which an organisation or outlet passes on news; their
# subject, when it is an organisation or a medium, is a cited source.
REPORTING_VERBS: frozenset[str] = frozenset(
    {"report", "say", "quote", "announce", "state", "claim", "publish", "broadcast", "write"}
)
# Head nouns that make a noun phrase a medium even when the parser does not call
# it an organisation ("Kestrian state radio said", "the newspaper reported").
MEDIA_HEADS: frozenset[str] = frozenset(
    {
        "radio", "television", "tv", "agency", "newspaper", "paper", "broadcaster",
        "channel", "outlet", "website", "daily", "wire", "press", "report", "statement",
    }
)  # fmt: skip

# Last words that make a named organisation an institution or a medium. The
# small English model often calls unfamiliar people ORG; a subject of "said"
# is only taken for a cited source when its name ends in one of these (or is
# an acronym), so "Anneliese Dorn said" stays a quote and never a citation.
ORG_HEADS: frozenset[str] = frozenset(
    {
        "agency", "commission", "ministry", "office", "council", "committee", "government",
        "radio", "television", "post", "times", "courier", "mirror", "wire", "review",
        "daily", "herald", "journal", "gazette", "tribune", "news", "press", "service",
        "kremlin", "parliament", "authority", "bank", "police", "army", "company", "group",
        "association", "union", "institute", "foundation", "organisation", "organization",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Limits and switches. Defaults are safe for untrusted input on a laptop."""

    # One article file larger than this is not news text; refuse it before reading it whole.
    max_file_bytes: int = 5 * 1024 * 1024
    # A manifest is read line by line; one line longer than this is refused.
    max_manifest_line_bytes: int = 8 * 1024 * 1024
    # Shorter cleaned text than this is not an article (empty files, stray fragments).
    min_article_chars: int = 20
    # Share of control characters above which a file is called binary.
    max_control_char_ratio: float = 0.01
    # A first line longer than this is a paragraph, not a headline.
    max_headline_chars: int = 200
    # spaCy batch size for nlp.pipe (texts per batch).
    nlp_batch_size: int = 32
    # How long a writer waits on a locked database before giving up (seconds).
    sqlite_busy_timeout_s: float = 30.0
    # Near-duplicates: exact Jaccard of word 5-shingles at or above this is a copy.
    # 0.5 keeps a syndicated story with a new headline, an added paragraph and
    # different boilerplate (about 0.6-0.8 on the demo corpus) and drops two
    # reports of the same event written separately (under 0.1).
    near_duplicate_threshold: float = 0.5
    near_duplicate_shingle_words: int = 5
    near_duplicate_num_perm: int = 128
    # Texts with fewer shingles than this are too short to call copies.
    near_duplicate_min_shingles: int = 20
    # Statements (see storytrail/link/statements.py). A fragment joins a longer
    # quote when at least this many of its words occur there in order.
    statement_min_contained_words: int = 3
    # rapidfuzz token-sort similarity (0-100) at which two quotes are one wording.
    statement_same_wording: float = 80.0
    # Character similarity (0-100) two same-day, mutually best-matching quotes from
    # different articles need to be one statement (two translations of a sentence
    # score 50-60; two different remarks of one speaker on one day mostly under 40).
    statement_same_occasion: float = 45.0
    # Events: reports whose occasions lie at most this many days apart may be one
    # event (a two-day summit, a report filed the morning after).
    event_max_gap_days: int = 3
    # Stories: two events with a shared participant chain when their articles
    # also share at least this many subject names (non-person proper nouns).
    story_min_shared_subjects: int = 1
    # Re-reports: an article whose every statement was first reported at least
    # this many days before its own publication is presenting old words as news.
    rereport_min_days: int = 30

    # --- the web: URLs, feeds, web archives, watch mode (docs/reliability.md) ---
    # Loopback, private, link-local and other non-public addresses are refused, after DNS
    # resolution and on every redirect: a feed linking to http://169.254.169.254/ must not
    # make a news tool read a cloud's metadata service or a router's admin page.
    allow_private_addresses: bool = False
    # Networks fetched even though they are not public (e.g. an intranet mirror,
    # "10.20.0.0/16"): narrower than allowing every private address.
    allowed_networks: tuple[str, ...] = ()
    # Host name -> addresses, replacing the system resolver (tests, pinned mirrors).
    # None: socket.getaddrinfo. The addresses returned are both checked and connected to.
    resolver: Callable[[str], list[str]] | None = None
    # A server that does not accept a connection in this long is down (seconds).
    fetch_connect_timeout_s: float = 10.0
    # Longest silence between two reads of a response (seconds).
    fetch_read_timeout_s: float = 20.0
    # Whole-response budget, so a server trickling a byte at a time cannot hold a run.
    fetch_deadline_s: float = 60.0
    # Redirects followed per URL; more is a loop or a tracker chain.
    max_redirects: int = 5
    # A fetched body larger than this (as sent, and again once decompressed) is not an
    # article page or a news feed; the cap also bounds what a gzip bomb can expand to.
    max_body_bytes: int = 5 * 1024 * 1024
    # Entries read from one feed; the rest are refused with one rejection.
    max_feed_entries: int = 1000
    # Fetch the link of a feed entry that carries no full text. Always on for a feed
    # given as a URL; for a feed file on disk only when asked (--fetch-links).
    fetch_feed_links: bool = False
    # One WARC response record larger than this is not an article page; skipped unread.
    max_warc_record_bytes: int = 5 * 1024 * 1024
    # Watch mode never polls more often than this (seconds): a publisher's feed does not
    # change every few seconds, and hammering it is rude.
    min_watch_interval_s: float = 60.0

    boilerplate_patterns: tuple[str, ...] = BOILERPLATE_LINE_PATTERNS
    quote_folds: dict[str, str] = field(default_factory=lambda: dict(QUOTE_FOLDS))

    def boilerplate_regex(self) -> re.Pattern[str]:
        """One compiled regex matching a whole boilerplate line."""
        joined = "|".join(f"(?:{p})" for p in self.boilerplate_patterns)
        return re.compile(rf"^\s*(?:{joined})\s*$", re.IGNORECASE)


DEFAULTS = Settings()
