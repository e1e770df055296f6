"""Scale: the build engines against the parse floor, cost as the corpus grows, Dask 1 vs 2.

Prints, in one run, on synthetic corpora made from the demo articles the way
``bench/ingest.py`` makes them (each demo article with its paragraphs rotated
and a numbered line appended):

1. the build rate on ``--workers`` cores (process engine: clean, parse, quotes,
   time, citations and the store writes) against spaCy-sm ``nlp.pipe`` parsing
   alone on the same texts with ``n_process=--workers`` (goal >= 0.8), and
   against ``build_batch`` in one process without a store, which splits the
   gap into what the stages cost and what the engine costs;
2. cost at each of ``--sizes`` articles (process engine; each size in a fresh
   subprocess so peak memory is its own): build seconds, time per article
   (goal: flat, i.e. near-linear cost), peak RSS of the parent and of the
   largest worker; then (section ``link``) ``api.link`` at ``--link-sizes``.
   On this corpus every quote recurs in one article of every 18, so a
   speaker's statements grow with the corpus, which news does not do: the
   linking cost to quote is ``bench/link.py cost``, on stores whose people and
   events do not repeat;
3. the Dask engine on a LocalCluster of 1 and of 2 worker processes on the same
   corpus (workers warmed up, cluster start not counted); the speed-up (goal >= 1.8).

Sections 1 and 3 alternate their runs ``--repeat`` times and keep each one's
best time, so a burst of load from elsewhere on a shared machine shows up as
a worse ratio in one run only. Record the output in docs/benchmarks.md.

    python bench/scale.py [--quick] [--sizes 5000,10000,20000,40000] [--articles 2000]
                          [--link-sizes 250,500,1000] [--workers 2] [--repeat 2]
                          [--skip floor,sizes,link,dask]
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest import synthetic_manifest  # bench/ingest.py: the same synthetic corpus

from storytrail import Article, Store, build, demo_corpus, ingest, read_sources
from storytrail.api import link
from storytrail.nlp import MODEL_PACKAGE

QUICK = {"sizes": "300,600", "link_sizes": "100,200", "articles": 300, "repeat": 1}


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
    if path.exists():
        return path
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


@dataclass(frozen=True)
class Run:
    """Wall-clock seconds and the CPU seconds this process and its workers spent."""

    wall: float
    cpu: float

    @property
    def cores(self) -> float:
        """Cores actually used on average: under 2 on 2 cores means others had some."""
        return self.cpu / self.wall


def cpu_seconds(client: Any = None) -> float:
    """CPU time of this process, of its children already waited for (a finished
    process pool, spaCy's n_process workers) and of a Dask cluster's workers."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    total = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    if client is not None:
        total += sum(client.run(own_cpu_seconds).values())
    return total


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measured(run: Callable[[], object], client: Any = None) -> Run:
    cpu, started = cpu_seconds(client), time.perf_counter()
    run()
    return Run(time.perf_counter() - started, cpu_seconds(client) - cpu)


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def fmt(runs: list[Run]) -> str:
    return ", ".join(f"{r.wall:.1f} s wall / {r.cpu:.1f} s CPU" for r in runs)


# --- 1. the parse floor ---------------------------------------------------------


def parse_floor(texts: list[str], workers: int) -> Run:
    """spaCy-sm alone: ``nlp.pipe`` over ``texts`` with ``n_process=workers``."""
    import spacy

    nlp = spacy.load(MODEL_PACKAGE)
    return measured(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=workers)))


def build_run(template: Path, name: str, client: Any = None, **engine: object) -> Run:
    """One build (no linking) on a fresh copy of ``template``."""
    with Store(fresh_copy(template, name)) as store:
        return measured(lambda: build(store, **engine), client)  # type: ignore[arg-type]


def one_process(template: Path, count: int) -> Run:
    """``build_batch`` over the first ``count`` articles in this process, no store:
    what the stages cost on one core (spaCy loaded beforehand)."""
    from storytrail.nlp import load_pipeline
    from storytrail.pipeline import build_batch
    from storytrail.settings import DEFAULTS

    load_pipeline()
    with Store(template) as store:
        articles = [a for b in store.articles_to_build("none", count) for a in b][:count]
    size = DEFAULTS.nlp_batch_size
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    return measured(lambda: [build_batch(batch, DEFAULTS) for batch in batches])


def floor_section(folder: Path, articles: int, workers: int, repeat: int) -> None:
    template = template_store(folder, articles)
    with Store(template) as store:
        texts = [a.original for batch in store.articles_to_build("none", 500) for a in batch]
    words = sum(len(t.split()) for t in texts)
    sample = min(articles, 320)
    floors, builds, alone = [], [], []
    for _ in range(repeat):
        floors.append(parse_floor(texts, workers))
        builds.append(build_run(template, "floor.db", engine="process", workers=workers))
        alone.append(one_process(template, sample))
    floor, built, single = best(floors), best(builds), best(alone)
    print(f"\n1. build vs parse floor: {articles} articles, {words:,} words, {workers} cores")
    print("                                          articles/s   CPU ms/article   cores used")
    for label, run, count in (
        (f"spaCy-sm nlp.pipe alone, n_process={workers}", floor, articles),
        (f"build, process engine, {workers} workers", built, articles),
        ("build_batch in 1 process, no store", single, sample),
    ):
        print(
            f"   {label:<38} {count / run.wall:9.1f}   {1000 * run.cpu / count:14.1f}"
            f"   {run.cores:10.2f}"
        )
    print(f"   ratio build / parse floor, wall   {floor.wall / built.wall:.2f}   (goal >= 0.8)")
    print(f"   ratio build / parse floor, CPU    {floor.cpu / built.cpu:.2f}")
    print(
        f"   engine overhead, CPU              "
        f"{(built.cpu / articles) / (single.cpu / sample) - 1:+.0%}"
        "   (process engine against build_batch in one process)"
    )
    print(f"   runs: floor {fmt(floors)}")
    print(f"         build {fmt(builds)}")
    print(f"         one process {fmt(alone)}")


# --- 2. cost as the corpus grows --------------------------------------------------


def measure_size(count: int, workers: int, folder: Path, with_link: bool) -> dict[str, float]:
    """One size, in this (fresh) process: ingest, build on the process engine, link."""
    with Store(folder / "size.db") as store:
        manifest = synthetic_manifest(folder, count)
        ingested = measured(lambda: ingest(store, [manifest]))
        built = measured(lambda: build(store, engine="process", workers=workers))
        linked = measured(lambda: link(store)) if with_link else Run(0.0, 0.0)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        "store_mib": (folder / "size.db").stat().st_size / 2**20,
        "ingest_s": ingested.wall,
        "build_s": built.wall,
        "build_cpu_s": built.cpu,
        "link_s": linked.wall,
        "link_cpu_s": linked.cpu,
        "parent_peak_mib": peak_rss_mib(),
        "worker_peak_mib": peak_rss_mib(resource.RUSAGE_CHILDREN),
    }


def run_size(count: int, workers: int, folder: Path, with_link: bool) -> dict[str, float]:
    scratch = folder / f"size-{count}-{int(with_link)}"
    scratch.mkdir()
    command = [sys.executable, __file__, "--measure-size", str(count), "--workers", str(workers)]
    command += ["--scratch", str(scratch)] + (["--with-link"] if with_link else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    shutil.rmtree(scratch)
    return json.loads(done.stdout.strip().splitlines()[-1])


def sizes_section(sizes: list[int], workers: int, folder: Path) -> None:
    print(
        f"\n2a. build cost by corpus size (process engine, {workers} workers; fresh process each)"
    )
    print(
        "   articles   build s  ms/article  CPU ms/article  cores used"
        "   peak RSS parent / largest worker   store KiB/article   load"
    )
    for count in sizes:
        m = run_size(count, workers, folder, with_link=False)
        print(
            f"   {count:8,}  {m['build_s']:8.1f}  {1000 * m['build_s'] / count:10.1f}"
            f"  {1000 * m['build_cpu_s'] / count:14.1f}  {m['build_cpu_s'] / m['build_s']:10.2f}"
            f"   {m['parent_peak_mib']:9,.0f} / {m['worker_peak_mib']:,.0f} MiB"
            f"           {1024 * m['store_mib'] / count:8.1f}   {load()}",
            flush=True,
        )


def link_section(sizes: list[int], workers: int, folder: Path) -> None:
    print("\n2b. corpus-wide linking by corpus size (api.link, one process)")
    print("   articles   link s  ms/article   peak RSS parent   load")
    for count in sizes:
        m = run_size(count, workers, folder, with_link=True)
        print(
            f"   {count:8,}  {m['link_s']:7.1f}  {1000 * m['link_s'] / count:10.1f}"
            f"   {m['parent_peak_mib']:11,.0f} MiB   {load()}",
            flush=True,
        )


# --- 3. Dask: one worker against two -----------------------------------------------


def dask_build(template: Path, workers: int, parts: Path | None = None) -> Run:
    """One build on a warmed LocalCluster of ``workers`` single-threaded processes
    (with ``parts``, also writing per-partition Parquet there)."""
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
        return build_run(
            template,
            f"dask-{workers}.db",
            client,
            engine="dask",
            scheduler=cluster.scheduler_address,
            parts=parts,
        )


def dask_section(folder: Path, articles: int, repeat: int) -> None:
    template = template_store(folder, articles)
    one, two = [], []
    for _ in range(repeat):
        one.append(dask_build(template, 1))
        two.append(dask_build(template, 2))
    parts = folder / "parts"
    with_parts = dask_build(template, 2, parts)
    part_bytes = sum(p.stat().st_size for p in parts.iterdir())
    a, b = best(one), best(two)
    print(f"\n3. Dask LocalCluster, {articles} articles (warm workers, start not counted)")
    print("                  wall s   articles/s   CPU ms/article   cores used")
    for label, run in (("1 worker ", a), ("2 workers", b)):
        print(
            f"   {label}   {run.wall:7.1f}   {articles / run.wall:10.1f}"
            f"   {1000 * run.cpu / articles:14.1f}   {run.cores:10.2f}"
        )
    print(f"   speed-up     {a.wall / b.wall:.2f}x   (goal >= 1.8x)")
    print(
        f"   2 workers writing Parquet parts too: {with_parts.wall:.1f} s wall,"
        f" {part_bytes / articles / 1024:.1f} KiB of Parquet per article"
    )
    print(f"   runs: 1 worker {fmt(one)}")
    print(f"         2 workers {fmt(two)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,10000,20000,40000", help="comma-separated")
    parser.add_argument("--articles", type=int, default=2000, help="corpus of sections 1 and 3")
    parser.add_argument("--link-sizes", default="250,500,1000", help="comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help=f"small: {QUICK}")
    parser.add_argument("--skip", default="", help="sections to leave out: floor,sizes,link,dask")
    parser.add_argument("--measure-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scratch", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--with-link", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_size:
        measured = measure_size(args.measure_size, args.workers, args.scratch, args.with_link)
        print(json.dumps(measured))
        return
    if args.quick:
        args.sizes, args.link_sizes = QUICK["sizes"], QUICK["link_sizes"]
        args.articles, args.repeat = QUICK["articles"], QUICK["repeat"]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    link_sizes = [int(s) for s in args.link_sizes.split(",") if s]
    skip = set(args.skip.split(","))

    seeds = [a for a in read_sources([demo_corpus()]) if isinstance(a, Article)]
    python = platform.python_version()
    print(f"machine   {platform.machine()}, {os.cpu_count()} cores, Python {python}")
    print(f"corpus    synthetic, from {len(seeds)} demo articles (bench/ingest.py)")
    print(f"load      {load()} at start")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if "floor" not in skip:
            floor_section(folder, args.articles, args.workers, args.repeat)
        if "sizes" not in skip:
            sizes_section(sizes, args.workers, folder)
        if "link" not in skip:
            link_section(link_sizes, args.workers, folder)
        if "dask" not in skip:
            dask_section(folder, args.articles, args.repeat)
    print(f"\nload      {load()} at end; {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
