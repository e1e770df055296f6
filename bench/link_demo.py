"""Linking quality on the demo corpus against the hand-written golden files.

Prints pairwise precision/recall/F1 of statement merging (pairs of quotes put
in the same statement), B-cubed precision/recall/F1 of events (articles
grouped into events) and of stories (events' articles grouped into stories),
and which re-reports, copies and citations were found (citations in both
directions: golden rows missed, and rows found that the golden file lacks). ``tests/link`` pins
floors on the same numbers.

    python bench/link_demo.py [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from itertools import combinations
from pathlib import Path

from storytrail import Store, build, demo_corpus, ingest
from storytrail.api import link

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def golden(name: str):
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def file_key(source: str, folder: Path) -> str:
    manifest = str(folder / "manifest.jsonl")
    if source.startswith(manifest + ":"):
        return "manifest:" + source.rsplit(":", 1)[1]
    return Path(source).relative_to(folder).as_posix()


def norm(text: str) -> str:
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split()).strip(" ,.\"'")


def prf(tp: int, found: int, expected: int) -> tuple[float, float, float]:
    p = tp / found if found else 1.0
    r = tp / expected if expected else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision/recall/F1 (Bagga & Baldwin 1998) over the items in ``gold``.

    An item the prediction lacks is counted wrong (0 precision, 0 recall) rather than
    dropped, and it still counts in the recall of the gold cluster it belongs to: an
    article that linking lost must lower the score.
    """
    if not gold:
        return 1.0, 1.0, 1.0
    p_sum = r_sum = 0.0
    for i in gold:
        if i not in predicted:
            continue
        same_pred = {j for j in gold if j in predicted and predicted[j] == predicted[i]}
        same_gold = {j for j in gold if gold[j] == gold[i]}
        both = len(same_pred & same_gold)
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    p, r = p_sum / len(gold), r_sum / len(gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def evaluate(store: Store) -> dict[str, object]:
    folder = demo_corpus().parent
    conn = store.conn
    key_of = {
        r["id"]: file_key(r["source"], folder)
        for r in conn.execute("SELECT id, source FROM articles")
    }
    quotes = conn.execute("SELECT id, article_id, text, statement_id FROM quotes").fetchall()

    def find_quote(file: str, text: str):
        want = norm(text)
        for q in quotes:
            if key_of[q["article_id"]] == file and (
                norm(q["text"]) == want or want in norm(q["text"]) or norm(q["text"]) in want
            ):
                return q
        return None

    gold_pairs, found_quotes, missing = set(), {}, 0
    for group in golden("statements"):
        ids = []
        for member in group["members"]:
            q = find_quote(member["file"], member["text"])
            if q is None:
                missing += 1
                continue
            ids.append(q["id"])
            found_quotes[q["id"]] = q
        gold_pairs |= {tuple(sorted(p)) for p in combinations(ids, 2)}
    by_statement: dict[str, list[str]] = {}
    for q in quotes:
        if q["statement_id"]:
            by_statement.setdefault(q["statement_id"], []).append(q["id"])
    pred_pairs = {tuple(sorted(p)) for ids in by_statement.values() for p in combinations(ids, 2)}
    # Only pairs among quotes the golden file labels (all 123 are labelled in quotes.json).
    statements = prf(len(pred_pairs & gold_pairs), len(pred_pairs), len(gold_pairs))

    event_of = {
        key_of[r["article_id"]]: r["event_id"] for r in conn.execute("SELECT * FROM event_articles")
    }
    gold_event = {f: e["id"] for e in golden("events") for f in e["files"]}
    events = bcubed(event_of, gold_event)
    story_of_event = {
        r["event_id"]: r["story_id"] for r in conn.execute("SELECT * FROM story_events")
    }
    story_pred = {f: story_of_event.get(e, e) for f, e in event_of.items()}
    gold_story_of_event = {e: s["id"] for s in golden("stories") for e in s["events"]}
    story_gold = {f: gold_story_of_event[e] for f, e in gold_event.items()}
    stories = bcubed(story_pred, story_gold)

    rereported = {key_of[r[0]] for r in conn.execute("SELECT article_id FROM rereports")}
    gold_rereports = {r["file"] for r in golden("rereports")}
    copies = {
        (key_of[r[0]], key_of[r[1]])
        for r in conn.execute(
            "SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL"
        )
    }
    gold_copies = {(d["copy"], d["original"]) for d in golden("duplicates")}
    cited = {
        (key_of[r[0]], r[1], r[2])
        for r in conn.execute("SELECT article_id, cites, cue FROM citations")
    }
    gold_cited = {(c["file"], c["cites"], c["cue"]) for c in golden("citations")}
    return {
        "statement pairs P/R/F1": statements,
        "statement members not found as quotes": missing,
        "events B-cubed P/R/F1": events,
        "stories B-cubed P/R/F1": stories,
        "re-reports found/expected": (
            len(rereported & gold_rereports),
            len(gold_rereports),
            sorted(rereported - gold_rereports),
        ),
        "copies found/expected": (
            len(copies & gold_copies),
            len(gold_copies),
            sorted(copies - gold_copies),
        ),
        "citations found/expected": (
            len(cited & gold_cited),
            len(gold_cited),
            sorted(gold_cited - cited),
        ),
        "citations not in the golden file": sorted(cited - gold_cited),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing built demo store (else one is made)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = args.db or Path(scratch) / "demo.db"
        with Store(path) as store:
            if args.db is None:
                ingest(store, [demo_corpus()])
                build(store)
            link(store)
            for name, value in evaluate(store).items():
                if isinstance(value, tuple) and all(isinstance(v, float) for v in value):
                    value = " / ".join(f"{v:.3f}" for v in value)
                print(f"{name:40} {value}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
