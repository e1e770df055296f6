"""The ``storytrail`` command line: parse, call ``storytrail.api``, print.

Every command reads the global ``--db`` given before it
(``storytrail --db x.db ingest …``). Results go to standard output (as JSON
with ``--json``); progress bars, warnings and errors go to standard error, so
a script can pipe the output and still see what went wrong. Exit status:
0 done, 1 done but some input was refused, 2 could not run at all.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import click

from storytrail import api, timeline
from storytrail.engines import ENGINES, Engine, EngineError, check_options, choose_engine
from storytrail.export import FORMATS, ExportError, export
from storytrail.model import Rejection
from storytrail.nlp import ModelMissingError
from storytrail.pipeline import PIPELINE_VERSION
from storytrail.settings import DEFAULTS, Settings
from storytrail.store import Store, StoreError
from storytrail.store.db import DEFAULT_DB
from storytrail.store.query import SearchSyntaxError
from storytrail.store.reads import search_articles, stats
from storytrail.store.timeline import timeline_entries
from storytrail.watch import WatchRound, check_interval, parse_interval, watch

EXIT_REFUSED = 1
EXIT_FAILED = 2


class Context:
    """What the group options hand to every command."""

    def __init__(self, db: Path, quiet: bool) -> None:
        self.db = db
        self.quiet = quiet

    @contextmanager
    def store(self, create: bool = False) -> Iterator[Store]:
        """The store at ``--db``; only commands that add articles ``create`` one, so a
        mistyped path is an error, never a new empty store."""
        try:
            store = Store(self.db, create=create)
        except StoreError as exc:
            fail(str(exc))
        try:
            yield store
        finally:
            store.close()

    @contextmanager
    def progress(self, label: str, length: int | None = None) -> Iterator[Callable[[int], None]]:
        """A progress bar on standard error (nothing with ``--quiet``)."""
        if self.quiet:
            yield lambda _n: None
            return
        with click.progressbar(
            length=length or 0, label=label, file=sys.stderr, show_pos=True
        ) as bar:
            yield bar.update


def fail(message: str) -> None:
    """Print one clear line and stop with exit status 2."""
    click.echo(f"storytrail: error: {message}", err=True)
    sys.exit(EXIT_FAILED)


def json_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The shared ``--json`` switch for commands a script may want to read."""
    return click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")(
        command
    )


def web_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The shared switches of commands that read sources: ``--allow-private``,
    ``--fetch-links``, ``--allow-outside-paths``."""
    command = click.option(
        "--allow-outside-paths",
        is_flag=True,
        help="Let a manifest name files outside its own folder (refused by default).",
    )(command)
    command = click.option(
        "--fetch-links",
        is_flag=True,
        help="Fetch the page of a feed-file entry that has only a summary (feed URLs always do).",
    )(command)
    return click.option(
        "--allow-private",
        is_flag=True,
        help="Also fetch from loopback, private and link-local addresses (refused by default).",
    )(command)


def web_settings(allow_private: bool, fetch_links: bool, allow_outside_paths: bool) -> Settings:
    return replace(
        DEFAULTS,
        allow_private_addresses=allow_private,
        fetch_feed_links=fetch_links,
        allow_outside_paths=allow_outside_paths,
    )


def emit_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def counted(count: int, nouns: str) -> str:
    """``4 stories``, ``1 story``: a count and its noun (given in the plural) in the right
    number; underscores of table names become spaces."""
    nouns = nouns.replace("_", " ")
    if count != 1:
        return f"{count} {nouns}"
    if nouns.endswith("ies"):
        return f"1 {nouns[:-3]}y"
    return f"1 {nouns.removesuffix('s')}"


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines too) as one space."""
    return " ".join(text.split())


_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--from``/``--to`` value as an ISO year, month or day; anything else is refused
    (dates are compared as text, so "yesterday" or "2023/06/15" would filter silently wrong)."""
    if value is None:
        return None
    match = _ISO_PREFIX.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date: write a year (2023), a month (2023-06) or a day (2023-06-15)"
        ) from None
    return match[0]


# Options of the group that users often write after the command.
GLOBAL_OPTIONS = ("--db", "-q", "--quiet")


class CommandLine(click.Group):
    """The command group, with a hint when a global option comes after the command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.NoSuchOption as exc:
            if exc.option_name in GLOBAL_OPTIONS:
                exc.message += (
                    f" {exc.option_name} goes before the command: storytrail "
                    f"{exc.option_name} … {ctx.invoked_subcommand or 'COMMAND'} …"
                )
            raise


@click.group(cls=CommandLine, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    envvar="STORYTRAIL_DB",
    help="The SQLite store to read and write (ingest, watch and demo create it if absent).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bars or summaries on stderr.")
@click.version_option(package_name="storytrail")
@click.pass_context
def main(ctx: click.Context, db: Path, quiet: bool) -> None:
    """Who said what, when, where, and who reported it — from a pile of news articles.

    \b
    Typical session:
      storytrail ingest articles/ feeds.jsonl    # read sources into storytrail.db
      storytrail build                            # clean and analyse new articles
      storytrail export --format json -o out.json
    """
    ctx.obj = Context(db, quiet)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@web_options
@json_option
@click.pass_obj
def ingest(
    obj: Context,
    paths: tuple[str, ...],
    allow_private: bool,
    fetch_links: bool,
    allow_outside_paths: bool,
    as_json: bool,
) -> None:
    """Read articles from PATHS: text or HTML files, JSON Lines manifests, Parquet
    shards with the manifest's columns (.parquet), RSS/Atom feeds (.rss, .atom,
    .xml), web archives (.warc, .warc.gz), folders, and http(s) URLs of pages or
    feeds.

    Folders are read recursively. An article already in the store (same URL or
    same text) is counted as a duplicate, not added again; a URL the server
    says has not changed since the last run is counted as unchanged. Each
    refused input is reported with its file, line and reason and recorded in
    the store; the rest of the batch goes on. Exit status 1 when anything was
    refused.

    \b
    Examples:
      storytrail ingest storytrail/demo/manifest.jsonl ~/clippings/
      storytrail ingest https://example.org/news/rss.xml crawl.warc.gz
    """
    settings = web_settings(allow_private, fetch_links, allow_outside_paths)
    with obj.store(create=True) as store, obj.progress("Ingesting") as step:
        report = api.ingest(store, paths, settings, progress=step)
    if as_json:
        emit_json(report.as_dict())
    else:
        for rejection in report.rejections:
            click.echo(f"refused {rejection}", err=True)
        unchanged = f"{report.unchanged} unchanged, " if report.unchanged else ""
        click.echo(
            f"{report.added} added, {report.duplicates} already present, {unchanged}"
            f"{len(report.rejections)} refused"
        )
    if not report.ok:
        sys.exit(EXIT_REFUSED)


@main.command(name="watch")
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--every",
    default="15m",
    show_default=True,
    help="How often to poll: 90s, 15m, 1h, 1h30m (at least 1m).",
)
@click.option("--once", is_flag=True, help="Run one round and stop (for cron jobs and tests).")
@web_options
@json_option
@click.pass_obj
def watch_command(
    obj: Context,
    sources: tuple[str, ...],
    every: str,
    once: bool,
    allow_private: bool,
    fetch_links: bool,
    allow_outside_paths: bool,
    as_json: bool,
) -> None:
    """Poll SOURCES (feed and page URLs, folders, files) and ingest and build what is new.

    Each round prints what it added and what the store gained (articles,
    quotes, statements, events, ...); with --json, one JSON object per line.
    Feeds are fetched with the ETag/Last-Modified they sent last time, so an
    unchanged feed costs one short request. Ctrl-C stops cleanly. With --once,
    exit status 1 when anything was refused.

    \b
    Example:
      storytrail watch https://example.org/news/rss.xml ~/clippings/ --every 15m
    """
    try:
        every_s = parse_interval(every)
        check_interval(every_s)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    settings = web_settings(allow_private, fetch_links, allow_outside_paths)
    refused = 0

    def show(done: WatchRound) -> None:
        nonlocal refused
        refused += len(done.ingest.rejections)
        if as_json:
            click.echo(json.dumps(done.as_dict(), ensure_ascii=False))
            return
        for rejection in done.ingest.rejections:
            click.echo(f"refused {rejection}", err=True)
        click.echo(done.summary())

    # Both signals stop the loop cleanly, even when started from a shell that ignores
    # SIGINT for background jobs (Python then leaves SIGINT ignored).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def delayed(reason: str) -> None:
        click.echo(f"storytrail: {reason}", err=True)

    with obj.store(create=True) as store:
        try:
            watch(
                store,
                sources,
                every_s,
                show,
                rounds=1 if once else None,
                settings=settings,
                on_delay=delayed,
            )
        except ValueError as exc:
            fail(str(exc))
        except ModelMissingError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            if not obj.quiet:
                click.echo("storytrail: watch stopped", err=True)
            return
    if once and refused:
        sys.exit(EXIT_REFUSED)


@main.command()
@click.option("--relink", is_flag=True, help="Redo the corpus-wide linking even if nothing is new.")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="auto",
    show_default=True,
    help="Where the per-article stages run: this process (local), a process pool, or"
    " Dask; auto: a pool of one process per core from "
    f"{DEFAULTS.auto_process_min_articles} articles to build, else local.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes for --engine process or dask (default: one per core).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler to use, e.g. tcp://10.0.0.5:8786 (default: start a LocalCluster).",
)
@click.option(
    "--parts",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="FOLDER",
    help="With --engine dask, also write each batch built to FOLDER/part-NNNNN.parquet.",
)
@json_option
@click.pass_obj
def build(
    obj: Context,
    relink: bool,
    engine: Engine,
    workers: int | None,
    scheduler: str | None,
    parts: Path | None,
    as_json: bool,
) -> None:
    """Analyse articles not yet built by this version, then relink the corpus.

    Per article: cleaning, parsing, quotes, dates, citations. Then, over the
    whole corpus: near-duplicates, speakers, statements, re-reports, events and
    stories. Safe to interrupt: finished batches are saved, and the next run
    does the rest. Every engine saves the same results (docs/scaling.md). An
    article a stage fails on is reported and recorded as refused (exit status
    1); the rest are built.

    \b
    Examples:
      storytrail build                             # auto: all cores for a big build
      storytrail build --engine local              # this process only
      storytrail build --engine process            # all cores of this machine
      storytrail build --engine dask --workers 4   # a local Dask cluster
      storytrail build --engine dask --scheduler tcp://10.0.0.5:8786
    """
    failures: list[Rejection] = []
    with obj.store() as store:
        todo = store.count_to_build(PIPELINE_VERSION)
        try:
            check_options(engine, workers, scheduler, parts)
            engine = choose_engine(engine, todo, DEFAULTS, workers)
            with obj.progress("Building", todo) as step:
                done = api.build(
                    store,
                    progress=step,
                    engine=engine,
                    workers=workers,
                    scheduler=scheduler,
                    parts=parts,
                    on_failure=failures.append,
                )
        except (ModelMissingError, EngineError) as exc:
            fail(str(exc))
        linked = api.link(store) if done or relink or api.links_are_stale(store) else None
    for failure in failures:
        click.echo(f"refused {failure}", err=True)
    summary: dict[str, object] = {
        "built": done,
        "pipeline_version": PIPELINE_VERSION,
        "engine": engine,
    }
    if linked is not None:
        summary |= linked.counts()
    if as_json:
        emit_json(summary)
    else:
        click.echo(
            f"{counted(done, 'articles')} built (pipeline version {PIPELINE_VERSION},"
            f" engine {engine})"
        )
        if linked is not None:
            click.echo("linked: " + ", ".join(counted(n, k) for k, n in linked.counts().items()))
    if failures:
        sys.exit(EXIT_REFUSED)


@main.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json: one document; jsonl: one record per line; csv/parquet: one file per table.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File (json, jsonl) or folder (csv, parquet). json and jsonl default to stdout.",
)
@click.option("--force", is_flag=True, help="Replace an existing export at -o.")
@click.pass_obj
def export_command(obj: Context, fmt: str, output: Path | None, force: bool) -> None:
    """Write everything in the store as JSON, JSON Lines, CSV or Parquet.

    The fields are documented in docs/export.md. Each file is written whole or
    not at all (a temporary file renamed into place), and an existing export is
    replaced only with --force.

    \b
    Examples:
      storytrail export --format jsonl | grep '"type": "quote"'
      storytrail export --format parquet -o out/
    """
    if fmt in ("csv", "parquet") and output is None:
        raise click.UsageError(f"--format {fmt} writes one file per table: give -o FOLDER")
    with obj.store() as store:
        try:
            counts = export(
                store.conn,
                fmt,  # type: ignore[arg-type]
                output if output is not None else sys.stdout,
                replace=force,
            )
            if output is None:
                sys.stdout.flush()
        except ExportError as exc:
            fail(str(exc))
        except OSError as exc:  # standard output on a full disk (> /dev/full), a closed pipe
            # What is still buffered would fail again at exit, with a second message.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            fail(f"cannot write the export to standard output: {exc.strerror or exc}")
    if not obj.quiet:
        summary = ", ".join(counted(n, table) for table, n in counts.items() if n)
        click.echo(f"exported {summary or 'nothing'}", err=True)


@main.command(name="stats")
@json_option
@click.pass_obj
def stats_command(obj: Context, as_json: bool) -> None:
    """Count what the store holds: articles, outlets, years, quotes, refusals."""
    with obj.store() as store:
        counts = stats(store.conn)
    if as_json:
        emit_json(counts)
    else:
        width = max(len(key) for key in counts)
        for key, value in counts.items():
            click.echo(f"{key.replace('_', ' '):<{width}}  {value}")


@main.command()
@click.argument("query")
@click.option("--limit", default=20, show_default=True, help="At most this many results.")
@json_option
@click.pass_obj
def search(obj: Context, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over article titles and text.

    Words are searched as typed, punctuation and all (Brenner's, U.S.,
    water-sharing); the FTS5 operators work too: "a phrase", AND, OR, NOT (in
    capitals), (groups), a prefix brenn*, NEAR(dam release, 5), title: word.

    \b
    Example:
      storytrail search 'dam AND turbines'
    """
    with obj.store() as store:
        try:
            rows = search_articles(store.conn, query, limit)
        except SearchSyntaxError as exc:
            fail(f"bad search query {query!r}: {exc}")
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(f"no article matches {query!r}")
    for row in rows:
        published = (row["published"] or "")[:10] or "date unknown"
        outlet = row["outlet"] or "outlet unknown"
        click.echo(f"{published}  {outlet}: {one_line(row['title'] or '(no title)')}")
        click.echo(f"    {one_line(row['snippet'])}")


@main.command()
@click.argument("article_id")
@click.option("--limit", default=10, show_default=True, help="At most this many articles.")
@json_option
@click.pass_obj
def similar(obj: Context, article_id: str, limit: int, as_json: bool) -> None:
    """List the built articles closest to ARTICLE_ID, with the reasons: same event,
    shared statements, names and words.

    \b
    Example:
      storytrail similar art_e2c6dd6742b3c88e --limit 5
    """
    with obj.store() as store:
        try:
            found = api.similar(store, article_id, limit=limit)
        except LookupError as exc:
            fail(str(exc))
        heads = {
            row["id"]: row
            for row in store.conn.execute("SELECT id, title, outlet, published FROM articles")
        }
    if as_json:
        emit_json([{**asdict(n), "reasons": n.reasons()} for n in found])
        return
    if not found:
        click.echo(f"no article is close to {article_id}")
    for n in found:
        row = heads[n.article_id]
        published = (row["published"] or "")[:10] or "date unknown"
        title = " ".join((n.headline or row["title"] or n.article_id).split())
        click.echo(f"{n.score:.2f}  {published}  {row['outlet'] or 'outlet unknown'}: {title}")
        click.echo(f"      {'; '.join(n.reasons())}  [{n.article_id}]")


@main.command(name="timeline")
@click.option("--speaker", help="Only this speaker (canonical name or any alias).")
@click.option(
    "--about", help="Only statements whose words match this search (as the search command)."
)
@click.option(
    "--from",
    "start",
    metavar="DATE",
    callback=iso_date,
    help="Said on or after DATE (YYYY[-MM[-DD]]).",
)
@click.option(
    "--to",
    "end",
    metavar="DATE",
    callback=iso_date,
    help="Said on or before DATE (YYYY[-MM[-DD]]).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(timeline.FORMATS),
    default="text",
    show_default=True,
    help="How to print it.",
)
@click.pass_obj
def timeline_command(
    obj: Context, speaker: str | None, about: str | None, start: str | None, end: str | None,
    fmt: str,
) -> None:  # fmt: skip
    """Statements in the order they were said, with who carried them.

    Each statement shows its speaker, date (and how precise it is), event and
    place, and every outlet that carried it with its publication date;
    re-reports are marked. Undated statements are listed apart, never guessed.

    \b
    Example:
      storytrail timeline --speaker "Tomas Brenner" --from 2023 --format markdown
    """
    if start and end and start > end[: len(start)]:
        raise click.BadParameter(f"{start} is after --to {end}", param_hint="--from")
    with obj.store() as store:
        try:
            entries = timeline_entries(store.conn, speaker, about, start, end)
        except SearchSyntaxError as exc:
            fail(f"bad --about query {about!r}: {exc}")
    click.echo(timeline.render(entries, fmt))


@main.command()
@json_option
@click.pass_obj
def demo(obj: Context, as_json: bool) -> None:
    """Ingest and build the bundled fictional demo corpus, then say what was found."""
    with obj.store(create=True) as store:
        with obj.progress("Ingesting demo") as step:
            report = api.ingest(store, [api.demo_corpus()], progress=step)
        todo = store.count_to_build(PIPELINE_VERSION)
        try:
            with obj.progress("Building", todo) as step:
                api.build(store, progress=step)
        except ModelMissingError as exc:
            fail(str(exc))
        api.link(store)
        counts = stats(store.conn)
    if as_json:
        emit_json({"ingest": report.as_dict(), "stats": counts})
        return
    for rejection in report.rejections:
        click.echo(f"refused {rejection}", err=True)
    click.echo(describe_store(counts, obj.db))
    if not report.ok:
        sys.exit(EXIT_REFUSED)


def describe_store(counts: dict[str, Any], db: Path) -> str:
    """A few lines telling a person what the store now holds."""
    lines = [
        f"{counted(counts['articles'], 'articles')} from {counted(counts['outlets'], 'outlets')}, "
        f"{counts['first_year']}–{counts['last_year']}, stored in {db}",
        f"cleaning removed {counted(counts['removed_spans'], 'boilerplate pieces')}, kept "
        f"{counted(counts['embeds'], 'social-media embeds')} as dated evidence, "
        f"repaired {counted(counts['mojibake_repairs'], 'mojibake lines')}",
        f"{counted(counts['mentions'], 'named-entity mentions')} annotated",
    ]
    found = [
        counted(counts[key], key)
        for key in ("quotes", "statements", "entities", "events", "stories", "citations")
        if counts[key]
    ]
    if found:
        lines.append("found " + ", ".join(found))
    if counts["copies"] or counts["rereports"]:
        lines.append(
            f"flagged {counted(counts['copies'], 'near-copies')} of other articles "
            f"and {counted(counts['rereports'], 're-reports')} of old statements as news"
        )
    lines.append(f"next: storytrail --db {db} timeline --speaker 'Tomas Brenner'")
    lines.append(f"      storytrail --db {db} export --format json -o storytrail.json")
    return "\n".join(lines)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but loopback lets other machines read the store.",
)
@click.option(
    "--port",
    default=8765,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on; 0 picks a free one (the URL is printed).",
)
@click.option(
    "--open-browser/--no-open-browser",
    default=False,
    show_default=True,
    help="Open the stories page in the default web browser.",
)
@click.pass_obj
def serve(obj: Context, host: str, port: int, open_browser: bool) -> None:
    """Browse the store in a web browser: stories and their timelines, statements
    side by side, speakers, articles, search, refused inputs.

    The store is opened read-only; every page has a JSON twin under /api
    (docs/web.md). Ctrl-C stops.

    \b
    Example:
      storytrail --db news.db serve --port 8765 --open-browser
    """
    import socket
    import threading
    import webbrowser

    import uvicorn

    from storytrail.web.app import allowed_hosts_for, create_app

    try:
        app = create_app(obj.db, allowed_hosts=allowed_hosts_for(host))
    except StoreError as exc:
        fail(str(exc))
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP spelt out: asyncio sets TCP_NODELAY only on sockets that say TCP, and
    # without it keep-alive responses wait 40 ms on delayed ACKs.
    listener = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{listener.getsockname()[1]}/"
    click.echo(url)
    if not obj.quiet:
        click.echo(f"storytrail: serving {obj.db} read-only; Ctrl-C stops", err=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, server_header=False)
    # uvicorn stops cleanly on SIGINT/SIGTERM, then raises the signal again: end quietly.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        if not obj.quiet:
            click.echo("storytrail: server stopped", err=True)
