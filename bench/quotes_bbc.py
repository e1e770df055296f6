"""The BBC quotes development set, scored by its own ``score.py``: real news nobody here wrote.

``../shared/data/bbc-quotes-dev/`` holds 30 BBC News articles (2004-2005) with every
quote and its canonical speaker marked by hand, and the scorer that published its
figures (token-overlap matching; direct and all-kinds P/R/F1, speaker accuracy on
matched quotes, attribution F1). This runs storytrail exactly as a user would -
ingest the manifest, build, link, export JSON - into a throw-away store, then hands
the export to that scorer. Used by ``bench/quotes.py`` (the same run as PolNeAR) and
on its own:

    python bench/quotes_bbc.py [--data DIR] [--errors N]

Skips (exit 0) when the data set is absent. The data are for local evaluation only:
nothing from them is kept.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc-quotes-dev"
# The figures of main 2d45f63, printed by the data set's README, as the "before".
BEFORE = {
    "direct_F1": 0.850,
    "all_P": 0.904,
    "all_F1": 0.848,
    "speaker_acc_matched": 0.772,
    "attribution_F1": 0.654,
}
GOALS = {"direct_F1": 0.92, "speaker_acc_matched": 0.95, "attribution_F1": 0.88, "all_P": 0.90}
# Published levels on other data (read them as levels, not a leaderboard): the Gender Gap
# Tracker's evaluation on 98 news articles, and BBC R&D's Citron on PARC 3.0.
PUBLISHED = {
    "Gender Gap Tracker: quote F1 / speaker accuracy": "0.837 / 0.865",
    "Citron (PARC 3.0): source-span F1, overlap": "0.853",
}


def export_bbc(data: Path, folder: Path) -> Path:
    """Ingest, build, link and export the development set; the JSON export's path."""
    from storytrail import Store, build, export, ingest, link

    db, out = folder / "bbc.db", folder / "bbc.json"
    with Store(db) as store:
        report = ingest(store, [data / "manifest.jsonl"])
        if report.rejections:
            raise SystemExit(f"ingest refused: {[str(r) for r in report.rejections]}")
        build(store)
        link(store)
        with out.open("w", encoding="utf-8") as handle:
            export(store.conn, "json", handle)
    return out


def score(data: Path, export_path: Path, errors: int = 0) -> tuple[dict, str]:
    """The scorer's figures (its --json output) and, with ``errors``, its error list."""
    scorer = data / "score.py"
    figures = subprocess.run(
        [sys.executable, str(scorer), str(export_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    listing = ""
    if errors:
        listing = subprocess.run(
            [sys.executable, str(scorer), str(export_path), "--errors", str(errors)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return json.loads(figures.stdout), listing


def run(data: Path = DEFAULT_DATA, errors: int = 0) -> dict | None:
    """Score storytrail on the development set and print the table; None when absent."""
    if not (data / "score.py").is_file():
        print(f"skipped: the BBC quotes dev set is not at {data} (see ../shared/data/README.md)")
        return None
    with tempfile.TemporaryDirectory(prefix="storytrail-bbc-") as tmp:
        figures, listing = score(data, export_bbc(data, Path(tmp)), errors)
    print(
        f"BBC quotes dev set: {figures['articles']} articles, {figures['gold_required']} "
        f"required gold quotes ({figures['gold_direct_required']} direct); "
        f"{figures['pred']} predictions ({figures['pred_direct']} direct)\n"
    )
    rows = [
        ("direct P / R / F1", ("direct_P", "direct_R", "direct_F1")),
        ("all kinds P / R / F1", ("all_P", "all_R", "all_F1")),
        ("speaker acc. (matched)", ("speaker_acc_matched",)),
        ("attribution P / R / F1", ("attribution_P", "attribution_R", "attribution_F1")),
    ]
    print(f"| {'figure':<24} | {'storytrail':<22} | {'main 2d45f63':<13} | {'goal':<6} |")
    print(f"|{'-' * 26}|{'-' * 24}|{'-' * 15}|{'-' * 8}|")
    for label, keys in rows:
        now = " / ".join(f"{figures[k]:.3f}" for k in keys)
        last = keys[-1] if len(keys) > 1 else keys[0]
        before = BEFORE.get(last)
        goal = GOALS.get(last)
        shown = f"{before:.3f}" if before is not None else ""
        print(f"| {label:<24} | {now:<22} | {shown:<13} | {goal if goal is not None else '':<6} |")
    kinds = ", ".join(f"{k} {v:.3f}" for k, v in figures["recall_by_gold_kind"].items())
    print(f"\nrecall by gold kind: {kinds}")
    print(f"kind agreement on matched: {figures['kind_agreement_matched']:.3f}")
    print("\nPublished levels (other data):")
    for name, value in PUBLISHED.items():
        print(f"  {name}: {value}")
    if listing:
        print("\n" + listing)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="list up to N errors")
    args = parser.parse_args()
    run(args.data, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
