"""Every threshold, cap and pattern storytrail uses, in one visible place, with its reason.

Code imports ``DEFAULTS`` (or takes a ``Settings`` argument) rather than
writing literals, so a user can see, and a test can pin, what the tool does.
"""

from __future__ import annotations

import re
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
    boilerplate_patterns: tuple[str, ...] = BOILERPLATE_LINE_PATTERNS
    quote_folds: dict[str, str] = field(default_factory=lambda: dict(QUOTE_FOLDS))

    def boilerplate_regex(self) -> re.Pattern[str]:
        """One compiled regex matching a whole boilerplate line."""
        joined = "|".join(f"(?:{p})" for p in self.boilerplate_patterns)
        return re.compile(rf"^\s*(?:{joined})\s*$", re.IGNORECASE)


DEFAULTS = Settings()
