"""Ingest and cleaning on the demo corpus, checked against the hand-written golden files."""

from __future__ import annotations

import pytest
from golden_files import golden

from storytrail import clean_text


def test_every_demo_article_is_read_with_its_golden_metadata(demo_articles):
    expected = {entry["file"]: entry for entry in golden("articles")}
    assert set(demo_articles) == set(expected)
    for name, entry in expected.items():
        article = demo_articles[name]
        got = (article.url, article.outlet, article.title, article.language)
        assert got == (entry["url"], entry["outlet"], entry["title"], entry["language"]), name
        assert (article.published or "")[:10] == entry["published_day"], name
        assert article.published_source == entry["published_source"], name


def test_demo_corpus_spans_outlets_and_years(demo_articles):
    assert len(demo_articles) >= 15
    assert len({a.outlet for a in demo_articles.values()}) >= 5
    assert len({(a.published or "")[:4] for a in demo_articles.values()}) >= 3


CLEAN = golden("clean")


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_cleaning_matches_golden(entry, demo_articles):
    article = demo_articles[entry["file"]]
    clean = clean_text(article.original)
    for line in entry["removed"]:
        assert line not in clean.text, line
        assert any(r.text == line for r in clean.removed), line
    for sentence in entry["must_keep"]:
        assert sentence in clean.text, sentence
    for repair in entry["mojibake"]:
        assert repair["fixed"] in clean.text
        assert repair["broken"] not in clean.text
    assert len(clean.embeds) == len(entry["embeds"])
    for embed, want in zip(clean.embeds, entry["embeds"], strict=True):
        assert (embed.author, embed.handle, embed.date) == (
            want["author"],
            want["handle"],
            want["date"],
        )
        assert want["text_contains"] in embed.text


@pytest.mark.parametrize("entry", CLEAN, ids=[e["file"] for e in CLEAN])
def test_kept_sentences_map_back_to_the_original(entry, demo_articles):
    article = demo_articles[entry["file"]]
    clean = clean_text(article.original)
    offsets = clean.offsets()
    for sentence in entry["must_keep"]:
        start = clean.text.index(sentence)
        a, b = offsets.span(start, start + len(sentence))
        original = article.original[a:b]
        if not entry["mojibake"]:
            assert original == sentence
        else:
            assert clean_text(original).text == sentence
