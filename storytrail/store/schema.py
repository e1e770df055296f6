"""The SQLite schema as an ordered list of migrations.

``PRAGMA user_version`` records how many have run. A migration is applied in
one transaction together with the version bump, so a crash leaves the file at
the old version or the new one, never between. Add a migration at the end; never
edit one that has shipped.

The schema is meant to be read by people too (any SQLite browser): one table
per export table, join tables for lists, FTS5 indexes beside the tables they
index (``articles_fts`` rowid = ``articles`` rowid, ``quotes_fts`` rowid =
``quotes`` rowid).
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the foundation
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        published TEXT,
        published_source TEXT,
        author TEXT,
        language TEXT,
        original TEXT NOT NULL,
        text_hash TEXT NOT NULL UNIQUE,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_outlet ON articles(outlet);

    CREATE TABLE builds (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        offset_runs TEXT NOT NULL,
        orig_length INTEGER NOT NULL,
        repairs INTEGER NOT NULL DEFAULT 0,
        sentences TEXT NOT NULL DEFAULT '[]',
        pipeline_version TEXT NOT NULL,
        built_at TEXT NOT NULL
    );

    CREATE TABLE removed_spans (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start)
    );

    CREATE TABLE embeds (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        author TEXT,
        handle TEXT,
        date TEXT,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX embeds_article ON embeds(article_id);

    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end", label)
    );

    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'place', 'outlet'))
    );
    CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        PRIMARY KEY (entity_id, alias)
    );
    CREATE INDEX entity_aliases_alias ON entity_aliases(alias);

    CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        speaker TEXT,
        speaker_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
        text TEXT NOT NULL,
        first_reported TEXT,
        date TEXT,
        date_granularity TEXT
    );

    CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'mixed', 'indirect', 'fragment', 'embed')),
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker TEXT,
        speaker_id TEXT REFERENCES entities(id) ON DELETE SET NULL,
        speaker_mention TEXT,
        cue TEXT,
        date TEXT,
        date_granularity TEXT,
        date_source TEXT,
        statement_id TEXT REFERENCES statements(id) ON DELETE SET NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_id);

    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        date TEXT,
        place TEXT
    );
    CREATE TABLE event_articles (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, article_id)
    );
    CREATE TABLE event_participants (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        PRIMARY KEY (event_id, name)
    );

    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL
    );
    CREATE TABLE story_events (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (story_id, event_id)
    );

    CREATE TABLE citations (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        cites TEXT NOT NULL,
        cue TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER
    );
    CREATE UNIQUE INDEX citations_unique ON citations(article_id, cites, cue, IFNULL(start, -1));

    CREATE TABLE rejections (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        times INTEGER NOT NULL DEFAULT 1
    );
    CREATE UNIQUE INDEX rejections_unique ON rejections(source, IFNULL(line, -1), reason);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, speaker, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 2: linking — where an article happened, copies, chains of citation, re-reports
    """
    ALTER TABLE builds ADD COLUMN place TEXT;
    ALTER TABLE builds ADD COLUMN offset_ends TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE articles ADD COLUMN duplicate_of TEXT REFERENCES articles(id) ON DELETE SET NULL;
    ALTER TABLE citations ADD COLUMN via TEXT;
    DROP INDEX citations_unique;
    CREATE UNIQUE INDEX citations_unique
        ON citations(article_id, cites, cue, IFNULL(start, -1), IFNULL(via, ''));
    CREATE TABLE rereports (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        original_date TEXT NOT NULL,
        reason TEXT NOT NULL
    );
    CREATE TABLE link_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        linked_at TEXT NOT NULL,
        builds INTEGER NOT NULL,
        last_built_at TEXT
    );
    CREATE TABLE rereport_statements (
        article_id TEXT NOT NULL REFERENCES rereports(article_id) ON DELETE CASCADE,
        statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, statement_id)
    );
    """,
    # 3: sources — what each fetched URL last said about itself, and the watch log
    """
    CREATE TABLE fetch_state (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        times_unchanged INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE watch_rounds (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        sources TEXT NOT NULL,
        added INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        built INTEGER NOT NULL,
        changes TEXT NOT NULL
    );
    """,
    # 4: quotes and time — the article's resolved publication date, its speakers,
    # its time expressions, and the evidence span of each quote's date
    """
    ALTER TABLE builds ADD COLUMN date TEXT;
    ALTER TABLE builds ADD COLUMN date_granularity TEXT;
    ALTER TABLE builds ADD COLUMN date_source TEXT;
    ALTER TABLE builds ADD COLUMN date_confidence REAL;
    ALTER TABLE builds ADD COLUMN speakers TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE quotes ADD COLUMN date_evidence_start INTEGER;
    ALTER TABLE quotes ADD COLUMN date_evidence_end INTEGER;
    -- What the article itself says about the quote's date, kept apart from what
    -- linking adds, so linking can be redone from the build's answer.
    ALTER TABLE quotes ADD COLUMN own_date TEXT;
    ALTER TABLE quotes ADD COLUMN own_date_granularity TEXT;
    ALTER TABLE quotes ADD COLUMN own_date_source TEXT;
    CREATE TABLE time_expressions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT,
        end_value TEXT,
        granularity TEXT,
        anchor TEXT,
        direction TEXT,
        rule TEXT,
        tense TEXT,
        note TEXT,
        PRIMARY KEY (article_id, start, "end")
    );
    """,
    # 5: linking at scale — every relink deletes all statements and the provisional
    # entities; without these indexes each deleted row's ON DELETE SET NULL scans the
    # whole child table (quadratic: 450 s for 4,000 articles' second link, not 1 s)
    """
    CREATE INDEX quotes_statement ON quotes(statement_id);
    CREATE INDEX statements_speaker ON statements(speaker_id);
    CREATE INDEX event_participants_name ON event_participants(name);
    CREATE INDEX rereport_statements_statement ON rereport_statements(statement_id);
    """,
    # 6: the timeline's look-ups (bench/queries.py): `--speaker NAME` matches names
    # case-insensitively, and each statement finds its event through its articles;
    # without these each scans a whole table (7 s for one speaker at 100k articles)
    """
    CREATE INDEX statements_speaker_lower ON statements(lower(speaker));
    CREATE INDEX entity_aliases_alias_lower ON entity_aliases(lower(alias));
    CREATE INDEX event_articles_article ON event_articles(article_id);
    """,
    # 7: statements by meaning — sentence vectors of quote texts, cached so a relink
    # embeds only new texts (storytrail/store/vectors.py); keyed by the model and the
    # sha256 of the text as the model reads it, so any row may be deleted at any time
    # (it is computed again). A rowid table: WITHOUT ROWID would take 4.7 KB a row for
    # 1.5 KB vectors, a rowid table 2.2 KB. And how the last link matched statements.
    """
    CREATE TABLE quote_vectors (
        model TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        vector BLOB NOT NULL,  -- float32 little-endian, L2-normalised (384 for e5-small)
        PRIMARY KEY (model, text_sha256)
    );
    ALTER TABLE link_state ADD COLUMN statement_matching TEXT;
    """,
    # 8: time expressions of every TimeML type (issue 15): DATE, TIME, DURATION or SET beside
    # the TimeML value; rows built before it are calendar dates
    """
    ALTER TABLE time_expressions ADD COLUMN timex_type TEXT NOT NULL DEFAULT 'DATE';
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)
