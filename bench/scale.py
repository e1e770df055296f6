"""Scale: the build engines against the parse floor, cost as the corpus grows, Dask 1 vs 2.

Prints, in one run, on synthetic corpora made from the demo articles the way
``bench/ingest.py`` makes them (each demo article with its paragraphs rotated
and a numbered line appended):

1. end-to-end build rate on ``--workers`` cores (process engine: clean, parse,
   quotes, time, citations, store writes) against spaCy-sm ``nlp.pipe`` parsing
   alone on the same texts with ``n_process=--workers``; the ratio (goal >= 0.8);
2. cost at each of ``--sizes`` articles (process engine; each size in a fresh
   subprocess so peak memory is its own): build and link seconds, time per
   article (goal: flat, i.e. near-linear cost), peak RSS of the parent and of
   the largest worker;
3. the Dask engine on a LocalCluster of 1 and of 2 worker processes on the same
   corpus (workers warmed up, cluster start not counted); the speed-up (goal >= 1.8).

Sections 1 and 3 alternate their runs ``--repeat`` times and keep each one's
best time, so a burst of load from elsewhere on a shared machine shows up as
a worse ratio in one run only. Record the output in docs/benchmarks.md.

    python bench/scale.py [--quick] [--sizes 5000,10000,20000,40000] [--articles 2000]
                          [--workers 2] [--repeat 2] [--skip floor,sizes,dask]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ingest import synthetic_manifest  # bench/ingest.py: the same synthetic corpus

from storytrail import Article, Store, build, ingest, read_sources
from storytrail.api import link
from storytrail.nlp import MODEL_PACKAGE

QUICK = {"sizes": "300,600", "articles": 300, "repeat": 1}


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size (Linux reports KiB); for RUSAGE_CHILDREN, the largest
    child waited for so far."""
    return resource.getrusage(who).ru_maxrss / 1024


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (1 min), {five:.2f} (5 min)"


def template_store(folder: Path, count: int) -> Path:
    """A store with ``count`` synthetic articles ingested, none built."""
    path = folder / f"template-{count}.db"
    with Store(path) as store:
        report = ingest(store, [synthetic_manifest(folder, count)])
        assert report.ok and report.added == count, report.as_dict()
    return path


def fresh_copy(template: Path, name: str) -> Path:
    target = template.with_name(name)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


# --- 1. the parse floor ---------------------------------------------------------


def parse_floor_s(texts: list[str], workers: int) -> float:
    """spaCy-sm alone: ``nlp.pipe`` over ``texts`` with ``n_process=workers``."""
    import spacy

    nlp = spacy.load(MODEL_PACKAGE)
    return timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers)))


def build_s(template: Path, name: str, **engine: object) -> tuple[float, float]:
    """(build seconds, link seconds) on a fresh copy of ``template``."""
    with Store(fresh_copy(template, name)) as store:
        started = time.perf_counter()
        done = build(store, **engine)  # type: ignore[arg-type]
        built = time.perf_counter()
        link(store)
        linked = time.perf_counter()
    assert done > 0
    return built - started, linked - built


def floor_section(folder: Path, articles: int, workers: int, repeat: int) -> None:
    template = template_store(folder, articles)
    with Store(template) as store:
        texts = [a.original for batch in store.articles_to_build("none", 500) for a in batch]
    words = sum(len(t.split()) for t in texts)
    floors, builds, links = [], [], []
    for _ in range(repeat):
        floors.append(parse_floor_s(texts, workers))
        build_time, link_time = build_s(template, "floor.db", engine="process", workers=workers)
        builds.append(build_time)
        links.append(link_time)
    floor, built, linked = min(floors), min(builds), min(links)
    print(f"\n1. end-to-end vs parse floor: {articles} articles, {words:,} words, {workers} cores")
    print(f"   spaCy-sm nlp.pipe alone      {floor:7.1f} s  {articles / floor:7.1f} articles/s")
    print(f"   build (process engine)       {built:7.1f} s  {articles / built:7.1f} articles/s")
    print(
        f"   build + link                 {built + linked:7.1f} s  "
        f"{articles / (built + linked):7.1f} articles/s"
    )
    print(f"   ratio build / parse floor    {floor / built:.2f}   (goal >= 0.8)")
    print(f"   ratio build+link / floor     {floor / (built + linked):.2f}")
    print(f"   runs (s): floor {fmt(floors)}; build {fmt(builds)}; link {fmt(links)}")


def fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.1f}" for v in values)


# --- 2. cost as the corpus grows --------------------------------------------------


def measure_size(count: int, workers: int, folder: Path) -> dict[str, float]:
    """One size, in this (fresh) process: ingest, build on the process engine, link."""
    with Store(folder / "size.db") as store:
        manifest = synthetic_manifest(folder, count)
        ingest_time = timed(lambda: ingest(store, [manifest]))
        build_time = timed(lambda: build(store, engine="process", workers=workers))
        link_time = timed(lambda: link(store))
    return {
        "ingest_s": ingest_time,
        "build_s": build_time,
        "link_s": link_time,
        "parent_peak_mib": peak_rss_mib(),
        "worker_peak_mib": peak_rss_mib(resource.RUSAGE_CHILDREN),
    }


def sizes_section(sizes: list[int], workers: int, folder: Path) -> None:
    print(f"\n2. cost by corpus size (process engine, {workers} workers; each size a new process)")
    print(
        "   articles   build s  ms/article   link s  ms/article   total ms/article"
        "   peak RSS parent / worker"
    )
    for count in sizes:
        scratch = folder / f"size-{count}"
        scratch.mkdir()
        done = subprocess.run(
            [sys.executable, __file__, "--measure-size", str(count), "--workers", str(workers)]
            + ["--scratch", str(scratch)],
            capture_output=True,
            text=True,
            check=True,
        )
        m = json.loads(done.stdout.strip().splitlines()[-1])
        shutil.rmtree(scratch)
        total = m["build_s"] + m["link_s"]
        print(
            f"   {count:8,}  {m['build_s']:8.1f}  {1000 * m['build_s'] / count:10.1f}"
            f"  {m['link_s']:7.1f}  {1000 * m['link_s'] / count:10.2f}"
            f"  {1000 * total / count:17.1f}"
            f"   {m['parent_peak_mib']:,.0f} / {m['worker_peak_mib']:,.0f} MiB"
            f"   (load {load()})",
            flush=True,
        )


# --- 3. Dask: one worker against two -----------------------------------------------


def dask_build_s(template: Path, workers: int) -> float:
    """Build seconds on a warmed LocalCluster of ``workers`` single-threaded processes."""
    import logging

    from distributed import Client, LocalCluster

    from storytrail.nlp import load_pipeline

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(load_pipeline)
        build_time, _ = build_s(
            template, f"dask-{workers}.db", engine="dask", scheduler=cluster.scheduler_address
        )
    return build_time


def dask_section(folder: Path, articles: int, repeat: int) -> None:
    template = template_store(folder, articles)
    one, two = [], []
    for _ in range(repeat):
        one.append(dask_build_s(template, 1))
        two.append(dask_build_s(template, 2))
    print(f"\n3. Dask LocalCluster, {articles} articles (warm workers, start not counted)")
    print(f"   1 worker     {min(one):7.1f} s  {articles / min(one):7.1f} articles/s")
    print(f"   2 workers    {min(two):7.1f} s  {articles / min(two):7.1f} articles/s")
    print(f"   speed-up     {min(one) / min(two):.2f}x   (goal >= 1.8x)")
    print(f"   runs (s): 1 worker {fmt(one)}; 2 workers {fmt(two)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000", help="comma-separated")
    parser.add_argument("--articles", type=int, default=2000, help="corpus of sections 1 and 3")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help=f"small: {QUICK}")
    parser.add_argument("--skip", default="", help="sections to leave out: floor,sizes,dask")
    parser.add_argument("--measure-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_size:
        print(json.dumps(measure_size(args.measure_size, args.workers, args.scratch)))
        return
    if args.quick:
        args.sizes, args.articles, args.repeat = QUICK["sizes"], QUICK["articles"], QUICK["repeat"]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    skip = set(args.skip.split(","))

    seeds = [a for a in read_sources([synthetic_seed()]) if isinstance(a, Article)]
    print(
        f"machine   {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"corpus    synthetic, from {len(seeds)} demo articles (bench/ingest.py)")
    print(f"load      {load()} at start")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if "floor" not in skip:
            floor_section(folder, args.articles, args.workers, args.repeat)
        if "sizes" not in skip:
            sizes_section(sizes, args.workers, folder)
        if "dask" not in skip:
            dask_section(folder, args.articles, args.repeat)
    print(f"\nload      {load()} at end; {time.perf_counter() - started:.0f} s in all")


def synthetic_seed() -> Path:
    from storytrail import demo_corpus

    return demo_corpus()


if __name__ == "__main__":
    main()
