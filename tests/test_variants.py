"""Word-level differences between renderings: the export's ``variants`` and the CLI's line."""

from __future__ import annotations

import pytest

from storytrail.store.reads import variant_rows
from storytrail.timeline import render
from storytrail.variants import as_marked, inline, word_diff

PAIRS = [
    ("It remains, of course, challenging", "It remains, of course, difficult"),
    ("tens, even hundreds of thousands of people", "tens, even hundreds of thousands"),
    ("We will not pay", "We will pay, he said"),
    ("The situation remains complicated,", "the situation was “complicated”"),
]


@pytest.mark.parametrize(("reference", "variant"), PAIRS)
def test_equal_and_inserted_runs_give_the_rendering_back(reference, variant):
    marked = as_marked(word_diff(reference, variant))
    kept = "".join(run[2:] for run in marked if run[0] in "=+")
    assert kept.split() == variant.split()
    dropped = " ".join(run[2:] for run in marked if run[0] in "=-")
    assert "".join(dropped.split()) == "".join(reference.split()).replace('"', "")


def test_a_translation_variant_is_one_word_swapped():
    segments = word_diff(*PAIRS[0])
    assert as_marked(segments) == ["= It remains, of course, ", "- challenging", "+ difficult"]
    assert inline(segments) == "It remains, of course, [-challenging-] {+difficult+}"


def test_a_fragment_shows_what_was_cut_and_a_negation_is_not_hidden():
    assert inline(word_diff(*PAIRS[1])) == "tens, even hundreds of thousands [-of people-]"
    assert "[-not-]" in inline(word_diff(*PAIRS[2]))


def test_same_words_are_no_difference():
    assert as_marked(word_diff("He said “no”.", 'He said "no".')) == ['= He said "no".']


@pytest.fixture(scope="module")
def variants(linked_demo_store):
    return list(variant_rows(linked_demo_store.conn))


def test_the_export_shows_how_each_outlet_worded_the_lorvik_remark(variants):
    courier = [v for v in variants if v["text"].startswith("The situation is still")]
    assert len(courier) == 1
    (row,) = courier
    assert row["changed_words"] > 0 and row["outlet"] == "The Valdoria Courier"
    assert "+ is still" in [run.rstrip() for run in row["diff"]]
    siblings = [v for v in variants if v["statement_id"] == row["statement_id"]]
    # The statement's own wording is one of its renderings, unchanged.
    assert any(not v["changed_words"] for v in siblings)


def test_every_quote_in_a_statement_is_one_variant_row(variants, linked_demo_store):
    (in_statements,) = linked_demo_store.conn.execute(
        "SELECT COUNT(*) FROM quotes WHERE statement_id IS NOT NULL"
    ).fetchone()
    assert len(variants) == in_statements


def test_the_timeline_prints_other_wordings_inline(linked_demo_store):
    from storytrail.store.timeline import timeline_entries

    text = render(timeline_entries(linked_demo_store.conn, speaker="Tomas Brenner"), "text")
    assert "[-remains-] {+is still+}" in text
    html = render(timeline_entries(linked_demo_store.conn, speaker="Tomas Brenner"), "html")
    assert "<del>remains</del>" in html and "<ins>is still</ins>" in html
