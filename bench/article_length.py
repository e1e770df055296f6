"""Build time and peak memory against the length of one article (10 KB ... 1 MB).

Each size is one article made of the demo corpus's paragraphs, in turn, until it is
that long, built (clean, parse, quotes, speakers, dates, citations, place:
``storytrail.pipeline.build_batch``) in a fresh process, so the peak resident
memory is that size's own. The model load is timed apart and left out. A cost
near-linear in length shows as a flat "ms per KB" column. Record the output in
docs/benchmarks.md.

    python bench/article_length.py [--sizes 10,30,100,150,300,400,1000] [--profile KB]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

BUILD = """
import json, resource, sys, time
from storytrail import demo_corpus, read_sources
from storytrail.model import Article
from storytrail.ingest.article import make_article
from storytrail.nlp import load_pipeline
from storytrail.pipeline import build_batch

size = int(sys.argv[1]) * 1000
paragraphs = [
    p for a in read_sources([demo_corpus()]) if isinstance(a, Article)
    for p in a.original.split("\\n\\n") if p.strip()
]
parts, length, i = [], 0, 0
while length < size:
    parts.append(paragraphs[i % len(paragraphs)])
    length += len(parts[-1]) + 2
    i += 1
text = "\\n\\n".join(parts)[:size]
article = make_article("bench", text, outlet="Bench Wire", published="2022-03-20")
started = time.perf_counter()
load_pipeline()
loaded = time.perf_counter()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if len(sys.argv) > 2:
    import cProfile, pstats
    cProfile.run("built = build_batch([article])", "/tmp/article_length.prof")
    pstats.Stats("/tmp/article_length.prof").sort_stats("cumulative").print_stats(40)
else:
    built = build_batch([article])
done = time.perf_counter()
print(json.dumps({
    "kb": size // 1000,
    "chars": len(text),
    "quotes": len(built[0].quotes),
    "model_load_s": round(loaded - started, 2),
    "build_s": round(done - loaded, 2),
    "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "peak_after_load_mib": round(before / 1024, 1),
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,30,100,150,300,400,1000", help="KB, comma-separated")
    parser.add_argument("--profile", type=int, help="profile the build of one article of KB")
    args = parser.parse_args()
    if args.profile:
        subprocess.run([sys.executable, "-c", BUILD, str(args.profile), "profile"], check=True)
        return
    print("| KB | characters | quotes | build s | ms per KB | peak RSS MiB (after model load) |")
    print("|---|---|---|---|---|---|")
    for kb in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, "-c", BUILD, str(kb)], capture_output=True, text=True, check=True
        )
        row = json.loads(done.stdout.splitlines()[-1])
        per_kb = 1000 * row["build_s"] / kb
        print(
            f"| {kb} | {row['chars']:,} | {row['quotes']} | {row['build_s']} | {per_kb:.0f} "
            f"| {row['peak_mib']} ({row['peak_after_load_mib']}) |",
            flush=True,
        )


if __name__ == "__main__":
    main()
