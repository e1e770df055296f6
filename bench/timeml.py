"""TempEval-3 Task A scoring of storytrail's time expressions on TimeML news corpora.

Used by ``bench/time.py``. Each document goes through the product path a user
takes: a JSON Lines manifest (``text`` and ``published`` = the document's
creation time) is ingested with ``storytrail ingest``, built with ``storytrail
build`` and exported with ``storytrail export``; the exported expressions'
offsets (into the cleaned text) are mapped back to the document text and
scored against the gold TIMEX3 with the TempEval-3 Task A definitions
(UzZaman et al. 2013):

- relaxed match: the spans overlap (MEANTIME: share a token); strict: the same
  extent (MEANTIME: the same tokens). P/R/F1 micro-averaged over the corpus.
- type / value accuracy: the share of relaxed matches whose attribute equals
  gold; attribute F1 = accuracy x relaxed F1 (systems were ranked on value F1).

Matching is one-to-one: each gold expression takes the overlapping system
expression with the largest overlap that no other gold expression took. The
official scorer matches on tokens, so character offsets can differ from it at
punctuation boundaries. dateparser's ``search_dates`` runs over the same texts
as a live yardstick (it gives days only, no types: its type and value columns
count DATE and the ISO day).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from storytrail import clean_text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TE3 = DATA / "tempeval3-platinum" / "te3_platinum_timex3.jsonl"
MEANTIME = DATA / "meantime" / "meantime_en_timex3.jsonl"
URL = "https://timeml.invalid/{}"
# MEANTIME annotates the title (sentence 0), the dateline (1) and the first four sentences of
# the body (2-5): every gold TIMEX3 lies there, so expressions found further on are not scored.
ANNOTATED_SENTENCES = 5

# Published Task A figures on TE3 platinum (UzZaman et al. 2013, Table 3; HeidelTime's
# type F1 and strict P/R from its EvaluationResults.md), as fractions.
PUBLISHED = {
    "HeidelTime-t": {
        "P": 0.9308,
        "R": 0.8768,
        "F1": 0.9030,
        "strict F1": 0.8134,
        "type F1": 0.8209,
        "value F1": 0.7761,
    },
    "NavyTime-1,2": {
        "P": 0.8936,
        "R": 0.9130,
        "F1": 0.9032,
        "strict F1": 0.7957,
        "value F1": 0.7097,
    },
    "SUTime": {"P": 0.8936, "R": 0.9130, "F1": 0.9032, "strict F1": 0.7957, "value F1": 0.6738},
    "ClearTK-1,2": {
        "P": 0.9375,
        "R": 0.8696,
        "F1": 0.9023,
        "strict F1": 0.8271,
        "value F1": 0.6466,
    },
}


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression as a scorer sees it: a span (characters or tokens), type, value."""

    start: int
    end: int
    type: str | None
    value: str | None
    text: str = ""
    tokens: frozenset[int] = frozenset()


@dataclass
class Document:
    doc_id: str
    dct: str
    text: str
    gold: list[Timex]
    excluded: list[tuple[int, int]] = field(default_factory=list)  # the DCT line (MEANTIME)
    scored_end: int | None = None  # MEANTIME: the end of the annotated sentences
    token_starts: list[int] = field(default_factory=list)  # MEANTIME: character start of tokens


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    relaxed: int = 0
    strict: int = 0
    type_right: int = 0
    value_right: int = 0
    misses: list[str] = field(default_factory=list)
    wrong_values: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        p = self.relaxed / max(self.system, 1)
        r = self.relaxed / max(self.gold, 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        sp, sr = self.strict / max(self.system, 1), self.strict / max(self.gold, 1)
        strict_f1 = 2 * sp * sr / max(sp + sr, 1e-9)
        type_acc = self.type_right / max(self.relaxed, 1)
        value_acc = self.value_right / max(self.relaxed, 1)
        return {
            "P": p,
            "R": r,
            "F1": f1,
            "strict P": sp,
            "strict R": sr,
            "strict F1": strict_f1,
            "type acc": type_acc,
            "type F1": type_acc * f1,
            "value acc": value_acc,
            "value F1": value_acc * f1,
        }


def load_te3(path: Path = TE3) -> list[Document]:
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = [
            Timex(
                t["start"], t["end"], t["type"], t["value"], record["text"][t["start"] : t["end"]]
            )
            for t in record["timex3"]
        ]
        docs.append(Document(record["doc_id"], record["dct"]["value"], record["text"], gold))
    return docs


def load_meantime(path: Path = MEANTIME) -> list[Document]:
    """MEANTIME articles with token-set spans; the dateline (DCT) timexes are left out of gold
    and system expressions on them, or past the annotated sentences, are not counted.
    Malformed DCTs (``03-02-2009``) are read as MM-DD-YYYY, as the data README says."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        starts = _token_starts(text)
        dct = record["dct"]["value"]
        if len(dct) == 10 and dct[2] == "-":
            dct = f"{dct[6:]}-{dct[:2]}-{dct[3:5]}"
        gold, excluded = [], []
        for t in record["timex3"]:
            if t["is_dct"]:
                excluded.append((t["start"], t["end"]))
                continue
            tokens = _tokens_in(starts, text, t["start"], t["end"])
            gold.append(
                Timex(
                    t["start"], t["end"], t["type"], t["value"], text[t["start"] : t["end"]], tokens
                )
            )
        lines = text.split("\n")
        scored_end = len("\n".join(lines[: ANNOTATED_SENTENCES + 1]))
        docs.append(Document(record["doc_id"], dct, text, gold, excluded, scored_end, starts))
    return docs


def _token_starts(text: str) -> list[int]:
    starts, previous = [], " "
    for i, ch in enumerate(text):
        if not ch.isspace() and previous.isspace():
            starts.append(i)
        previous = ch
    return starts


def _tokens_in(starts: list[int], text: str, start: int, end: int) -> frozenset[int]:
    """Indexes of the space-separated tokens that the character span touches."""
    found = set()
    for n, s in enumerate(starts):
        stop = s
        while stop < len(text) and not text[stop].isspace():
            stop += 1
        if s < end and stop > start:
            found.add(n)
    return frozenset(found)


def run_storytrail(docs: list[Document], workdir: Path) -> dict[str, list[Timex]]:
    """Ingest, build and export ``docs`` with the storytrail CLI; the expressions per document,
    with spans in the document's own text."""
    manifest = workdir / "manifest.jsonl"
    with manifest.open("w", encoding="utf-8") as out:
        for d in docs:
            line = {"text": d.text, "published": d.dct, "url": URL.format(d.doc_id)}
            out.write(json.dumps(line) + "\n")
    db, export = workdir / "store.db", workdir / "export.json"
    cli = [sys.executable, "-m", "storytrail", "--db", str(db), "-q"]
    for args in (
        ["ingest", str(manifest)],
        ["build", "--engine", "local"],
        ["export", "--format", "json", "-o", str(export)],
    ):
        subprocess.run(cli + args, check=False, capture_output=True)
    data = json.loads(export.read_text(encoding="utf-8"))
    by_url = {d.doc_id: d for d in docs}
    articles = {a["id"]: a for a in data["articles"]}
    found: dict[str, list[Timex]] = {d.doc_id: [] for d in docs}
    for row in data["time_expressions"]:
        article = articles[row["article_id"]]
        doc = by_url[article["url"].rsplit("/", 1)[1]]
        start, end = _to_document(doc, article, row["start"], row["end"])
        if row["rule"] == "dateline":
            continue
        tokens = _tokens_in(doc.token_starts, doc.text, start, end) if doc.token_starts else None
        found[doc.doc_id].append(
            Timex(
                start,
                end,
                row["timex_type"],
                row["value"],
                doc.text[start:end],
                tokens or frozenset(),
            )
        )
    return found


_MAPS: dict[str, tuple] = {}


def _to_document(doc: Document, article: dict, start: int, end: int) -> tuple[int, int]:
    """Cleaned-text offsets -> the document text (the original may be the text stripped)."""
    if doc.doc_id not in _MAPS:
        original = article["original"]
        _MAPS[doc.doc_id] = (clean_text(original).offsets(), doc.text.find(original))
    offsets, shift = _MAPS[doc.doc_id]
    a, b = offsets.span(start, end)
    return a + shift, b + shift


def run_dateparser(docs: list[Document]) -> dict[str, list[Timex]]:
    """dateparser's ``search_dates`` over each text, counted from the DCT, past preferred."""
    from dateparser.search import search_dates

    found: dict[str, list[Timex]] = {}
    for d in docs:
        base = datetime.fromisoformat(d.dct)
        hits = (
            search_dates(
                d.text,
                languages=["en"],
                settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
            )
            or []
        )
        spans, cursor = [], 0
        for words, when in hits:
            at = d.text.find(words, cursor)
            if at < 0:
                continue
            cursor = at + len(words)
            tokens = _tokens_in(d.token_starts, d.text, at, cursor) if d.token_starts else None
            spans.append(
                Timex(at, cursor, "DATE", when.date().isoformat(), words, tokens or frozenset())
            )
        found[d.doc_id] = spans
    return found


def score(docs: Iterable[Document], system: dict[str, list[Timex]]) -> Score:
    result = Score()
    for d in docs:
        predicted = [s for s in system.get(d.doc_id, []) if not _excluded(d, s)]
        result.gold += len(d.gold)
        result.system += len(predicted)
        taken: set[int] = set()
        for g in d.gold:
            best, best_overlap = None, 0
            for n, s in enumerate(predicted):
                overlap = _overlap(g, s, bool(d.token_starts))
                if n not in taken and overlap > best_overlap:
                    best, best_overlap = n, overlap
            if best is None:
                result.misses.append(f"{d.doc_id}\t{g.type}\t{g.text!r}\t{g.value}")
                continue
            taken.add(best)
            s = predicted[best]
            result.relaxed += 1
            same = s.tokens == g.tokens if d.token_starts else (s.start, s.end) == (g.start, g.end)
            result.strict += same
            result.type_right += s.type == g.type
            result.value_right += s.value == g.value
            if s.value != g.value:
                result.wrong_values.append(
                    f"{d.doc_id}\t{d.dct}\t{g.type}/{s.type}\t{g.text!r}/{s.text!r}"
                    f"\t{g.value}/{s.value}"
                )
        for n, s in enumerate(predicted):
            if n not in taken:
                result.spurious.append(f"{d.doc_id}\t{s.text!r}\t{s.value}")
    return result


def _overlap(g: Timex, s: Timex, by_tokens: bool) -> int:
    if by_tokens:
        return len(g.tokens & s.tokens)
    return max(0, min(g.end, s.end) - max(g.start, s.start))


def _excluded(d: Document, s: Timex) -> bool:
    if d.scored_end is not None and s.start >= d.scored_end:
        return True
    return any(s.start < end and s.end > start for start, end in d.excluded)


def evaluate(corpus: str) -> dict[str, Score] | None:
    """{"storytrail": score, "dateparser": score} on ``te3`` or ``meantime``; None when the
    data folder is absent."""
    path = TE3 if corpus == "te3" else MEANTIME
    if not path.exists():
        return None
    docs = load_te3() if corpus == "te3" else load_meantime()
    with tempfile.TemporaryDirectory() as tmp:
        ours = run_storytrail(docs, Path(tmp))
    return {"storytrail": score(docs, ours), "dateparser": score(docs, run_dateparser(docs))}


COLUMNS = ("P", "R", "F1", "strict F1", "type F1", "value acc", "value F1")


def table_rows(name: str, figures: dict[str, float]) -> str:
    cells = [f"{figures[c]:.3f}" if c in figures else "  -  " for c in COLUMNS]
    return f"  {name:<26} " + "  ".join(f"{c:>9}" for c in cells)


def header() -> str:
    return f"  {'system':<26} " + "  ".join(f"{c:>9}" for c in COLUMNS)
