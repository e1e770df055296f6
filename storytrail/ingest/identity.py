"""What makes two inputs the same article: a normalised URL, or a normalised text.

Ingest is idempotent on both: reading the same page again, from the same URL or
from a copy of its text in another file, gives the same article id and one row.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from storytrail.model import stable_id

_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_url(url: str) -> str:
    """A canonical form of ``url``: lower-case scheme and host, no fragment,
    no default port, no tracking parameters, no trailing slash on the path."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # "host:abc" — not a port; keep what was written rather than fail
        port = None
        host = parts.netloc.rpartition("@")[2].lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(k)
        )
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((scheme, host, path, query, ""))


def text_fingerprint(text: str) -> str:
    """SHA-256 of the text with case, accents' composition, punctuation and spacing folded.

    Two copies of an article that differ only in whitespace, quote style or
    line wrapping get the same fingerprint; a changed word does not.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _NON_WORD.sub(" ", folded).strip()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def article_id(url: str | None, fingerprint: str) -> str:
    """Stable article id: from the normalised URL when there is one, else the text."""
    if url:
        return stable_id("art", "url", normalise_url(url))
    return stable_id("art", "text", fingerprint)
