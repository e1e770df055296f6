"""One query builder for every search: what a person types becomes a safe FTS5 query.

CLI ``search``, ``timeline --about`` and the web's ``/search`` all pass user text
through ``fts_query``. Everyday text is searched as words: each run of
non-space characters becomes a quoted FTS5 string, so ``Brenner's``,
``water-sharing``, ``U.S.``, ``dam,``, ``Kestria?``, ``50%`` and ``don't`` are
words and phrases, never syntax (unquoted, FTS5 reads ``water-sharing`` as
"water, but not the column sharing" and fails). The operators stay for those
who use them, written as FTS5 writes them: ``"quoted phrases"``, ``AND``,
``OR``, ``NOT`` (in capitals), ``( … )``, a prefix ``brenn*``,
``NEAR(a b, 5)`` and ``column: word`` for a column of the index searched.
A query that still cannot be read raises ``SearchSyntaxError`` with what to
change.

Search cost grows faster than the number of terms (4,000 ORed terms took
26 s), so the text and its terms are capped before SQLite sees them, and
``time_limit`` stops any one query that still runs too long, with SQLite's
progress handler. The caps are ``Settings`` fields (``search_max_chars``,
``search_max_terms``, ``search_max_seconds``).
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from storytrail.settings import DEFAULTS, Settings

OPERATORS = ("AND", "OR", "NOT")
_WORD = re.compile(r"\w+")
# Every FTS5 column in the store (articles_fts: title, text; quotes_fts: text, speaker):
# "title: treaty" is a column filter wherever it is typed, and a clear error for an
# index without that column, while "Brenner: dam" stays two words.
KNOWN_COLUMNS = frozenset({"title", "text", "speaker"})
# SQLite calls the progress handler every this many virtual-machine instructions.
_PROGRESS_STEPS = 1000


class SearchSyntaxError(ValueError):
    """A query that cannot be searched; the message says what to change."""


class SearchTimeout(SearchSyntaxError):
    """A query stopped because it ran longer than ``search_max_seconds``."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "term" (an FTS5 string or NEAR group), "op", "(", ")", "column"
    text: str
    words: int = 0


def fts_query(text: str, columns: Sequence[str] = (), settings: Settings = DEFAULTS) -> str:
    """The FTS5 query for what a person typed, searched over ``columns`` (an index's).

    Raises ``SearchSyntaxError`` naming what to change: nothing to search for,
    over the caps, an unclosed quotation mark or parenthesis, an operator with
    nothing on one side, or a column the index does not have.
    """
    if len(text) > settings.search_max_chars:
        raise SearchSyntaxError(
            f"the query is {len(text):,} characters long; at most "
            f"{settings.search_max_chars:,} are searched (search_max_chars): shorten it"
        )
    tokens = _tokens(text, columns)
    words = sum(t.words for t in tokens)
    if words > settings.search_max_terms:
        raise SearchSyntaxError(
            f"the query has {words:,} words; at most {settings.search_max_terms} are searched "
            "(search_max_terms): keep the few that matter"
        )
    _check_structure(tokens)
    if not any(t.kind == "term" for t in tokens):
        raise SearchSyntaxError("nothing to search for: type a word (letters or digits)")
    return " ".join(t.text for t in tokens)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _tokens(text: str, columns: Sequence[str]) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise SearchSyntaxError(
                    'a quotation mark is not closed: end the phrase with a second " or '
                    "remove the mark"
                )
            prefix = text.startswith("*", end + 1)
            tokens += _term(text[i + 1 : end], prefix=prefix)
            i = end + 1 + prefix
        elif char in "()":
            tokens.append(_Token(char, char))
            i += 1
        elif text.startswith("NEAR(", i):
            end = text.find(")", i)
            if end < 0:
                raise SearchSyntaxError("NEAR( is not closed: write NEAR(word word, 5)")
            tokens.append(_near(text[i + 5 : end]))
            i = end + 1
        else:
            end = i
            while end < n and not text[end].isspace() and text[end] not in '"()':
                end += 1
            tokens += _bare(text[i:end], columns)
            i = end
    return tokens


def _term(text: str, prefix: bool = False) -> list[_Token]:
    """A quoted FTS5 string for ``text``; nothing when it holds no word to search."""
    words = len(_WORD.findall(text))
    if not words:
        return []
    return [_Token("term", _quoted(text) + (" *" if prefix else ""), words)]


def _bare(word: str, columns: Sequence[str]) -> list[_Token]:
    if word in OPERATORS:
        return [_Token("op", word)]
    name, colon, rest = word.partition(":")
    if colon and name.lower() in KNOWN_COLUMNS:
        if name.lower() not in columns:
            raise SearchSyntaxError(
                f"this index has no column {name!r} (it has {', '.join(columns)})"
            )
        return [_Token("column", name.lower() + " :"), *(_bare(rest, columns) if rest else [])]
    if word.endswith("*") and _WORD.search(word):
        return _term(word.rstrip("*"), prefix=True)
    return _term(word)


def _near(inner: str) -> _Token:
    terms, _, distance = inner.partition(",")
    distance = distance.strip()
    if distance and not distance.isdigit():
        raise SearchSyntaxError(f"NEAR(…, {distance}): the distance must be a whole number")
    words = _WORD.findall(terms.replace('"', " "))
    if len(words) < 2:
        raise SearchSyntaxError("NEAR needs two words or more: write NEAR(dam release, 5)")
    body = " ".join(_quoted(w) for w in words)
    return _Token("term", f"NEAR({body}{', ' + distance if distance else ''})", len(words))


def _check_structure(tokens: list[_Token]) -> None:
    """Operators between two operands, parentheses balanced and not empty, a column
    filter before something to search: what FTS5 would otherwise refuse tersely."""
    depth = 0
    previous: _Token | None = None
    for token in tokens:
        if token.kind == "op":
            if previous is None or previous.kind in ("op", "(", "column"):
                raise SearchSyntaxError(
                    f"{token.text} needs a word before it (dam {token.text} flood); to search "
                    f"for the word itself write it in lower case or in quotes"
                )
        elif token.kind == "(":
            depth += 1
        elif token.kind == ")":
            depth -= 1
            if depth < 0:
                raise SearchSyntaxError("a ) has no ( before it: remove it or add the (")
            if previous is None or previous.kind in ("(", "op", "column"):
                raise SearchSyntaxError("( … ) needs words between the parentheses")
        elif token.kind == "column" and previous is not None and previous.kind == "column":
            raise SearchSyntaxError("a column filter needs a word after it: title: treaty")
        previous = token
    if depth > 0:
        raise SearchSyntaxError("a ( is not closed: add the ) or remove the (")
    if previous is not None and previous.kind in ("op", "column"):
        what = previous.text.rstrip(" :")
        raise SearchSyntaxError(
            f"{what} at the end needs a word after it; to search for the word itself write "
            "it in lower case or in quotes"
            if previous.kind == "op"
            else f"the column filter {what}: needs a word after it: {what}: treaty"
        )


@contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Stop any statement on ``conn`` that runs past ``seconds`` from now.

    SQLite then raises "interrupted", turned here into ``SearchTimeout``.
    """
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_STEPS)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        raise SearchTimeout(
            f"the search took over {seconds:g} s and was stopped (search_max_seconds): "
            "use fewer words, rarer words, or fewer prefixes*"
        ) from exc
    finally:
        conn.set_progress_handler(None, 0)
