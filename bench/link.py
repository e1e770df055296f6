"""Linking benchmarks: ECB+ event clustering, SemEval-2022 Task 8 similarity, linking cost.

Three parts, each run with ``python bench/link.py PART`` (default: all three):

* ``ecb`` — the 982 ECB+ documents (Cybulska & Vossen, LREC 2014) ingested as
  undated articles, built and linked by storytrail; its events (article ->
  event) scored against the gold sub-topics (the real-world events) and
  topics with B-cubed precision/recall/F1 (Bagga & Baldwin 1998), beside
  all-in-one, singleton and TF-IDF agglomerative baselines in the same run.
* ``semeval`` — the en-en pairs of the SemEval-2022 Task 8 test set: each
  article built and linked once, each pair scored by a similarity derived from
  storytrail's links (same event, shared entities, places, dates, speakers,
  statements, near-duplicate Jaccard); Pearson with the gold ``Overall``.
* ``calibrate`` — the events' content threshold from the SemEval *training* pairs (no
  test labels, no ECB+ labels): F1 per cut of "one story" (Overall < 2.5).
* ``cost`` — ``api.link`` time and peak memory on 5k, 10k and 20k synthetic
  articles replicated from the built demo corpus (see ``synthetic_store``).

The data sets are read from ``../shared/data`` (``--data``); a part whose data
is absent says so and is skipped. Record the output in docs/benchmarks.md.

    python bench/link.py [ecb] [semeval] [calibrate] [cost] [--limit N] [--keep DIR]
        [--sizes 5000,10000,20000] [--lexical]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from link_synthetic import demo_template, synthetic_store

from storytrail import DEFAULTS, Settings, Store, build
from storytrail.api import link
from storytrail.ingest.article import make_article
from storytrail.link.duplicates import jaccard, shingles
from storytrail.store.links import article_fields

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PARTS = ("ecb", "semeval", "cost", "calibrate")


# --- scoring -------------------------------------------------------------------------------


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998) over the items of ``gold``.

    An item missing from ``predicted`` counts as a singleton.
    """
    items = list(gold)
    pred = {i: predicted.get(i, f"singleton:{i}") for i in items}
    both = Counter((pred[i], gold[i]) for i in items)
    pred_size, gold_size = Counter(pred.values()), Counter(gold.values())
    p = sum(both[pred[i], gold[i]] / pred_size[pred[i]] for i in items) / len(items)
    r = sum(both[pred[i], gold[i]] / gold_size[gold[i]] for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else float("nan")


def prf(values: tuple[float, float, float]) -> str:
    return "  ".join(f"{v:.3f}" for v in values)


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} cores"


def peak_rss_mib() -> float:
    """Peak resident set size of this process image, in MiB.

    Linux's VmHWM starts afresh at exec; ``ru_maxrss`` would carry the parent's peak
    into a child process, so it is only the fallback.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- ECB+ ----------------------------------------------------------------------------------

_URL_LINE = re.compile(r"^(?:https?|www)\b")
# Penn Treebank tokenisation undone: quotes, clitics, punctuation, split hyphens and times.
_DETOKENISE = (
    (re.compile(r"``\s*"), "\u201c"),
    (re.compile(r"\s*''"), "\u201d"),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r" ([,.;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$]) "), r"\1"),
    (re.compile(r"(\w) - (?=\w)"), r"\1-"),
    (re.compile(r"(\d): (?=\d\d\b)"), r"\1:"),
)


def detokenise(text: str) -> str:
    """One paragraph per tokenised line, with the spacing a reader would expect."""
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if _URL_LINE.match(line):
            line = line.replace(" ", "")
        else:
            for pattern, replacement in _DETOKENISE:
                line = pattern.sub(replacement, line)
        if line:
            lines.append(line)
    return "\n\n".join(lines)


@dataclass(frozen=True, slots=True)
class EcbDoc:
    doc_id: str
    topic: str
    subtopic: str
    text: str


def ecb_docs(path: Path, limit: int | None) -> list[EcbDoc]:
    docs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            text = detokenise(record["text"])
            docs.append(EcbDoc(record["doc_id"], str(record["topic"]), record["subtopic"], text))
    return docs[:limit] if limit else docs


def store_texts(store: Store, texts: Mapping[str, str], source: str) -> dict[str, str]:
    """Ingest each text as an undated article; return key -> article id.

    Texts that are the same article (same fingerprint) map to the one stored.
    """
    article_of: dict[str, str] = {}
    by_hash: dict[str, str] = {}
    articles = []
    for key, text in texts.items():
        article = make_article(f"{source}:{key}", text, language="en")
        if article.text_hash not in by_hash:
            by_hash[article.text_hash] = article.id
            articles.append(article)
        article_of[key] = by_hash[article.text_hash]
    if not store.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        list(store.add_articles(articles))
    return article_of


def built_and_linked(store: Store, words: int, settings: Settings = DEFAULTS) -> dict[str, float]:
    """Build what is not built yet and link; return the seconds each took."""
    started = time.perf_counter()
    built = build(store)
    building = time.perf_counter() - started
    started = time.perf_counter()
    link(store, settings)
    linking = time.perf_counter() - started
    return {"built": built, "build_s": building, "link_s": linking, "words": words}


def build_note(timing: Mapping[str, float]) -> str:
    linked = f"link {timing['link_s']:.1f} s"
    if not timing["built"]:
        return f"built by an earlier run (--keep), {linked}"
    rate = timing["words"] / max(timing["build_s"], 1e-9)
    return f"build {timing['build_s']:.0f} s ({rate:,.0f} words/s), {linked}"


def event_of_article(store: Store) -> dict[str, str]:
    return {
        r["article_id"]: r["event_id"]
        for r in store.conn.execute("SELECT article_id, event_id FROM event_articles")
    }


def tfidf_clusters(
    texts: list[str], count: int | None = None, distance: float | None = None
) -> list[int]:
    """Average-link agglomerative clustering of TF-IDF vectors (cosine distance), cut at
    ``count`` clusters or at ``distance``."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    model = AgglomerativeClustering(
        n_clusters=count, distance_threshold=distance, metric="cosine", linkage="average"
    )
    return [int(label) for label in model.fit_predict(vectors.toarray())]


TFIDF_CUTS = tuple(round(0.50 + 0.05 * i, 2) for i in range(10))


def tuned_cut(docs: list[EcbDoc]) -> float:
    """The TF-IDF distance cut with the best sub-topic B-cubed F1 on ``docs``."""
    gold = {d.doc_id: d.subtopic for d in docs}

    def f1(cut: float) -> float:
        labels = tfidf_clusters([d.text for d in docs], distance=cut)
        return bcubed({d.doc_id: str(x) for d, x in zip(docs, labels, strict=True)}, gold)[2]

    return max(TFIDF_CUTS, key=f1)


def ecb_systems(
    docs: list[EcbDoc],
    storytrail: Mapping[str, str],
    without_content: Mapping[str, str],
    cut: float | None,
) -> dict[str, dict[str, str]]:
    """Each system's clusters of ``docs`` (baselines are run on ``docs`` alone)."""
    systems = {
        "storytrail events": {d.doc_id: storytrail[d.doc_id] for d in docs},
        "storytrail events, evidence rules only (no content)": {
            d.doc_id: without_content[d.doc_id] for d in docs
        },
        "all in one": {d.doc_id: "all" for d in docs},
        "singletons": {d.doc_id: d.doc_id for d in docs},
    }
    texts = [d.text for d in docs]

    def named(labels: list[int]) -> dict[str, str]:
        return {d.doc_id: str(x) for d, x in zip(docs, labels, strict=True)}

    if cut is not None:
        systems[f"TF-IDF avg-link, cut {cut:.2f} (tuned on 1-35)"] = named(
            tfidf_clusters(texts, distance=cut)
        )
    for level, count in (
        ("sub-topics", len({d.subtopic for d in docs})),
        ("topics", len({d.topic for d in docs})),
    ):
        systems[f"TF-IDF avg-link, k = gold {level} ({count})"] = named(
            tfidf_clusters(texts, count=count)
        )
    return systems


def run_ecb(data: Path, keep: Path, limit: int | None) -> None:
    path = data / "ecbplus" / "ecbplus_docs.jsonl"
    if not path.exists():
        print(f"ECB+: {path} not found; skipped (the data set is not shipped with storytrail)")
        return
    docs = ecb_docs(path, limit)
    words = sum(len(d.text.split()) for d in docs)
    db = keep / ("ecbplus.db" if not limit else f"ecbplus-{limit}.db")
    with Store(db) as store:
        article_of = store_texts(store, {d.doc_id: d.text for d in docs}, "ecbplus")
        timing = built_and_linked(
            store, words, replace(DEFAULTS, event_content_similarity=math.inf)
        )
        without_content = event_of_article(store)
        started = time.perf_counter()
        link(store)
        timing["link_s"] = time.perf_counter() - started
        events = event_of_article(store)
        found = store.conn.execute(
            "SELECT (SELECT COUNT(*) FROM quotes), (SELECT COUNT(DISTINCT article_id) FROM"
            " quotes), (SELECT COUNT(*) FROM quotes WHERE statement_id IS NOT NULL),"
            " (SELECT COUNT(*) FROM builds WHERE date IS NOT NULL),"
            " (SELECT COUNT(*) FROM builds WHERE place IS NOT NULL)"
        ).fetchone()
    predicted = {d.doc_id: events.get(article_of[d.doc_id], d.doc_id) for d in docs}
    before = {d.doc_id: without_content.get(article_of[d.doc_id], d.doc_id) for d in docs}
    train = [d for d in docs if int(d.topic) <= 35]
    test = [d for d in docs if int(d.topic) >= 36]
    print(
        f"ECB+ (Cybulska & Vossen 2014): {len(docs)} documents, {words:,} words, "
        f"{len({d.subtopic for d in docs})} sub-topics (events), "
        f"{len({d.topic for d in docs})} topics; {len(set(article_of.values()))} distinct texts"
    )
    print(f"  {build_note(timing)}; {load_note()}")
    print(
        f"  storytrail found {found[0]} quotes in {found[1]} articles ({found[2]} in statements);"
        f" a publication date in {found[3]} articles, a place in {found[4]}"
    )
    try:
        cut = tuned_cut(train) if train else None
    except ImportError:
        print("  TF-IDF baselines skipped: scikit-learn is not installed")
        cut = None
    header = f"  {'system':44} {'sub-topic B3 P  R  F1':>22}   {'topic B3 P  R  F1':>20}"
    for title, subset in (("all topics", docs), ("test topics 36-45", test)):
        if not subset:
            continue
        try:
            systems = ecb_systems(subset, predicted, before, cut)
        except ImportError:
            systems = ecb_systems(subset, predicted, before, None)
        print(f"  -- {title}: {len(subset)} documents --")
        print(header)
        for name, clusters in systems.items():
            sub = bcubed(clusters, {d.doc_id: d.subtopic for d in subset})
            top = bcubed(clusters, {d.doc_id: d.topic for d in subset})
            print(f"  {name:44} {prf(sub):>22}   {prf(top):>20}")
    sizes = Counter(Counter(predicted.values()).values())
    print(f"  storytrail event sizes (size: how many): {dict(sorted(sizes.items()))}")


# --- SemEval-2022 Task 8 -------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?\"\u201d\u2019)\]]\s*$")
# Labels of mentions that name a place.
PLACE_LABELS = ("GPE", "LOC", "FAC")


@dataclass(frozen=True, slots=True)
class Pair:
    pair_id: str
    text1: str
    text2: str
    overall: float


def semeval_pairs(path: Path, limit: int | None) -> list[Pair]:
    """The en-en pairs of a SemEval-2022 Task 8 CSV, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            Pair(r["pair_id"], r["text1"] or "", r["text2"] or "", float(r["Overall"]))
            for r in csv.DictReader(handle)
            if r["lang1"] == "en" and r["lang2"] == "en"
        ]
    return rows[:limit] if limit else rows


@dataclass(slots=True)
class Profile:
    """What storytrail found in one article, as sets to compare."""

    names: set[str]
    places: set[str]
    days: set[str]
    speakers: set[str]
    statements: set[str]
    shingles: set[str]


def profiles(store: Store) -> dict[str, Profile]:
    conn = store.conn
    fields = article_fields(conn)
    found = {
        r["article_id"]: Profile(
            names=set(fields[r["article_id"]].names) if r["article_id"] in fields else set(),
            places={r["place"].casefold()} if r["place"] else set(),
            days={r["date"][:10]} if r["date"] else set(),
            speakers=set(),
            statements=set(),
            shingles=shingles(r["text"], 5),
        )
        for r in conn.execute("SELECT article_id, text, place, date FROM builds")
    }
    marks = ",".join("?" for _ in PLACE_LABELS)
    for r in conn.execute(
        f"SELECT article_id, text FROM mentions WHERE label IN ({marks})", PLACE_LABELS
    ):
        found[r["article_id"]].places.add(r["text"].casefold())
    for r in conn.execute(
        "SELECT article_id, value FROM time_expressions WHERE granularity = 'day' AND value"
        " IS NOT NULL"
    ):
        found[r["article_id"]].days.add(r["value"][:10])
    for r in conn.execute("SELECT article_id, speaker_id, statement_id FROM quotes"):
        if r["speaker_id"]:
            found[r["article_id"]].speakers.add(r["speaker_id"])
        if r["statement_id"]:
            found[r["article_id"]].statements.add(r["statement_id"])
    return found


def set_jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def weighted_cosine(a: set[str], b: set[str], weight: Mapping[str, float]) -> float:
    shared = sum(weight[n] for n in a & b)
    mass = math.sqrt(sum(weight[n] for n in a) * sum(weight[n] for n in b))
    return shared / mass if mass else 0.0


def pair_features(
    a: Profile | None, b: Profile | None, same_event: bool, weight: Mapping[str, float]
) -> dict[str, float]:
    """Each storytrail-derived similarity of two articles, in [0, 1]."""
    if a is None or b is None:
        return dict.fromkeys(FEATURES, 0.0)
    return {
        "same event": float(same_event),
        "names (IDF cosine)": weighted_cosine(a.names, b.names, weight),
        "places": set_jaccard(a.places, b.places),
        "dates": set_jaccard(a.days, b.days),
        "speakers": set_jaccard(a.speakers, b.speakers),
        "statements": set_jaccard(a.statements, b.statements),
        "near-duplicate Jaccard": jaccard(a.shingles, b.shingles),
    }


FEATURES = (
    "same event",
    "names (IDF cosine)",
    "places",
    "dates",
    "speakers",
    "statements",
    "near-duplicate Jaccard",
)


def tfidf_cosines(pairs: list[Pair]) -> list[float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = sorted({t for p in pairs for t in (p.text1, p.text2)})
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit(texts)
    one, two = (
        vectors.transform([p.text1 for p in pairs]),
        vectors.transform([p.text2 for p in pairs]),
    )
    return [float(x) for x in one.multiply(two).sum(axis=1).A1]


@dataclass(slots=True)
class ScoredPairs:
    pairs: list[Pair]
    features: list[dict[str, float]]
    note: str


def score_pairs(path: Path, keep: Path, limit: int | None) -> ScoredPairs:
    """Ingest, build and link every text of the en-en pairs in ``path``; each pair's features."""
    pairs = semeval_pairs(path, limit)
    texts = {t for p in pairs for t in (p.text1, p.text2)}
    empty = {t for t in texts if len(t.strip()) < 20}
    cut = {t for t in texts - empty if not _SENTENCE_END.search(t)}
    keyed = {f"{i:05d}": t for i, t in enumerate(sorted(texts - empty))}
    words = sum(len(t.split()) for t in keyed.values())
    db = keep / f"semeval-{path.stem}{f'-{limit}' if limit else ''}.db"
    with Store(db) as store:
        article_of = store_texts(store, keyed, "semeval")
        timing = built_and_linked(store, words)
        events = event_of_article(store)
        found = profiles(store)
        similarity = storytrail_similarity(store)
    by_text = {t: article_of[k] for k, t in keyed.items()}
    counts = Counter(n for p in found.values() for n in p.names)
    weight = {n: math.log(len(found) / c) for n, c in counts.items()}
    features = []
    for p in pairs:
        a, b = by_text.get(p.text1), by_text.get(p.text2)
        same = a is not None and events.get(a, a) == events.get(b or "", b)
        features.append(pair_features(found.get(a or ""), found.get(b or ""), same, weight))
        features[-1].update(similarity(a, b))
    note = (
        f"{path.name}, en-en: {len(pairs)} pairs, {len(texts)} distinct texts ({len(empty)} empty,"
        f" {len(cut)} cut off mid-sentence), {words:,} words; {build_note(timing)}; {load_note()}"
    )
    return ScoredPairs(pairs, features, note)


def storytrail_similarity(
    store: Store, vectors: bool = True
) -> Callable[[str | None, str | None], dict[str, float]]:
    """What ``storytrail similar`` scores a pair with: content similarity (TF-IDF of lead
    words and names) and, with sentence vectors, its mix with the rescaled cosine."""
    from storytrail.link.embeddings import encoder_for
    from storytrail.link.neighbours import pair_score, vector_similarity
    from storytrail.link.similarity import ContentIndex, lead_of
    from storytrail.store.links import built_texts
    from storytrail.store.vectors import vectors_through_cache

    fields = article_fields(store.conn)
    leads = {
        t.article_id: lead_of(fields[t.article_id].title, t.text) for t in built_texts(store.conn)
    }
    index = ContentIndex(leads, {i: f.names for i, f in fields.items()})
    encoder = encoder_for(DEFAULTS) if vectors else None
    found_vectors = None
    if encoder is not None:
        found, _ = vectors_through_cache(store, encoder, set(leads.values()), 16)
        found_vectors = {i: found[lead] for i, lead in leads.items()}

    def score(a: str | None, b: str | None) -> dict[str, float]:
        if a is None or b is None:
            return dict.fromkeys(SIMILARITY, 0.0)
        content = index.similarity(a, b)
        vector = (
            None if found_vectors is None else vector_similarity(found_vectors[a], found_vectors[b])
        )
        return {SIMILARITY[0]: content, SIMILARITY[1]: pair_score(content, vector)}

    return score


SIMILARITY = (
    "storytrail content similarity (words + names)",
    "storytrail similar: content + sentence vectors",
)


def fitted_weights(train: ScoredPairs) -> list[float]:
    """Least-squares weights (and intercept) of the features for gold Overall."""
    import numpy as np

    x = np.array([[f[n] for n in FEATURES] + [1.0] for f in train.features])
    y = np.array([p.overall for p in train.pairs])
    return [float(w) for w in np.linalg.lstsq(x, y, rcond=None)[0]]


def run_semeval(data: Path, keep: Path, limit: int | None) -> None:
    folder = data / "semeval2022-task8"
    if not (folder / "testing_set.csv").exists():
        print(f"SemEval-2022 Task 8: {folder} not found; skipped (not shipped with storytrail)")
        return
    test = score_pairs(folder / "testing_set.csv", keep, limit)
    train = None
    if (folder / "training_set.csv").exists():
        train = score_pairs(folder / "training_set.csv", keep, limit)
    gold = [p.overall for p in test.pairs]

    def line(name: str, similarity: list[float]) -> None:
        print(f"  {name:52} {pearson([4 - 3 * v for v in similarity], gold):6.3f}")

    print("SemEval-2022 Task 8 (Chen et al. 2022): " + test.note)
    if train:
        print("  weights fitted on " + train.note)
    print(
        "  Pearson r with gold Overall on the test pairs (predicted Overall = 4 - 3 x similarity;"
    )
    print("  Overall runs from 1, most similar, to 4)")
    for name in FEATURES:
        line(name, [f[name] for f in test.features])
    line(
        "storytrail: mean of the features above",
        [sum(f[n] for n in FEATURES) / len(FEATURES) for f in test.features],
    )
    for name in SIMILARITY:
        line(name, [f[name] for f in test.features])
    if train:
        *weights, bias = fitted_weights(train)
        predicted = [
            bias + sum(w * f[n] for w, n in zip(weights, FEATURES, strict=True))
            for f in test.features
        ]
        fitted = pearson(predicted, gold)
        print(f"  {'storytrail: features weighted by a fit on training':52} {fitted:6.3f}")
    try:
        line("baseline: TF-IDF cosine of the two texts", tfidf_cosines(test.pairs))
    except ImportError:
        print("  TF-IDF baseline skipped: scikit-learn is not installed")
    together = [g for g, f in zip(gold, test.features, strict=True) if f["same event"]]
    apart = [g for g, f in zip(gold, test.features, strict=True) if not f["same event"]]
    if together and apart:
        print(
            f"  pairs storytrail puts in one event: {len(together)}, mean gold Overall"
            f" {sum(together) / len(together):.2f}; the other {len(apart)}:"
            f" {sum(apart) / len(apart):.2f}"
        )
    print("  published, all language pairs of the official evaluation set: best 0.818 (HFL, Xu et")
    print("  al. 2022); systems without fine-tuning about 0.70 (OversampledML 0.701)")


# The middle of SemEval-2022 Task 8's 1-4 Overall scale: "similar" below, "dissimilar" above.
SAME_STORY_OVERALL = 2.5


def run_calibrate(data: Path, keep: Path) -> None:
    """The events' content threshold from SemEval-2022's en-en *training* pairs.

    A pair the annotators, on average, put on the similar side of the task's scale
    (Overall < 2.5: "very" or "somewhat similar"; a tie is not agreement) should be over
    the cut, the rest under it. "Somewhat similar" counts because storytrail's events take
    in every angle on one occurrence (the demo's opinion piece on the flood is in the flood
    event). F1 of that per cut, and the middle of the cuts whose F1 is within 0.02 of the
    best (on a flat top, its middle is the least arbitrary point).
    """
    path = data / "semeval2022-task8" / "training_set.csv"
    if not path.exists():
        print(f"calibrate: {path} not found; skipped")
        return
    pairs = semeval_pairs(path, None)
    keyed = {
        f"{i:05d}": t
        for i, t in enumerate(sorted({t for p in pairs for t in (p.text1, p.text2)}))
        if len(t.strip()) >= 20
    }
    with Store(keep / f"semeval-{path.stem}.db") as store:
        article_of = store_texts(store, keyed, "semeval")
        built_and_linked(store, sum(len(t.split()) for t in keyed.values()))
        score = storytrail_similarity(store, vectors=False)
    by_text = {t: article_of[k] for k, t in keyed.items()}
    scored = [
        (
            score(by_text.get(p.text1), by_text.get(p.text2))[SIMILARITY[0]],
            p.overall < SAME_STORY_OVERALL,
        )
        for p in pairs
    ]
    cuts = [round(0.01 * i, 2) for i in range(3, 50)]
    f1 = {}
    for cut in cuts:
        tp = sum(1 for s, same in scored if s >= cut and same)
        fp = sum(1 for s, same in scored if s >= cut and not same)
        fn = sum(1 for s, same in scored if s < cut and same)
        f1[cut] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    best = max(f1.values())
    top = [c for c in cuts if f1[c] >= best - 0.02]
    print(
        f"Calibration on {path.name}, en-en: {len(scored)} pairs,"
        f" {sum(same for _, same in scored)} on the similar side (Overall < 2.5)"
    )
    print("  cut  F1 (content similarity >= cut means one event)")
    for cut in cuts[::2]:
        print(f"  {cut:.2f} {f1[cut]:.3f}")
    print(
        f"  best F1 {best:.3f}; cuts within 0.02 of it: {top[0]:.2f}-{top[-1]:.2f};"
        f" middle {(top[0] + top[-1]) / 2:.3f} (settings.event_content_similarity)"
    )


# --- linking cost --------------------------------------------------------------------------

LINK_STEPS = (
    "near_duplicates",
    "article_fields",
    "merge_speakers",
    "group_statements",
    "paraphrase_candidates",
    "vectors_through_cache",
    "join_paraphrases",
    "find_rereports",
    "article_facts",
    "date_from_statements",
    "build_events",
    "build_stories",
    "canonical_sources",
    "save_links",
)


def time_link(db: Path, lexical: bool = False) -> dict[str, object]:
    """Run ``api.link`` on ``db`` and time it, with each step's share (this process only);
    ``lexical``: without sentence vectors."""
    import storytrail.api as api

    spent: dict[str, float] = defaultdict(float)

    def timed(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        return wrapper

    for name in LINK_STEPS:
        setattr(api, name, timed(name, getattr(api, name)))
    before = peak_rss_mib()
    with Store(db) as store:
        started = time.perf_counter()
        settings = replace(DEFAULTS, statement_embeddings=False) if lexical else DEFAULTS
        result = api.link(store, settings)
        seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "rss_before": before,
        "peak_rss": peak_rss_mib(),
        "steps": dict(spent),
        "counts": result.counts(),
        "load": load_note(),
    }


def run_cost(keep: Path, sizes: list[int], lexical: bool) -> None:
    template = demo_template(keep)
    print(
        "Linking cost: synthetic stores of disguised demo copies (18 built articles each); "
        "api.link timed in a fresh process per size"
        + (", lexical rules only (--lexical)" if lexical else "")
    )
    for size in sizes:
        db = keep / f"synthetic-{size}.db"
        if not db.exists():
            started = time.perf_counter()
            synthetic_store(template, db, size)
            print(f"  made {db.name} in {time.perf_counter() - started:.0f} s")
        out = subprocess.run(
            [sys.executable, __file__, "--time-link", str(db)] + (["--lexical"] if lexical else []),
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        steps = ", ".join(
            f"{k} {v:.1f}"
            for k, v in sorted(r["steps"].items(), key=lambda kv: -kv[1])
            if v >= 0.05
        )
        print(
            f"  {size:>6} articles  link {r['seconds']:7.1f} s"
            f"  {1000 * r['seconds'] / size:6.2f} ms/article"
            f"  peak RSS {r['peak_rss']:5.0f} MiB (before link {r['rss_before']:.0f})  {r['load']}"
        )
        print(f"         steps (s): {steps}")
        print(f"         {r['counts']}")


# --- entry point ---------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="*", help="ecb, semeval, calibrate, cost (default: all)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the shared data sets")
    parser.add_argument("--limit", type=int, help="ECB+ documents / SemEval pairs to use")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the built stores here")
    parser.add_argument("--sizes", default="5000,10000,20000", help="cost: article counts")
    parser.add_argument(
        "--lexical", action="store_true", help="cost: link without sentence vectors"
    )
    parser.add_argument("--time-link", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_link:
        print(json.dumps(time_link(args.time_link, args.lexical)))
        return
    parts = args.parts or list(PARTS)
    if set(parts) - set(PARTS):
        parser.error(f"parts are {', '.join(PARTS)}")
    print(f"machine  {platform.machine()}, Python {sys.version.split()[0]}, {load_note()}")
    with tempfile.TemporaryDirectory() as scratch:
        keep = args.keep or Path(scratch)
        keep.mkdir(parents=True, exist_ok=True)
        if "ecb" in parts:
            run_ecb(args.data, keep, args.limit)
        if "semeval" in parts:
            run_semeval(args.data, keep, args.limit)
        if "calibrate" in parts:
            run_calibrate(args.data, keep)
        if "cost" in parts:
            run_cost(keep, [int(n) for n in args.sizes.split(",")], args.lexical)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
