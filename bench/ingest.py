"""Ingest + clean throughput on a synthetic corpus built from the demo articles.

Prints articles per second and peak resident memory. The corpus: each demo
article, its paragraphs rotated and a numbered line appended, repeated until
there are ``--articles`` of them (default 20,000), written as one JSON Lines
manifest so the run exercises the real reader, the real store and the real
cleaner. Record the output in docs/benchmarks.md.

    python bench/ingest.py [--articles 20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

from storytrail import Store, clean_text, demo_corpus, ingest, read_sources
from storytrail.model import Article


def synthetic_manifest(folder: Path, count: int) -> Path:
    """Write ``count`` distinct articles derived from the demo corpus; return the manifest."""
    seeds = [a for a in read_sources([demo_corpus()]) if isinstance(a, Article)]
    path = folder / "synthetic.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            seed = seeds[i % len(seeds)]
            paragraphs = seed.original.split("\n\n")
            turn = (i // len(seeds)) % len(paragraphs)
            text = "\n\n".join(paragraphs[turn:] + paragraphs[:turn])
            record = {
                "text": f"{text}\n\nSynthetic copy number {i}.",
                "title": seed.title,
                "outlet": seed.outlet,
                "published": seed.published,
                "url": f"https://synthetic.example/{i}",
            }
            out.write(json.dumps(record) + "\n")
    return path


def peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="write the corpus and store here and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        manifest = synthetic_manifest(folder, args.articles)
        with Store(folder / "bench.db") as store:
            started = time.perf_counter()
            report = ingest(store, [manifest])
            ingested = time.perf_counter()
            cleaned = 0
            for batch in store.articles_to_build("bench-clean-only", 500):
                for article in batch:
                    clean_text(article.original)
                    cleaned += 1
            finished = time.perf_counter()

    ingest_s, clean_s = ingested - started, finished - ingested
    total_s = finished - started
    cpu = platform.processor() or platform.machine()
    print(f"machine            {cpu}, Python {sys.version.split()[0]}")
    refused = len(report.rejections)
    print(f"articles           {args.articles} ({report.added} added, {refused} refused)")
    print(f"ingest             {ingest_s:.1f} s  {report.added / ingest_s:,.0f} articles/s")
    print(f"clean              {clean_s:.1f} s  {cleaned / clean_s:,.0f} articles/s")
    print(f"ingest+clean       {total_s:.1f} s  {args.articles / total_s:,.0f} articles/s")
    print(f"peak memory (RSS)  {peak_rss_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
