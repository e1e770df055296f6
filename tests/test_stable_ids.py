"""The ids docs/export.md calls stable, pinned to literals.

A store, an export or a link someone saved keeps working only if the same input
gives the same id in every later version. Comparing a function with itself cannot
notice a change of hash, separator, prefix or normalisation; these literals can. If
one of them has to change, that is a breaking change of the export format.
"""

from __future__ import annotations

import hashlib

from golden_files import golden_file_key

from storytrail.ingest.identity import article_id, text_fingerprint
from storytrail.model import stable_id
from storytrail.quotes.names import entity_id

URL_ID = "art_7c49401249b8a5bf"


def test_the_id_is_the_prefix_and_16_hex_digits_of_sha256_over_the_parts():
    parts = "url\x1fhttps://basinpost.example/2022/11/23/teshavel"
    assert "art_" + hashlib.sha256(parts.encode()).hexdigest()[:16] == URL_ID
    assert stable_id("art", "url", "https://basinpost.example/2022/11/23/teshavel") == URL_ID


def test_an_article_id_comes_from_the_normalised_url():
    for url in (
        "https://basinpost.example/2022/11/23/teshavel",
        "https://Basinpost.example/2022/11/23/teshavel/?utm_source=wire&utm_medium=x#top",
    ):
        assert article_id(url, "any fingerprint") == URL_ID, url


def test_an_article_without_url_is_named_by_its_folded_text():
    for text in ("The gates  were opened, “at dawn”.", "the gates were opened at dawn"):
        assert article_id(None, text_fingerprint(text)) == "art_a4e00a022d50be1a", text


def test_entity_quote_statement_event_story_and_embed_ids():
    assert entity_id("Anneliese Dorn") == entity_id("  ANNELIESE   dorn ") == "ent_ee8e7589fe1ce28f"
    assert stable_id("quo", URL_ID, "120", "164") == "quo_5d27dc1363f1765a"
    assert stable_id("sta", "quo_0123456789abcdef") == "sta_fe2477c4cfbc7610"
    assert stable_id("evt", "art_2637e639861cd8e7") == "evt_201651ed296c1c76"
    assert stable_id("sto", "evt_201651ed296c1c76") == "sto_2355cacab3c88cba"
    assert stable_id("emb", URL_ID, "0") == "emb_896feacf01935842"


def test_the_demo_corpus_keeps_its_ids(linked_demo_store, demo_folder):
    conn = linked_demo_store.conn
    articles = {
        golden_file_key(r["source"], demo_folder): r["id"]
        for r in conn.execute("SELECT id, source FROM articles")
    }
    assert articles["articles/01-lorvik-talks-open.txt"] == "art_2637e639861cd8e7"
    assert articles["articles/02-lorvik-courier-brenner.txt"] == "art_112b3c7e7264b453"
    assert articles["articles/03-lorvik-mirror-dorn.txt"] == "art_67170a1f9d955c52"
    entities = dict(conn.execute("SELECT name, id FROM entities").fetchall())
    assert entities["Anneliese Dorn"] == "ent_ee8e7589fe1ce28f"
    assert entities["Northwind Agency"] == "ent_f87f2b5f8de74055"
    (lorvik,) = conn.execute(
        "SELECT event_id FROM event_articles WHERE article_id = 'art_2637e639861cd8e7'"
    ).fetchone()
    assert lorvik == "evt_201651ed296c1c76"
