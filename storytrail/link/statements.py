"""Statements: quotes that render the same utterance, across outlets, translations and cuts.

Quotes are compared only within a speaker (blocking by ``speaker_id``), so the
cost grows with the largest speaker's quote count, not the corpus. Two quotes
of one speaker are the same statement when one of three rules holds:

1. *containment* — the shorter one's words occur, in order and contiguous, in
   the longer one (a fragment, or a cut of a longer quote);
2. *wording* — the two texts are close by ``rapidfuzz`` token-sort similarity
   (small edits, different punctuation, an indirect report of direct words,
   with pronouns compared by role so "I will not" matches "he will not"); or a
   mixed quote's quoted words occur in the other quote (three words or more,
   or fewer when the utterance dates agree);
3. *occasion* — the quotes come from different articles, carry the same
   utterance date at day granularity, are both direct, are each other's best match among that
   speaker's quotes of that day, and still share a fair part of their wording
   (character similarity above a lower bar). This is what joins two
   translations of one sentence ("remains, of course, complicated" / "is still,
   naturally, difficult"): the occasion is the evidence, and the lower bar
   keeps two different remarks of the same day apart when they share little.

A fourth rule, by meaning (sentence vectors, with guards on numbers,
negation and direction), runs after these in ``paraphrases.py``.

A quote nested inside another quote of the same article (a remark the
speaker recalls) is never joined to the quote around it. Links close
transitively (union-find). A statement's id comes from its
earliest-reported quote, so adding newer articles does not rename it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date

from rapidfuzz import fuzz

from storytrail.model import Quote, Statement, stable_id
from storytrail.settings import DEFAULTS, Settings

_WORD = re.compile(r"\w+", re.UNICODE)
STATEMENT_KINDS = frozenset({"direct", "mixed", "indirect", "fragment"})
# Which rendering stands for the statement: the speaker's own words first.
_KIND_RANK = {"direct": 0, "mixed": 1, "indirect": 2, "fragment": 3}


# Reported speech shifts person ("I will not" -> "he will not"): compare pronouns by role.
_PERSON_SHIFT = {
    **dict.fromkeys(("i", "he", "she", "we", "they"), "<subj>"),
    **dict.fromkeys(("me", "him", "us", "them"), "<obj>"),
    **dict.fromkeys(("my", "his", "our", "their", "its"), "<poss>"),
}
_QUOTED = re.compile(r"[\u201c\u2018\"]([^\u201c\u201d\u2018\u2019\"]{1,400})[\u201d\u2019\"]")


def words(text: str) -> list[str]:
    return [_PERSON_SHIFT.get(w, w) for w in _WORD.findall(text.casefold())]


def quoted_parts(text: str) -> list[list[str]]:
    """The words inside quotation marks in a mixed quote's text ("…the table “to trade
    accusations”" gives [["to", "trade", "accusations"]])."""
    return [words(m.group(1)) for m in _QUOTED.finditer(text) if words(m.group(1))]


def contains(longer: list[str], shorter: list[str]) -> bool:
    """True when ``shorter`` occurs as a contiguous run inside ``longer``."""
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def same_wording(a: str, b: str, settings: Settings = DEFAULTS) -> bool:
    """Rules 1 and 2: containment of at least a few words, or close token-sort similarity."""
    return _same_words(words(a), words(b), settings)


def _same_words(wa: list[str], wb: list[str], settings: Settings) -> bool:
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

    statement_id_of: dict[str, str] = {}
    statements: list[Statement] = []
    for block in blocks.values():
        for members in _link_block(block, published, settings):
            statement = statement_of(members, published)
            statements.append(statement)
            statement_id_of.update((q.id, statement.id) for q in members)

    linked = [replace(q, statement_id=statement_id_of.get(q.id)) for q in all_quotes]
    return in_date_order(statements), linked


def in_date_order(statements: list[Statement]) -> list[Statement]:
    return sorted(statements, key=lambda s: (s.date or "9999", s.first_reported or "9999", s.id))


def _link_block(
    block: list[Quote], published: Mapping[str, str | None], settings: Settings
) -> list[list[Quote]]:
    """Union-find over one speaker's quotes; returns the groups."""
    parent = list(range(len(block)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    wording = [words(q.text) for q in block]
    parts = [_parts(q) for q in block]
    holders = _holders(wording)
    for i, j in sorted(_candidate_pairs(wording, parts, holders)):
        if _nested(block[i], block[j]):
            continue
        if _same_words(wording[i], wording[j], settings) or _quoted_part_of(
            block[i], block[j], published, settings, short=False
        ):
            join(i, j)
    for i in range(len(block)):
        # A word or two ("rules") is evidence only when exactly one quote can hold it.
        found = [
            j
            for j in sorted({j for part in parts[i] for j in holders[_rarest(part, holders)]})
            if j != i
            and not _nested(block[i], block[j])
            and _quoted_part_of(block[i], block[j], published, settings, short=True)
        ]
        if len(found) == 1:
            join(i, found[0])
    for i, j in _same_occasion_pairs(block, settings):
        join(i, j)

    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, quote in enumerate(block):
        groups[root(i)].append(quote)
    return list(groups.values())


def _parts(quote: Quote) -> list[list[str]]:
    """The words a mixed quote or fragment stands for (its quoted parts, else all its words)."""
    if quote.kind not in ("mixed", "fragment"):
        return []
    return [p for p in quoted_parts(quote.text) or [words(quote.text)] if p]


def _holders(wording: list[list[str]]) -> dict[str, list[int]]:
    """Word -> the quotes of the block that use it, in block order."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, quote_words in enumerate(wording):
        for word in dict.fromkeys(quote_words):
            holders[word].append(i)
    return holders


def _rarest(part: list[str], holders: Mapping[str, list[int]]) -> str:
    return min(part, key=lambda w: (len(holders[w]), w))


def _candidate_pairs(
    wording: list[list[str]], parts: list[list[list[str]]], holders: Mapping[str, list[int]]
) -> set[tuple[int, int]]:
    """The pairs of a block worth comparing, found through shared rare words (blocking).

    Each quote is looked up under the rarer half of its distinct words and under
    the rarest word of each quoted part. A quote contained in another, or a part
    contained in another quote, shares all its words with it, so rules 1 and 2's
    containment and the quoted-part rule lose no pair; two quotes of similar
    wording are compared whenever one holds at least half of the other's distinct
    words, which an 80 % token-sort match all but requires. The cost follows the
    postings of rare words, not the square of a speaker's quote count.
    """
    pairs: set[tuple[int, int]] = set()
    for i, quote_words in enumerate(wording):
        distinct = sorted(set(quote_words), key=lambda w: (len(holders[w]), w))
        probes = distinct[: len(distinct) // 2 + 1]
        probes += [_rarest(part, holders) for part in parts[i]]
        for word in probes:
            for j in holders[word]:
                if j != i:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def _nested(a: Quote, b: Quote) -> bool:
    """A quote inside another quote of the same article (a remark the speaker recalls)
    is its own statement, not a cut of the quote around it."""
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def dates_agree(a: Quote, b: Quote, published: str | None, settings: Settings) -> bool:
    """Same utterance day, or one undated quote published within a few days of the other."""
    if a.date and b.date:
        return a.date[:10] == b.date[:10]
    dated = a.date or b.date
    if not dated or not published:
        return False
    try:
        gap = abs((date.fromisoformat(published[:10]) - date.fromisoformat(dated[:10])).days)
    except ValueError:
        return False
    return gap <= settings.event_max_gap_days


def _quoted_part_of(
    a: Quote,
    b: Quote,
    published: Mapping[str, str | None],
    settings: Settings,
    short: bool,
) -> bool:
    """A mixed quote or fragment whose quoted words occur in the other quote.

    Three words or more are evidence enough (the re-reported "to trade
    accusations"); with ``short``, a part of one or two words ("complicated",
    "rules") of ``a`` counts when the dates agree too, because a speaker's
    common words recur (the caller also requires a single holder).
    """
    pairs = ((a, b),) if short else ((a, b), (b, a))
    for part_of, whole in pairs:
        if part_of.kind not in ("mixed", "fragment"):
            continue
        target = words(whole.text)
        parts = quoted_parts(part_of.text) or [words(part_of.text)]
        for part in parts:
            if not contains(target, part):
                continue
            if len(part) >= settings.statement_min_contained_words:
                if not short:
                    return True
                continue
            if not short:
                continue
            undated = whole if part_of.date else part_of
            if dates_agree(part_of, whole, published.get(undated.article_id), settings):
                return True
    return False


def _same_occasion_pairs(block: list[Quote], settings: Settings) -> list[tuple[int, int]]:
    """Rule 3: mutual best matches across articles among quotes of the same day."""
    by_day: dict[str, list[int]] = defaultdict(list)
    for i, quote in enumerate(block):
        # Translations render the speaker's own words: only direct quotes qualify.
        if quote.kind == "direct" and quote.date and quote.date_granularity == "day":
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


def statement_of(members: list[Quote], published: Mapping[str, str | None]) -> Statement:
    """The statement a group of quotes makes: id from the earliest-reported, voice from the
    speaker's own words, date from the finest-dated member."""

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


def date_from_statements(
    quotes: Iterable[Quote],
    statements: Iterable[Statement],
    repeated: Mapping[str, Iterable[str]],
) -> list[Quote]:
    """Undated quotes of re-reported statements take the statement's date, saying so.

    ``repeated`` maps a re-reporting article to the statements it repeats. A
    re-report presents old words without their date; once linked, the words'
    date is known from the articles that dated them. Elsewhere an undated quote
    stays undated: sharing words with a dated quote is not, by itself, proof
    that the article reports that occasion.
    """
    dated = {s.id: s for s in statements if s.date}
    allowed = {(article, s) for article, ids in repeated.items() for s in ids}
    result = []
    for quote in quotes:
        statement = dated.get(quote.statement_id or "")
        if quote.date or statement is None or (quote.article_id, statement.id) not in allowed:
            result.append(quote)
            continue
        result.append(
            replace(
                quote,
                date=statement.date,
                date_granularity=statement.date_granularity,
                date_source=(
                    f"statement: another report of the same words dates them {statement.date}"
                ),
                date_evidence_start=None,
                date_evidence_end=None,
            )
        )
    return result
