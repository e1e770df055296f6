"""The corpus-wide entity table: merging names across articles, and the user's alias file."""

import pytest

from storytrail.model import stable_id
from storytrail.quotes import (
    AliasFileError,
    extract_article,
    load_aliases,
    merge_entities,
    remap_quotes,
)

ARTICLES = {
    "a1": (
        "Norlandian President Edvin Kalmar opened the session. “We will not build the dam,” "
        "Kalmar said.",
        "Norland Wire",
    ),
    "a2": ("Norlandian President Edvin Kalmer said the dam was a mistake.", "The Sudmark Post"),
    "a3": ("Edvin Kalmer, the new coach, said the team was ready.", "The Sudmark Post"),
    "a4": ("“The dam is finished,” Kalmer said.", "The Sudmark Post"),
    "a5": ("NW said the border crossing would reopen.", "The Sudmark Post"),
}


@pytest.fixture(scope="module")
def articles(nlp):
    return [extract_article(nlp(text), aid, outlet) for aid, (text, outlet) in ARTICLES.items()]


def speakers(articles, aliases=None):
    entities, id_map = merge_entities(articles[:2] + articles[4:], aliases)
    quotes = [q for a in articles[:2] + articles[4:] for q in a.quotes]
    return entities, {q.article_id: q.speaker for q in remap_quotes(quotes, entities, id_map)}


def test_misspelt_name_with_title_resolves(articles):
    _, by_article = speakers(articles)
    assert by_article["a2"] == "Edvin Kalmar"


def test_misspelling_without_supporting_context_stays_apart(nlp):
    bare = extract_article(nlp("“The dam is finished,” Kalmer said."), "b1", None)
    full = extract_article(nlp("President Edvin Kalmar said the dam was safe."), "b2", None)
    entities, _ = merge_entities([bare, full])
    assert {e.name for e in entities if e.kind == "person"} == {"Kalmer", "Edvin Kalmar"}


def test_acronym_joins_the_outlet_it_abbreviates(articles):
    entities, by_article = speakers(articles)
    assert by_article["a5"] == "Norland Wire"
    wire = next(e for e in entities if e.name == "Norland Wire")
    assert wire.kind == "outlet" and "NW" in wire.aliases


def test_entity_ids_follow_the_canonical_name(articles):
    entities, _ = merge_entities(articles[:2])

    saar = next(e for e in entities if e.name == "Edvin Kalmar")
    assert saar.id == stable_id("ent", "edvin kalmar")
    assert "Norlandian President Edvin Kalmar" in saar.aliases


def test_alias_file_adds_names_and_keeps_people_apart(tmp_path, articles):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "entities:\n"
        "  - name: Edvin Kalmar\n"
        "    kind: person\n"
        "    aliases: [Kalmer]\n"
        "distinct:\n"
        "  - [Edvin Kalmar, Edvin Kalmer]\n",
        encoding="utf-8",
    )
    aliases = load_aliases(path)
    entities, id_map = merge_entities(articles, aliases)
    quotes = {q.article_id: q for a in articles for q in remap_quotes(a.quotes, entities, id_map)}
    assert quotes["a4"].speaker == "Edvin Kalmar"  # the bare surname, joined by the user
    assert quotes["a3"].speaker == "Edvin Kalmer"  # the coach, kept apart by the user


def test_alias_file_errors_name_the_file_and_the_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("entities:\n  - aliases: [x]\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match=r"bad\.yaml: entities\[0\] needs a 'name'"):
        load_aliases(path)
    path.write_text("people: []\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match="unknown key"):
        load_aliases(path)
