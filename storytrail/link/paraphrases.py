"""Statements by meaning: the rule over sentence vectors, after the lexical rules.

The lexical rules (``statements.py``) miss a paraphrase with few shared words
("would study the report in full" / "the report would be “studied in full”").
Here two quotes that the lexical rules left in different statements become one
statement when all of these hold:

* the same speaker, in different articles, said on the same occasion
  (``same_occasion``: the same day; a dated and an undated quote when the
  undated one was published within ``event_max_gap_days`` of the date; two
  undated quotes when their articles were published within that gap);
* a content word (not a stop word) or a number in common (``share_a_word``);
* the guards agree (``guards_agree``): the same numbers when either names any,
  a negation in both or neither, no word in one that the other denies with a
  prefix (productive/unproductive), the same direction words (rise/fall,
  high/low …) — sentence vectors place "the risk remains high" and "the risk has
  fallen sharply" at 0.93, so the cosine alone never decides;
* the cosine of their vectors reaches ``statement_embedding_min_cosine``, and
  each is the other's best match among its candidates (no chaining through a
  quote that resembles two remarks).

Two pure steps around the I/O the caller does: ``paraphrase_candidates`` (quotes
in, the pairs worth a vector out; only their quotes need embedding) and
``join_paraphrases`` (the pairs and their vectors in, merged statements out).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from storytrail.link.statements import (
    STATEMENT_KINDS,
    dates_agree,
    in_date_order,
    statement_of,
)
from storytrail.model import Quote, Statement
from storytrail.settings import DEFAULTS, Settings

Pair = tuple[Quote, Quote]

# Numbers whole ("1,000", "2.5"), and "n't" apart from its verb ("won't" -> "wo", "n't").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+?(?=n['\u2019]t\b)|n['\u2019]t\b|\w+", re.UNICODE)
_UNITS = {
    "zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# "one" is left out: in speech it is mostly a pronoun ("no one", "the one thing").
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class Sense:
    """What the guards compare: numbers named, negation, direction (+1 up, -1 down),
    content words (not stop words, three letters or more), and those words with a
    negating prefix ("unproductive")."""

    numbers: frozenset[float]
    negated: bool
    directions: frozenset[int]
    words: frozenset[str]
    negated_forms: frozenset[str]


def sense_of(text: str, settings: Settings = DEFAULTS) -> Sense:
    tokens = [_apostrophe(t) for t in _TOKEN.findall(text.casefold())]
    directions = {+1 for t in tokens if t in settings.statement_up_words} | {
        -1 for t in tokens if t in settings.statement_down_words
    }
    words = frozenset(t for t in tokens if len(t) >= 3 and t.isalpha() and t not in STOP_WORDS)
    prefixes = settings.statement_negating_prefixes
    return Sense(
        numbers=frozenset(numbers_in(tokens)),
        negated=any(t in settings.statement_negation_words for t in tokens),
        directions=frozenset(directions),
        words=words,
        negated_forms=frozenset(p + w for w in words if len(w) >= 4 for p in prefixes),
    )


def _apostrophe(token: str) -> str:
    return "n't" if token in ("n't", "n\u2019t") else token


def numbers_in(tokens: Iterable[str]) -> list[float]:
    """The numbers a run of case-folded tokens names, digits and words alike:
    "340", "three hundred and forty" and "2.5 million" give 340, 340, 2500000."""
    found: list[float] = []
    total = current = 0.0
    inside = False
    for token in tokens:
        value = _digits(token)
        if value is None:
            value = _UNITS.get(token)
        if value is not None:
            current += value
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0.0
        elif token == "and" and inside:
            continue  # "three hundred and forty"
        else:
            if inside:
                found.append(total + current)
            total = current = 0.0
            inside = False
            continue
        inside = True
    if inside:
        found.append(total + current)
    return found


def _digits(token: str) -> float | None:
    """A number written in digits: "1,000" and "1.000.000" group thousands, "2.5" and "2,5"
    are decimals."""
    if not token[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        return float(token.replace(",", ""))
    if token.count(",") + token.count(".") == 1:
        return float(token.replace(",", "."))
    return float(re.sub(r"[.,]", "", token))


def share_a_word(a: Sense, b: Sense) -> bool:
    """A content word or a number in common: every pair of the golden statements has
    one, and requiring it spares a third to two thirds of the texts to embed
    (docs/design.md)."""
    return bool(a.words & b.words or a.numbers & b.numbers)


def guards_agree(a: Sense, b: Sense) -> bool:
    """The same numbers, negation in both or neither, the same directions, and no word
    of one denied by a prefix in the other."""
    return (
        a.numbers == b.numbers
        and a.negated == b.negated
        and a.directions == b.directions
        and not (a.negated_forms & b.words or b.negated_forms & a.words)
    )


def same_occasion(
    a: Quote, b: Quote, published: Mapping[str, str | None], settings: Settings = DEFAULTS
) -> bool:
    """``dates_agree`` (the same day, or an undated quote published within
    ``event_max_gap_days`` of the other's date), and for two undated quotes, articles
    published within that gap: news of one occasion comes out within days of it."""
    if a.date or b.date:
        undated = b if a.date else a
        return dates_agree(a, b, published.get(undated.article_id), settings)
    day_a, day_b = _occasion_day(a, published), _occasion_day(b, published)
    if day_a is None or day_b is None:
        return False
    return abs((day_a - day_b).days) <= settings.event_max_gap_days


def _occasion_day(quote: Quote, published: Mapping[str, str | None]) -> date | None:
    """A day-dated quote's date, an undated quote's publication day; None for a coarser
    date (a month says too little about the occasion) or no date at all."""
    if quote.date and quote.date_granularity != "day":
        return None
    day = quote.date or published.get(quote.article_id)
    try:
        return date.fromisoformat(day[:10]) if day else None
    except ValueError:
        return None


def paraphrase_candidates(
    quotes: Iterable[Quote], published: Mapping[str, str | None], settings: Settings = DEFAULTS
) -> list[Pair]:
    """Pairs of quotes worth comparing by vector, after the lexical rules ran.

    Only quotes with a speaker and a statement, in speaker blocks spanning at least
    two articles; only pairs from different articles, in different statements, on
    the same occasion, sharing a content word or a number, whose guards agree.
    Within a speaker the quotes are sorted by occasion day and compared only within
    ``event_max_gap_days``, so the cost follows how much a speaker says around one
    day, not everything they ever said.
    """
    blocks: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker_id and quote.statement_id and quote.kind in STATEMENT_KINDS:
            blocks[quote.speaker_id].append(quote)
    gap = settings.event_max_gap_days
    pairs: list[Pair] = []
    for block in blocks.values():
        if len({q.article_id for q in block}) < 2:
            continue
        placed = [(day, q) for q in block if (day := _occasion_day(q, published))]
        placed.sort(key=lambda item: (item[0], item[1].id))
        senses = {q.text: sense_of(q.text, settings) for _, q in placed}
        for i, (day, a) in enumerate(placed):
            for later, b in placed[i + 1 :]:
                if (later - day).days > gap:
                    break
                if a.article_id == b.article_id or a.statement_id == b.statement_id:
                    continue
                if not same_occasion(a, b, published, settings):
                    continue
                sense_a, sense_b = senses[a.text], senses[b.text]
                if share_a_word(sense_a, sense_b) and guards_agree(sense_a, sense_b):
                    pairs.append((a, b) if a.id < b.id else (b, a))
    return sorted(pairs, key=lambda pair: (pair[0].id, pair[1].id))


def join_paraphrases(
    statements: list[Statement],
    quotes: list[Quote],
    pairs: list[Pair],
    vectors: Mapping[str, np.ndarray],
    published: Mapping[str, str | None],
    settings: Settings = DEFAULTS,
) -> tuple[list[Statement], list[Quote]]:
    """Merge the statements of mutually-best pairs whose cosine reaches the setting.

    ``vectors`` maps a quote's text to its L2-normalised vector (every text in
    ``pairs``). Returns the statements and quotes as ``group_statements`` does;
    unchanged when no pair qualifies.
    """
    joined = matched_pairs(pairs, vectors, settings.statement_embedding_min_cosine)
    links = [
        (a.statement_id, b.statement_id) for a, b in joined if a.statement_id and b.statement_id
    ]
    if not links:
        return statements, quotes
    parent = {s.id: s.id for s in statements}

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    for first, second in links:
        parent[root(first)] = root(second)
    touched = {root(sid) for link in links for sid in link}
    groups: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.statement_id and root(quote.statement_id) in touched:
            groups[root(quote.statement_id)].append(quote)
    new_id: dict[str, str] = {}
    merged: list[Statement] = []
    for group in groups.values():
        statement = statement_of(group, published)
        merged.append(statement)
        new_id.update((q.statement_id or "", statement.id) for q in group)
    kept = [s for s in statements if s.id not in new_id]
    relinked = [
        replace(q, statement_id=new_id[q.statement_id]) if q.statement_id in new_id else q
        for q in quotes
    ]
    return in_date_order(kept + merged), relinked


def matched_pairs(
    pairs: list[Pair], vectors: Mapping[str, np.ndarray], min_cosine: float
) -> list[Pair]:
    """The pairs whose two quotes are each other's best match and close enough."""
    scores = pair_cosines(pairs, vectors)
    best: dict[str, tuple[float, str]] = {}
    for (a, b), score in zip(pairs, scores, strict=True):
        for one, other in ((a, b), (b, a)):
            held = best.get(one.id)
            if held is None or score > held[0] or (score == held[0] and other.id < held[1]):
                best[one.id] = (score, other.id)
    return [
        (a, b)
        for (a, b), score in zip(pairs, scores, strict=True)
        if score >= min_cosine and best[a.id][1] == b.id and best[b.id][1] == a.id
    ]


def pair_cosines(pairs: list[Pair], vectors: Mapping[str, np.ndarray]) -> list[float]:
    scores: list[float] = []
    for start in range(0, len(pairs), 4096):
        chunk = pairs[start : start + 4096]
        left = np.stack([vectors[a.text] for a, _ in chunk])
        right = np.stack([vectors[b.text] for _, b in chunk])
        scores.extend(float(s) for s in np.einsum("ij,ij->i", left, right))
    return scores
