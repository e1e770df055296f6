"""The corpus-wide entity table: one entity per person, organisation and outlet, with aliases.

Extraction names a speaker as its own article does ("Brenner", "Tomas Brener",
"NWA"); ``merge_entities`` makes the names agree across articles:

* the same name (case, spacing and "the" aside) is one entity;
* a bare surname joins the one full name in the corpus with that surname
  (two "… Brenner"s in the corpus: it joins neither);
* a misspelt surname joins a full name only with supporting context: a
  ratio of at least ``Settings.entity_misspelling_min_ratio`` *and* the same
  first name or a shared title or nation ("Tomas Brennar" -> Tomas Brenner;
  a bare "Brennar" stays apart);
* an acronym joins the one outlet or organisation it abbreviates ("NWA" ->
  Northwind Agency), and an outlet's entity is of kind ``outlet``;
* "the Commission" joins the one organisation named "… Commission";
* a user alias file (``load_aliases``) adds names to an entity, creates one,
  or keeps names apart that the rules above would join.

The canonical name of a merged entity is the user's, else the outlet's, else
the most complete form (most words) used in the most articles.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from storytrail.model import Entity, EntityKind, Quote
from storytrail.quotes.extract import ArticleQuotes
from storytrail.quotes.names import (
    entity_id,
    first_name,
    is_acronym_of,
    normalise_name,
    same_nation,
    strip_article,
    surname,
)
from storytrail.settings import DEFAULTS, MEDIA_HEADS, ORG_HEADS, QUOTE_DOCUMENT_NOUNS, Settings

_PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "who", "him", "her", "them"})
_KINDS = ("person", "organisation", "place", "outlet")


class AliasFileError(ValueError):
    """A user alias file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One entity as the user defines it: its canonical name and every other name."""

    name: str
    kind: EntityKind | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AliasFile:
    """A user alias file: entities to add or extend, and names to keep apart.

    ``distinct`` holds groups of names that must end in different entities
    (two real people the spelling rule would otherwise join).
    """

    entities: tuple[AliasEntry, ...] = ()
    distinct: tuple[tuple[str, ...], ...] = ()
    source: str | None = None


def load_aliases(path: str | Path) -> AliasFile:
    """Read a YAML alias file (see docs/design.md, "Quotes and speakers")::

    entities:
      - name: Tomas Brenner
        kind: person
        aliases: [President Brenner, T. Brenner]
    distinct:
      - [John Smith, Jon Smith]
    """
    where = str(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise AliasFileError(f"{where}: cannot read aliases: {exc}") from exc
    if not isinstance(data, dict):
        raise AliasFileError(f"{where}: expected a mapping with 'entities' and 'distinct'")
    unknown = set(data) - {"entities", "distinct"}
    if unknown:
        raise AliasFileError(f"{where}: unknown key(s) {sorted(unknown)}")
    entries = tuple(_entry(where, i, item) for i, item in enumerate(data.get("entities") or []))
    distinct = []
    for i, group in enumerate(data.get("distinct") or []):
        if (
            not isinstance(group, list)
            or len(group) < 2
            or not all(isinstance(n, str) for n in group)
        ):
            raise AliasFileError(f"{where}: distinct[{i}] must be a list of two or more names")
        distinct.append(tuple(group))
    return AliasFile(entries, tuple(distinct), where)


def _entry(where: str, index: int, item: object) -> AliasEntry:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise AliasFileError(f"{where}: entities[{index}] needs a 'name'")
    kind = item.get("kind")
    if kind is not None and kind not in _KINDS:
        raise AliasFileError(f"{where}: entities[{index}]: kind must be one of {list(_KINDS)}")
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise AliasFileError(f"{where}: entities[{index}]: aliases must be a list of names")
    return AliasEntry(item["name"], kind, tuple(aliases))


@dataclass(slots=True)
class _Name:
    """Everything the corpus says about one speaker name."""

    name: str
    kinds: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)
    uses: int = 0
    aliases: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    nations: set[str] = field(default_factory=set)


def merge_entities(
    per_article: Iterable[ArticleQuotes | list[Quote]],
    aliases: AliasFile | None = None,
    settings: Settings = DEFAULTS,
) -> tuple[list[Entity], dict[str, str]]:
    """The corpus's entities, and a map from each article-level speaker id to its entity id.

    Pass ``ArticleQuotes`` (from ``extract_article``) for the best merge: they
    carry titles, nations and outlets; plain quote lists work from names alone.
    Apply the map with ``remap_quotes``.
    """
    names, outlets = _collect(per_article)
    user = aliases or AliasFile()
    for entry in user.entities:
        for n in (entry.name, *entry.aliases):
            record = names.setdefault(normalise_name(n), _Name(n))
            record.kinds[entry.kind or "person"] += 0
    for outlet in outlets:
        names.setdefault(normalise_name(outlet), _Name(outlet)).kinds["outlet"] += 1
    groups = _Groups(names, user)
    for entry in user.entities:
        for n in entry.aliases:
            groups.join(entry.name, n)
    _join_by_rules(names, outlets, groups, settings)
    return _entities(names, outlets, groups, user)


def _collect(
    per_article: Iterable[ArticleQuotes | list[Quote]],
) -> tuple[dict[str, _Name], set[str]]:
    names: dict[str, _Name] = {}
    outlets: set[str] = set()
    for index, item in enumerate(per_article):
        if isinstance(item, ArticleQuotes):
            article = item.article_id
            if item.outlet:
                outlets.add(item.outlet)
            for referent in item.speakers:
                record = names.setdefault(normalise_name(referent.name), _Name(referent.name))
                record.kinds[referent.kind] += 1
                record.articles.add(article)
                record.uses += sum(referent.names.values()) + len(referent.mentions)
                record.titles |= set(referent.titles)
                record.nations |= referent.nations
                _add_aliases(record, [*referent.names, *referent.aliases])
            quotes = item.quotes
        else:
            quotes, article = item, str(index)
        for quote in quotes:
            if not quote.speaker:
                continue
            record = names.setdefault(normalise_name(quote.speaker), _Name(quote.speaker))
            if not record.kinds:
                record.kinds[_guess_kind(quote.speaker)] += 1
            record.articles.add(quote.article_id or article)
            if quote.speaker_mention:
                _add_aliases(record, [quote.speaker_mention])
    return names, outlets


def _add_aliases(record: _Name, forms: list[str]) -> None:
    """Names and descriptions, not pronouns nor documents ("the report" speaks for the
    Commission but is not one of its names)."""
    for form in forms:
        words = normalise_name(form).split()
        if not words or form in record.aliases or normalise_name(form) in _PRONOUNS:
            continue
        if words[0] in ("the", "a", "an", "its") and words[-1] in QUOTE_DOCUMENT_NOUNS:
            continue
        record.aliases.append(form)


def _guess_kind(name: str) -> str:
    words = name.split()
    if name.isupper() or (words and words[-1].lower() in ORG_HEADS | MEDIA_HEADS):
        return "organisation"
    return "person"


class _Groups:
    """Union-find over names, refusing any join that the user's ``distinct`` forbids.

    Each root keeps its members only when the user has ``distinct`` groups to
    check them against; otherwise a join costs near-constant time, which keeps
    merging a corpus's speakers near-linear in the names.
    """

    def __init__(self, names: dict[str, _Name], user: AliasFile):
        self.parent = {k: k for k in names}
        self.apart = [{normalise_name(n) for n in group} for group in user.distinct]
        self._members = {k: {k} for k in names} if self.apart else {}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str) -> bool:
        ka, kb = normalise_name(a), normalise_name(b)
        if ka not in self.parent or kb not in self.parent:
            return False
        ra, rb = self.find(ka), self.find(kb)
        if ra == rb:
            return True
        if self.apart:
            together = self._members[ra] | self._members[rb]
            if any(len(together & group) > 1 for group in self.apart):
                return False
            self._members[ra] = together
            del self._members[rb]
        self.parent[rb] = ra
        return True


def _join_by_rules(
    names: dict[str, _Name], outlets: set[str], groups: _Groups, settings: Settings
) -> None:
    """Join the names the rules say are one entity.

    Every rule compares only names that share a key it needs anyway (the bare
    name, the surname, the first name, the first letter, the last word), so
    the cost grows with the names, not with their pairs.
    """
    keys = sorted(names)
    bare = {k: normalise_name(strip_article(names[k].name)) for k in keys}
    for same in _blocks(keys, lambda k: bare[k]):  # "The Seln Basin Commission" / "Seln …"
        for other in same[1:]:
            groups.join(same[0], other)
    people = [k for k in keys if names[k].kinds.most_common(1)[0][0] == "person"]
    full = [k for k in people if len(k.split()) >= 2]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for f in full:
        by_surname[surname(f)].append(f)
    for k in people:
        if len(k.split()) == 1:
            matches = {groups.find(f) for f in by_surname.get(k, ())}
            if len(matches) == 1:
                groups.join(next(iter(matches)), k)
    # Two full names of one person must share the first name (see _same_person).
    for same_first in _blocks(full, lambda k: first_name(k) or ""):
        for a, b in _similar_surnames(same_first, settings.entity_misspelling_min_ratio):
            if _same_person(names[a], names[b], settings):
                groups.join(a, b)
    orgs = [k for k in keys if k not in people]
    candidates = sorted({normalise_name(o) for o in outlets} | set(orgs))
    by_initial: dict[str, list[str]] = defaultdict(list)
    by_last_word: dict[str, list[str]] = defaultdict(list)
    for c in candidates:
        words = [w for w in c.split() if w not in ("the", "of", "and")]
        if words:
            by_initial[words[0][0]].append(c)
        if bare[c]:
            by_last_word[bare[c].split()[-1]].append(c)
    for k in orgs:
        name = names[k].name
        if name.isupper():
            hits = [
                c for c in by_initial.get(name[0].lower(), ()) if is_acronym_of(name, names[c].name)
            ]
            if len(hits) == 1:
                groups.join(hits[0], k)
        elif len(bare[k].split()) == 1:
            hits = [
                c
                for c in by_last_word.get(bare[k], ())
                if c != k and bare[c].endswith(" " + bare[k])
            ]
            if len({groups.find(h) for h in hits}) == 1:
                groups.join(hits[0], k)


def _similar_surnames(keys: list[str], min_ratio: float) -> list[tuple[str, str]]:
    """The pairs of ``keys`` whose surnames are at least ``min_ratio`` alike, found with
    rapidfuzz's all-against-all in C (a block of a common first name can be large)."""
    surnames = [surname(k) for k in keys]
    scores = process.cdist(surnames, surnames, scorer=fuzz.ratio, score_cutoff=min_ratio)
    return [(keys[i], keys[j]) for i, j in zip(*scores.nonzero(), strict=True) if i < j]


def _blocks(keys: list[str], key_of: Callable[[str], str]) -> list[list[str]]:
    """``keys`` grouped by ``key_of``, in their order; groups of one are left out."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        grouped[key_of(k)].append(k)
    return [group for group in grouped.values() if len(group) > 1]


def _same_person(a: _Name, b: _Name, settings: Settings) -> bool:
    """Two full names of one person spelt two ways, with context to support it."""
    if fuzz.ratio(surname(a.name), surname(b.name)) < settings.entity_misspelling_min_ratio:
        return False
    first_a, first_b = first_name(a.name), first_name(b.name)
    if first_a and first_b and first_a != first_b:
        return False
    same_first = first_a is not None and first_a == first_b
    shared_title = bool(a.titles & b.titles)
    shared_nation = any(same_nation(x, y) for x in a.nations for y in b.nations)
    return same_first or shared_title or shared_nation


def _entities(
    names: dict[str, _Name], outlets: set[str], groups: _Groups, user: AliasFile
) -> tuple[list[Entity], dict[str, str]]:
    by_root: dict[str, list[str]] = defaultdict(list)
    for key in names:
        by_root[groups.find(key)].append(key)
    user_names = {normalise_name(e.name): e for e in user.entities}
    outlet_keys = {normalise_name(o): o for o in outlets}
    entities: list[Entity] = []
    id_map: dict[str, str] = {}
    for members in by_root.values():
        records = [names[k] for k in members]
        known = any(k in user_names or k in outlet_keys for k in members)
        if not known and not any(r.articles for r in records):
            continue
        name, kind = _canonical(members, records, user_names, outlet_keys)
        aliases: list[str] = []
        for record in records:
            for form in [record.name, *record.aliases]:
                if normalise_name(form) != normalise_name(name) and form not in aliases:
                    aliases.append(form)
        entity = Entity(entity_id(name), name, kind, sorted(aliases))  # type: ignore[arg-type]
        entities.append(entity)
        for record in records:
            id_map[entity_id(record.name)] = entity.id
    entities.sort(key=lambda e: (e.kind, e.name))
    return entities, id_map


def _canonical(members, records, user_names, outlet_keys) -> tuple[str, str]:
    for key in members:
        if key in user_names:
            entry = user_names[key]
            kind = entry.kind or _majority_kind(records)
            return entry.name, kind
    for key in members:
        if key in outlet_keys:
            return outlet_keys[key], "outlet"
    best = max(
        records,
        key=lambda r: (
            len(strip_article(r.name).split()),
            len(r.articles),
            r.uses,
            -len(r.name),
            r.name,
        ),
    )
    return strip_article(best.name) if _majority_kind(records) != "outlet" else best.name, (
        _majority_kind(records)
    )


def _majority_kind(records: list[_Name]) -> str:
    total: Counter[str] = Counter()
    for r in records:
        total.update(r.kinds)
    return total.most_common(1)[0][0] if total else "person"


def remap_quotes(
    quotes: Iterable[Quote], entities: list[Entity], id_map: dict[str, str]
) -> list[Quote]:
    """Copies of ``quotes`` whose speaker and speaker id are the merged entity's."""
    by_id = {e.id: e for e in entities}
    out = []
    for quote in quotes:
        new_id = id_map.get(quote.speaker_id or "")
        entity = by_id.get(new_id or "")
        if entity is None:
            out.append(quote)
        else:
            out.append(dataclasses.replace(quote, speaker=entity.name, speaker_id=entity.id))
    return out
