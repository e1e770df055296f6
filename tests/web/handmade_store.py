"""A small hand-made corpus written straight into a store, so every page of the web app
is tested whatever the pipeline currently produces.

Two friendly articles render one statement two ways (a word-level difference
to see); a hostile article puts markup, event handlers and ``javascript:``
URLs in every field a page shows: titles, outlets, quotes, speakers and their
aliases, removed spans, time expressions, embeds' authors and handles,
citation sources, cues and intermediaries, re-report and refusal reasons. Ids
start with ``fx_`` so they never meet the demo corpus's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from storytrail import Store

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"

BOILERPLATE = "Source link\n"
ONE_TEXT = (
    "LORVIK, Jan 10 (FXW) - Talks on the river opened on Friday.\n\n"
    "\u201cThe river will be shared fairly between both nations,\u201d said Fixture Brenner "
    "on Friday."
)
TWO_TEXT = (
    "Fixture Courier, citing Fixture Wire, reported the minister's words.\n\n"
    "\u201cThe river will be shared equally between our two nations,\u201d Brenner said."
)
EVIL_TEXT = (
    f"Evil said \u201c{SCRIPT}\u201d and then \u201c{IMG}\u201d before "
    f'<a href="{JS_URL}">click</a>. Visit {JS_URL} now.'
)
ONE_QUOTE = "The river will be shared fairly between both nations,"
TWO_QUOTE = "The river will be shared equally between our two nations,"


@dataclass(frozen=True)
class Handmade:
    """The ids of the hand-made rows, for tests to visit."""

    story: str = "sto_fx_river"
    statement: str = "sta_fx_river"
    evil_statement: str = "sta_fx_evil"
    speaker: str = "ent_fx_brenner"
    evil_speaker: str = "ent_fx_evil"
    outlet: str = "ent_fx_wire"
    article_one: str = "art_fx_one"
    article_two: str = "art_fx_two"
    evil_article: str = "art_fx_evil"
    quote_one: str = "quo_fx_one"
    quote_two: str = "quo_fx_two"
    evil_quote: str = "quo_fx_evil_script"
    evil_quote_img: str = "quo_fx_evil_img"
    # edge cases: a statement with no rendering left and no speaker, an article never built
    bare_statement: str = "sta_fx_bare"
    unbuilt_article: str = "art_fx_unbuilt"
    # the removed "Source link" line shifts every offset of article one by this much
    one_shift: int = len(BOILERPLATE)

    @property
    def pages(self) -> list[str]:
        """Every page showing hand-made rows (each also has its /api twin)."""
        return [
            "/stories",
            f"/stories/{self.story}",
            f"/stories/{self.story}?speaker={self.evil_speaker}",
            f"/statements/{self.statement}",
            f"/statements/{self.evil_statement}",
            "/entities",
            f"/entities/{self.speaker}",
            f"/entities/{self.evil_speaker}",
            f"/entities/{self.outlet}",
            f"/articles/{self.article_one}",
            f"/articles/{self.article_one}/original",
            f"/articles/{self.evil_article}",
            f"/articles/{self.evil_article}/original",
            f"/statements/{self.bare_statement}",
            f"/articles/{self.unbuilt_article}",
            f"/articles/{self.unbuilt_article}/original",
            "/search?q=river",
            "/search?q=alert",
            "/search?q=script&in=quotes",
            "/ingest",
        ]


HANDMADE = Handmade()


def _article(conn, id, *, title, outlet, url, published, original, text, runs, source=None):
    conn.execute(
        "INSERT INTO articles (id, source, url, outlet, title, published, published_source,"
        " author, language, original, text_hash, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, 'manifest', ?, 'en', ?, ?, '2030-03-01T00:00:00+00:00')",
        (
            id,
            source or f"handmade/{id}.txt",
            url,
            outlet,
            title,
            published,
            IMG if id == HANDMADE.evil_article else None,
            original,
            f"hash-{id}",
        ),
    )
    conn.execute(
        "INSERT INTO builds (article_id, text, offset_runs, offset_ends, orig_length,"
        " pipeline_version, built_at, place) VALUES (?, ?, ?, '[]', ?, 'handmade',"
        " '2030-03-01T00:00:00+00:00', ?)",
        (id, text, json.dumps(runs), len(original), SCRIPT if "evil" in id else "Lorvik"),
    )
    rowid = conn.execute("SELECT rowid FROM articles WHERE id = ?", (id,)).fetchone()[0]
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)", (rowid, title, text)
    )


def _quote(conn, id, article_id, text, article_text, *, speaker, speaker_id, statement, date):
    start = article_text.index(text)
    cursor = conn.execute(
        'INSERT INTO quotes (id, article_id, kind, text, start, "end", speaker, speaker_id,'
        " speaker_mention, cue, date, date_granularity, date_source, statement_id)"
        " VALUES (?, ?, 'direct', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            id,
            article_id,
            text,
            start,
            start + len(text),
            speaker,
            speaker_id,
            IMG if "evil" in id else "Brenner",
            SCRIPT if "evil" in id else "say",
            date,
            "day" if date else None,
            f"attribution: 'on Friday' {SCRIPT}" if date else "none: 'said' has no time of its own",
            statement,
        ),
    )
    conn.execute(
        "INSERT INTO quotes_fts (rowid, text, speaker) VALUES (?, ?, ?)",
        (cursor.lastrowid, text, speaker or ""),
    )


def add_handmade(store: Store) -> Handmade:
    """Write the hand-made corpus into ``store`` (one transaction) and return its ids."""
    h = HANDMADE
    evil_name = f"{SCRIPT} Evil"
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO entities (id, name, kind) VALUES (?, ?, ?)",
            [
                (h.speaker, "Fixture Brenner", "person"),
                (h.evil_speaker, evil_name, "person"),
                (h.outlet, "Fixture Wire", "outlet"),
            ],
        )
        conn.executemany(
            "INSERT INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
            [(h.speaker, "Brenner"), (h.speaker, "the minister"), (h.evil_speaker, IMG)],
        )
        _article(
            conn,
            h.article_one,
            title="Fixture talks open on the river",
            outlet="Fixture Wire",
            url="https://fixture.example/one",
            published="2030-01-10",
            original=BOILERPLATE + ONE_TEXT,
            text=ONE_TEXT,
            runs=[[0, len(BOILERPLATE), len(ONE_TEXT)]],
        )
        _article(
            conn,
            h.article_two,
            title="Brenner promises an equal share",
            outlet="Fixture Courier",
            url="https://courier.example/two",
            published="2030-01-12",
            original=TWO_TEXT,
            text=TWO_TEXT,
            runs=[[0, 0, len(TWO_TEXT)]],
        )
        _article(
            conn,
            h.evil_article,
            title=SCRIPT,
            outlet=f"<b>{IMG}</b>",
            url=JS_URL,
            published="2030-02-01",
            original=EVIL_TEXT,
            text=EVIL_TEXT,
            runs=[[0, 0, len(EVIL_TEXT)]],
            source=JS_URL,
        )
        conn.execute(
            "INSERT INTO articles (id, source, original, text_hash, ingested_at)"
            " VALUES (?, 'handmade/unbuilt.txt', ?, 'hash-unbuilt', '2030-03-01T00:00:00+00:00')",
            (h.unbuilt_article, f"Not built yet {SCRIPT}"),
        )
        conn.execute(
            "INSERT INTO statements (id, speaker, speaker_id, text) VALUES (?, NULL, NULL, ?)",
            (h.bare_statement, f"words with no rendering {IMG}"),
        )
        conn.execute(
            'INSERT INTO removed_spans (article_id, start, "end", kind, text)'
            " VALUES (?, 0, ?, 'boilerplate', ?)",
            (h.article_one, len(BOILERPLATE) - 1, BOILERPLATE.strip()),
        )
        conn.execute(
            'INSERT INTO embeds (id, article_id, author, handle, date, text, start, "end")'
            " VALUES ('emb_fx_evil', ?, ?, ?, '2030-01-31', ?, 0, 4)",
            (h.evil_article, SCRIPT, IMG, IMG),
        )
        # Every other stored field a page shows, hostile too: what cleaning removed and
        # the time expressions (text, anchor, rule, note) of the hostile article.
        visit = EVIL_TEXT.index("Visit")
        conn.execute(
            'INSERT INTO removed_spans (article_id, start, "end", kind, text)'
            " VALUES (?, ?, ?, 'boilerplate', ?)",
            (h.evil_article, visit, visit + len("Visit"), f"{SCRIPT} {IMG}"),
        )
        now = EVIL_TEXT.index("now")
        conn.execute(
            'INSERT INTO time_expressions (article_id, start, "end", text, value, granularity,'
            " anchor, direction, rule, tense, note)"
            " VALUES (?, ?, ?, ?, '2030-02-01', 'day', ?, 'past', ?, 'past', ?)",
            (h.evil_article, now, now + len("now"), f"{SCRIPT} now", IMG, IMG, SCRIPT),
        )
        conn.executemany(
            "INSERT INTO statements (id, speaker, speaker_id, text, first_reported, date,"
            " date_granularity) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    h.statement,
                    "Fixture Brenner",
                    h.speaker,
                    ONE_QUOTE,
                    "2030-01-10",
                    "2030-01-10",
                    "day",
                ),
                (
                    h.evil_statement,
                    evil_name,
                    h.evil_speaker,
                    SCRIPT,
                    "2030-02-01",
                    "2030-02",
                    "month",
                ),
            ],
        )
        _quote(
            conn,
            h.quote_one,
            h.article_one,
            ONE_QUOTE,
            ONE_TEXT,
            speaker="Fixture Brenner",
            speaker_id=h.speaker,
            statement=h.statement,
            date="2030-01-10",
        )
        _quote(
            conn,
            h.quote_two,
            h.article_two,
            TWO_QUOTE,
            TWO_TEXT,
            speaker="Fixture Brenner",
            speaker_id=h.speaker,
            statement=h.statement,
            date=None,
        )
        _quote(
            conn,
            h.evil_quote,
            h.evil_article,
            SCRIPT,
            EVIL_TEXT,
            speaker=evil_name,
            speaker_id=h.evil_speaker,
            statement=h.evil_statement,
            date="2030-02-01",
        )
        _quote(
            conn,
            h.evil_quote_img,
            h.evil_article,
            IMG,
            EVIL_TEXT,
            speaker=evil_name,
            speaker_id=h.evil_speaker,
            statement=h.evil_statement,
            date=None,
        )
        conn.executemany(
            "INSERT INTO events (id, title, date, place) VALUES (?, ?, ?, ?)",
            [
                ("evt_fx_talks", "Fixture river talks open", "2030-01-10", "Lorvik"),
                ("evt_fx_evil", f"{SCRIPT} rally {IMG}", "2030-02-01", SCRIPT),
            ],
        )
        conn.executemany(
            "INSERT INTO event_articles (event_id, article_id) VALUES (?, ?)",
            [
                ("evt_fx_talks", h.article_one),
                ("evt_fx_talks", h.article_two),
                ("evt_fx_evil", h.evil_article),
            ],
        )
        conn.executemany(
            "INSERT INTO event_participants (event_id, name) VALUES (?, ?)",
            [("evt_fx_talks", "Fixture Brenner"), ("evt_fx_evil", evil_name)],
        )
        conn.execute("INSERT INTO stories (id, title) VALUES (?, ?)", (h.story, f"River {SCRIPT}"))
        conn.executemany(
            "INSERT INTO story_events (story_id, event_id) VALUES (?, ?)",
            [(h.story, "evt_fx_talks"), (h.story, "evt_fx_evil")],
        )
        conn.executemany(
            'INSERT INTO citations (article_id, cites, cue, start, "end", via)'
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (h.article_one, "Fixture Wire", "dateline", 15, 18, None),
                (h.article_two, "Fixture Wire", "reported", 0, 60, None),
                (h.article_two, "Fixture Agency", "citing", 0, 60, "Fixture Wire"),
                (h.evil_article, SCRIPT, IMG, 0, 4, SCRIPT),
            ],
        )
        conn.execute(
            "INSERT INTO rereports (article_id, original_date, reason) VALUES (?, '2030-01-10', ?)",
            (h.evil_article, f"repeats old words {IMG}"),
        )
        conn.execute(
            "INSERT INTO rereport_statements (article_id, statement_id) VALUES (?, ?)",
            (h.evil_article, h.statement),
        )
        conn.execute(
            "INSERT INTO rejections (source, line, reason, first_seen, last_seen, times)"
            " VALUES (?, 3, ?, '2030-03-01T00:00:00+00:00', '2030-03-02T00:00:00+00:00', 2)",
            (f"{SCRIPT}.txt", f"binary: {IMG}"),
        )
    return h
