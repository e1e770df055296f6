"""Statements: quotes that render the same utterance, across outlets, translations and cuts.

Quotes are compared only within a speaker (blocking by ``speaker_id``), so the
cost grows with the largest speaker's quote count, not the corpus. Two quotes
of one speaker are the same statement when one of three rules holds:

1. *containment* — the shorter one's words occur, in order and contiguous, in
   the longer one (a fragment, or a cut of a longer quote);
2. *wording* — the two texts are close by ``rapidfuzz`` token-sort similarity
   (small edits, different punctuation, an indirect report of direct words);
3. *occasion* — the quotes come from different articles, carry the same
   utterance date at day granularity, are each other's best match among that
   speaker's quotes of that day, and still share a fair part of their wording
   (character similarity above a lower bar). This is what joins two
   translations of one sentence ("remains, of course, complicated" / "is still,
   naturally, difficult"): without word vectors offline, the occasion is the
   evidence, and the lower bar keeps two different remarks of the same day
   apart when they share little.

Links close transitively (union-find). A statement's id comes from its
earliest-reported quote, so adding newer articles does not rename it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from rapidfuzz import fuzz

from storytrail.model import Quote, Statement, stable_id
from storytrail.settings import DEFAULTS, Settings

_WORD = re.compile(r"\w+", re.UNICODE)
STATEMENT_KINDS = frozenset({"direct", "mixed", "indirect", "fragment"})
# Which rendering stands for the statement: the speaker's own words first.
_KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2, "fragment": 3}


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def contains(longer: list[str], shorter: list[str]) -> bool:
    """True when ``shorter`` occurs as a contiguous run inside ``longer``."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def same_wording(a: str, b: str, settings: Settings = DEFAULTS) -> bool:
    """Rules 1 and 2: containment of at least a few words, or close token-sort similarity."""
    wa, wb = words(a), words(b)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= settings.statement_min_contained_words and contains(long_, short):
        return True
    return fuzz.token_sort_ratio(" ".join(wa), " ".join(wb)) >= settings.statement_same_wording


def group_statements(
    quotes: Iterable[Quote],
    published: Mapping[str, str | None],
    settings: Settings = DEFAULTS,
) -> tuple[list[Statement], list[Quote]]:
    """Group quotes into statements; return the statements and the quotes with ``statement_id``.

    ``published`` maps article id to its publication date (ISO, or None). Quotes
    without a speaker, and embeds, get no statement: who said them is unknown.
    """
    all_quotes = list(quotes)
    blocks: dict[str, list[Quote]] = defaultdict(list)
    for quote in all_quotes:
        if quote.speaker_id and quote.kind in STATEMENT_KINDS:
            blocks[quote.speaker_id].append(quote)

    statement_of: dict[str, str] = {}
    statements: list[Statement] = []
    for block in blocks.values():
        for members in _link_block(block, settings):
            statement = _statement(members, published)
            statements.append(statement)
            statement_of.update((q.id, statement.id) for q in members)

    linked = [replace(q, statement_id=statement_of.get(q.id)) for q in all_quotes]
    statements.sort(key=lambda s: (s.date or "9999", s.first_reported or "9999", s.id))
    return statements, linked


def _link_block(block: list[Quote], settings: Settings) -> list[list[Quote]]:
    """Union-find over one speaker's quotes; returns the groups."""
    parent = list(range(len(block)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    for i in range(len(block)):
        for j in range(i + 1, len(block)):
            if same_wording(block[i].text, block[j].text, settings):
                join(i, j)
    for i, j in _same_occasion_pairs(block, settings):
        join(i, j)

    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, quote in enumerate(block):
        groups[root(i)].append(quote)
    return list(groups.values())


def _same_occasion_pairs(block: list[Quote], settings: Settings) -> list[tuple[int, int]]:
    """Rule 3: mutual best matches across articles among quotes of the same day."""
    by_day: dict[str, list[int]] = defaultdict(list)
    for i, quote in enumerate(block):
        if quote.date and quote.date_granularity == "day":
            by_day[quote.date].append(i)
    pairs = []
    for members in by_day.values():
        best: dict[int, tuple[float, int]] = {}
        for i in members:
            for j in members:
                if block[i].article_id == block[j].article_id:
                    continue
                score = fuzz.ratio(block[i].text.casefold(), block[j].text.casefold())
                if score > best.get(i, (-1.0, -1))[0]:
                    best[i] = (score, j)
        for i, (score, j) in best.items():
            if (
                i < j
                and best.get(j, (0.0, -1))[1] == i
                and score >= settings.statement_same_occasion
            ):
                pairs.append((i, j))
    return pairs


def _statement(members: list[Quote], published: Mapping[str, str | None]) -> Statement:
    def reported(q: Quote) -> str:
        return (published.get(q.article_id) or "9999")[:10]

    ordered = sorted(members, key=lambda q: (reported(q), q.id))
    voice = min(members, key=lambda q: (_KIND_RANK[q.kind], -len(q.text), q.id))
    dated = [q for q in members if q.date]
    date, granularity = None, None
    if dated:
        finest = min(dated, key=lambda q: (_granularity_rank(q.date_granularity), q.date))
        date, granularity = finest.date, finest.date_granularity
    first = reported(ordered[0])
    return Statement(
        id=stable_id("sta", ordered[0].id),
        speaker=voice.speaker,
        speaker_id=voice.speaker_id,
        text=voice.text,
        quote_ids=sorted(q.id for q in members),
        first_reported=None if first == "9999" else first,
        date=date,
        date_granularity=granularity,
    )


def _granularity_rank(granularity: str | None) -> int:
    return {"day": 0, "week": 1, "month": 2, "year": 3}.get(granularity or "", 4)
