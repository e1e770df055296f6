"""Time stage benchmark: expression values, statement dates, publication dates, throughput.

Prints four blocks; record them in docs/benchmarks.md ("Time").

(a) Demo corpus: every hand-labelled expression in tests/golden/time.json
    (strict value and granularity match) and every labelled quote date in
    tests/golden/quotes.json, beside dateparser alone on the same expressions
    (RELATIVE_BASE = publication, PREFER_DATES_FROM = past).
(b) Publication dates (exact day) on ../shared/data/htmldate-mediacloud2020/
    through storytrail's HTML ingest path (trafilatura + htmldate meta, then
    ``publication_date``), beside htmldate's published figures on its full
    1,000-page set. Skipped, with a message, when the folder is absent.
(c) Resolver throughput: ``resolve`` on expression words and
    ``time_expressions`` on parsed documents (parsing excluded).
(d) TimeML news corpora, TempEval-3 Task A definitions (``bench/timeml.py``):
    TempEval-3 platinum (20 articles, 138 TIMEX3) and MEANTIME English (120
    Wikinews articles, 368 TIMEX3 besides the datelines, token sets), each
    ingested, built and exported with the storytrail CLI; dateparser's
    ``search_dates`` on the same texts as a live yardstick, and the published
    TE3 figures of HeidelTime, NavyTime, SUTime and ClearTK beside. Skipped,
    with a message, when ../shared/data is absent.

    python bench/time.py [--pages N] [--repeat N] [--only timeml]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import timeml

from storytrail import clean_text, demo_corpus, read_sources
from storytrail.ingest import IngestError
from storytrail.ingest.html import extract_html
from storytrail.model import Article, Quote
from storytrail.nlp import load_pipeline
from storytrail.time import (
    anchor_in_quotes,
    date_quotes,
    publication_date,
    time_expressions,
)
from storytrail.time.reading import Anchor
from storytrail.time.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
MEDIACLOUD = ROOT.parent / "shared" / "data" / "htmldate-mediacloud2020"
HTMLDATE_PUBLISHED = {"htmldate extensive": 0.949, "htmldate fast": 0.925, "newspaper4k": 0.810}


def golden_key(source: str) -> str:
    name = Path(source).name
    return "manifest:" + name.rsplit(":", 1)[1] if ".jsonl:" in name else f"articles/{name}"


def demo_articles(nlp):
    """(key, article, clean, doc, publication, expressions, dated quotes) per demo article."""
    quotes_by_file: dict[str, list[dict]] = {}
    for label in json.loads((GOLDEN / "quotes.json").read_text(encoding="utf-8")):
        quotes_by_file.setdefault(label["file"], []).append(label)
    built = {}
    for article in read_sources([demo_corpus()]):
        if not isinstance(article, Article):
            continue
        key = golden_key(article.source)
        clean = clean_text(article.original)
        doc = nlp(clean.text)
        published = publication_date(article, clean, doc)
        expressions = time_expressions(doc, published)
        quotes = []
        for n, label in enumerate(quotes_by_file.get(key, [])):
            start = clean.text.find(label["text"])
            quotes.append(
                Quote(
                    f"{key}#{n}",
                    article.id,
                    label["kind"],
                    label["text"],
                    start,
                    start + len(label["text"]),
                    speaker=label["speaker"],
                    cue=label["cue"],
                )
            )
        quotes = date_quotes(quotes, doc, expressions, published, embeds=clean.embeds)
        expressions = anchor_in_quotes(expressions, quotes)
        built[key] = (article, clean, doc, published, expressions, quotes)
    return built


def expression_accuracy(built) -> tuple[int, int, int]:
    """(storytrail right, dateparser alone right, labelled) on tests/golden/time.json."""
    labels = json.loads((GOLDEN / "time.json").read_text(encoding="utf-8"))
    ours = baseline = 0
    for label in labels:
        _, clean, _, _, expressions, _ = built[label["file"]]
        start = _nth(clean.text, label["expression"], label["occurrence"])
        end = start + len(label["expression"])
        wanted = (label["resolved"], label["granularity"])
        ours += any(
            (e.calendar_value, e.granularity) == wanted
            for e in expressions
            if e.start < end and e.end > start
        )
        baseline += _dateparser_alone(label) == label["resolved"]
    return ours, baseline, len(labels)


def _nth(text: str, words: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.index(words, start + 1)
    return start


def _dateparser_alone(label: dict) -> str | None:
    import dateparser

    base = datetime.fromisoformat(label["published"][:10])
    found = dateparser.parse(
        label["expression"],
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
    )
    if found is None:
        return None
    day = found.date()
    shape = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}
    return shape.get(label["granularity"], f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}")


def statement_accuracy(built) -> Counter:
    labels = json.loads((GOLDEN / "quotes.json").read_text(encoding="utf-8"))
    counts: Counter = Counter()
    for label in labels:
        quotes = built[label["file"]][5]
        quote = next(q for q in quotes if q.text == label["text"])
        if label["date"] is None:
            counts["null labelled"] += 1
            counts["null kept"] += quote.date is None
        else:
            counts["dated labelled"] += 1
            counts["dated right"] += quote.date == label["date"]
            counts["dated left null"] += quote.date is None
        counts["wrong date"] += quote.date is not None and quote.date != label["date"]
    return counts


def publication_accuracy(nlp, limit: int | None) -> Counter | None:
    gold_path = MEDIACLOUD / "eval_mediacloud_2020.json"
    if not gold_path.exists():
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    counts: Counter = Counter()
    for n, (url, entry) in enumerate(sorted(gold.items())):
        if limit is not None and n >= limit:
            break
        counts["pages"] += 1
        markup = (MEDIACLOUD / "test_set" / entry["file"]).read_text(
            encoding="utf-8", errors="replace"
        )
        try:
            page = extract_html(markup, entry["file"], url)
        except IngestError:
            counts["no article text"] += 1
            counts[_outcome(None, entry["date"])] += 1
            continue
        source = "html-meta" if page.published else None
        article = Article(entry["file"], entry["file"], page.text, url=url)
        article.published, article.published_source = page.published, source
        clean = clean_text(page.text)
        found = publication_date(article, clean, nlp(clean.text))
        counts[f"source {found.source}"] += 1
        counts[_outcome(found.value, entry["date"])] += 1
    return counts


def _outcome(found: str | None, gold: str) -> str:
    """htmldate's evaluation classes; ``nan`` in the gold file is a page with no date."""
    if gold == "nan":
        return "true negative" if found is None else "false positive"
    if found is None:
        return "false negative"
    return "true positive" if found == gold else "false positive"


def throughput(built, repeat: int) -> dict[str, float]:
    """Expressions per second: the rules on the demo's words, dateparser's fallback on
    distinct numeric dates (its cache cleared), and the whole ``time_expressions`` pass
    over parsed documents (parsing excluded)."""
    work = [
        (e.text, Anchor(day=published.day), e.tense)
        for (_, _, _, published, expressions, _) in built.values()
        for e in expressions
        if published.day is not None
    ]
    started = time.perf_counter()
    for _ in range(repeat):
        for words, anchor, tense in work:
            resolve(words, anchor, tense)
    rules = repeat * len(work) / (time.perf_counter() - started)

    from storytrail.time import resolve as resolve_module

    resolve_module._parse_with_dateparser.cache_clear()
    numeric = [f"{m}/{d}/2022" for m in range(1, 13) for d in range(1, 29)]
    anchor = Anchor(day=datetime(2022, 12, 31).date())
    started = time.perf_counter()
    for words in numeric:
        resolve(words, anchor, "past")
    fallback = len(numeric) / (time.perf_counter() - started)

    docs = [(doc, published) for (_, _, doc, published, _, _) in built.values()]
    started, found = time.perf_counter(), 0
    for _ in range(repeat):
        for doc, published in docs:
            found += len(time_expressions(doc, published))
    stage = found / (time.perf_counter() - started)
    return {"rules": rules, "dateparser": fallback, "stage": stage, "per pass": found // repeat}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, help="only the first N mediacloud pages")
    parser.add_argument("--repeat", type=int, default=20, help="passes for the throughput runs")
    parser.add_argument("--only", choices=["timeml"], help="only the TimeML corpora (d)")
    args = parser.parse_args()
    cpu = platform.processor() or platform.machine()
    print(f"machine                 {cpu}, Python {sys.version.split()[0]}")
    if args.only == "timeml":
        timeml_tables()
        return
    nlp = load_pipeline()

    built = demo_articles(nlp)
    ours, alone, labelled = expression_accuracy(built)
    print(
        f"(a) demo expressions    storytrail {ours}/{labelled} = {ours / labelled:.3f}   "
        f"dateparser alone {alone}/{labelled} = {alone / labelled:.3f}"
    )
    s = statement_accuracy(built)
    print(
        f"(a) demo quote dates    dated right {s['dated right']}/{s['dated labelled']}, "
        f"left null {s['dated left null']}, null kept {s['null kept']}/{s['null labelled']}, "
        f"wrong dates {s['wrong date']}"
    )

    started = time.perf_counter()
    pages = publication_accuracy(nlp, args.pages)
    if pages is None:
        print(f"(b) publication dates   skipped: {MEDIACLOUD} is absent")
    else:
        seconds = time.perf_counter() - started
        tp, fp = pages["true positive"], pages["false positive"]
        tn, fn = pages["true negative"], pages["false negative"]
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        accuracy = (tp + tn) / pages["pages"]
        print(
            f"(b) publication dates   F1 {f1:.3f} "
            f"(precision {precision:.3f}, recall {recall:.3f}), "
            f"exact-day accuracy {accuracy:.3f}; tp {tp} fp {fp} tn {tn} fn {fn}; "
            f"{seconds:.1f} s for {pages['pages']} pages"
        )
        sources = ", ".join(
            f"{k[7:]} {v}" for k, v in sorted(pages.items()) if k.startswith("source")
        )
        print(f"                        sources: {sources}; no text {pages['no article text']}")
        published = ", ".join(f"{name} {f1}" for name, f1 in HTMLDATE_PUBLISHED.items())
        print(f"                        published F1 on the full 1,000-page set: {published}")

    rates = throughput(built, args.repeat)
    print(
        f"(c) throughput          rules {rates['rules']:,.0f} expressions/s, dateparser "
        f"fallback {rates['dateparser']:,.0f}/s (uncached), time_expressions "
        f"{rates['stage']:,.0f}/s ({rates['per pass']} per pass, parse excluded)"
    )
    timeml_tables()


def timeml_tables() -> None:
    """(d): TE3 Task A figures on TempEval-3 platinum and MEANTIME, published ones beside."""
    for corpus, title in (("te3", "TempEval-3 platinum"), ("meantime", "MEANTIME English")):
        started = time.perf_counter()
        scores = timeml.evaluate(corpus)
        if scores is None:
            print(f"(d) {title}: skipped, {timeml.DATA} is absent")
            continue
        seconds = time.perf_counter() - started
        ours = scores["storytrail"]
        print(
            f"(d) {title}: {ours.gold} gold TIMEX3, storytrail found {ours.system} "
            f"({seconds:.0f} s: ingest, build, export, score; busy machine)"
        )
        print(timeml.header())
        for name, score in scores.items():
            print(timeml.table_rows(name, score.figures()))
        if corpus == "te3":
            for name, figures in timeml.PUBLISHED.items():
                print(timeml.table_rows(f"{name} (published)", figures))


if __name__ == "__main__":
    main()
