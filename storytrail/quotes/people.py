"""The people and organisations an article names, with the titles and nations it gives them.

The small English model's entity labels are noisy on news (it tags "Kestrian"
as a person and "Okonjo-Lind" as an organisation), so names are gathered in
two passes: person entities that look like names (capitalised words, not a
nationality), then any other entity or proper noun whose last word is the
surname of one of them. Each person is keyed by surname within the article;
the longest form seen ("Tomas Brenner" over "Brenner") is its name.

Descriptors come from the words around a name: premodifiers ("Valdorian
President Tomas Brenner") and appositions ("Okonjo-Lind, the Seln Basin
Commission envoy"; "Kestria's foreign minister, Anneliese Dorn"). They are
split into title words (``settings.PERSON_TITLE_WORDS``) and nations
(nationality adjectives and country names, as ``names.nation_stem``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Span, Token

from storytrail.model import EntityKind
from storytrail.quotes.layout import Layout
from storytrail.quotes.names import (
    demonym,
    first_name,
    nation_stem,
    normalise_name,
    strip_possessive,
    surname,
)
from storytrail.settings import (
    DEFAULTS,
    GENDERED_WORDS,
    MEDIA_HEADS,
    ORG_HEADS,
    ORG_NAME_WORDS,
    PERSON_DESCRIPTION_NOUNS,
    PERSON_TITLE_WORDS,
    TITLE_HEADS,
    Settings,
)

# Entity labels the small model gives unfamiliar personal names ("Ines Calder" PRODUCT).
_MISLABELLED = frozenset(
    {"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LOC", "EVENT", "LAW", "LANGUAGE"}
)
_DESCRIPTOR_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "into", "across", "outside", "inside"})
_PLACE_PREFIXES = frozenset(
    {
        "new",
        "san",
        "santa",
        "st",
        "saint",
        "the",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "great",
        "los",
        "las",
        "el",
    }
)
_SKIP_IN_APPOSITION = frozenset({"relcl", "acl", "prep", "punct", "cc", "conj", "advcl"})


@dataclass(slots=True)
class Referent:
    """Someone or something an article's words refer to.

    ``names`` counts the proper-name forms seen; ``aliases`` keeps every other
    way the article referred to it ("the president", "Kestria's top diplomat").
    ``unnamed`` marks a source the article never names ("a spokesman", "officials"):
    its ``name`` is the description, and it is never a quote's canonical speaker.
    ``mentions`` are ``(token, sentence, prominence)`` outside quotations, the
    evidence salience is computed from (prominence: 2 main-clause or reporting
    subject, 1 other subject, 0 other mention; ``coreference._prominence``).
    """

    key: str
    kind: EntityKind
    names: Counter[str] = field(default_factory=Counter)
    aliases: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    nation_words: list[str] = field(default_factory=list)
    gender: str | None = None
    mentions: list[tuple[int, int, int]] = field(default_factory=list)
    name_tokens: list[int] = field(default_factory=list)
    fixed_name: str | None = None
    unnamed: bool = False

    @property
    def name(self) -> str:
        if self.fixed_name:
            return self.fixed_name
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], -len(n)))

    @property
    def nations(self) -> set[str]:
        return {nation_stem(w) for w in self.nation_words}

    @property
    def first(self) -> str | None:
        return first_name(self.name) if self.kind == "person" else None

    def describe(self, titles: list[str], nations: list[str]) -> None:
        for word in titles:
            if word not in self.titles:
                self.titles.append(word)
            if self.gender is None and word in GENDERED_WORDS:
                self.gender = GENDERED_WORDS[word]
        for word in nations:
            if word not in self.nation_words:
                self.nation_words.append(word)

    def add_alias(self, text: str) -> None:
        if text and text not in self.aliases and text not in self.names:
            self.aliases.append(text)


@dataclass(slots=True)
class Inventory:
    """The named people of an article and which tokens name them."""

    people: dict[str, Referent]
    token_person: dict[int, Referent]
    name_last_token: set[int]
    nation_words: set[str]
    place_words: set[str] = field(default_factory=set)


def nation_words_of(layout: Layout) -> set[str]:
    """Country names and their demonyms, as the article spells them (lower case)."""
    words: set[str] = set()
    for ent in layout.doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            text = strip_possessive(ent.text)
            words.add(text.lower())
            if ent.label_ == "GPE":
                words.add(demonym(text).lower())
    return words


def place_words_of(layout: Layout) -> set[str]:
    """Words that open a place's name in this article ("manchester" of "Manchester
    City"): a "person" whose name opens with one is a club or a firm ("Manchester
    United", "British Airways"), whatever the tagger says."""
    words = set(nation_words_of(layout))
    for ent in layout.doc.ents:
        if ent.label_ in ("GPE", "LOC", "NORP", "FAC"):
            first = strip_possessive(ent.text).split()[:1]
            if first and first[0].lower() not in _PLACE_PREFIXES:
                words.add(first[0].lower())
    return words


def inventory_of(layout: Layout, settings: Settings = DEFAULTS) -> Inventory:
    """Find the article's named people (see the module docstring)."""
    nations = nation_words_of(layout)
    places = place_words_of(layout)
    inv = Inventory({}, {}, set(), nations, places)
    spans = [
        e
        for e in layout.doc.ents
        if e.label_ == "PERSON"
        and _looks_like_name(e, nations)
        and not named_after_place(e, places)
        and not in_a_title(e)
    ]
    for ent in spans:
        _register(inv, ent, layout)
    for ent in layout.doc.ents:
        if ent.label_ != "PERSON" and _person_named_otherwise(ent, nations):
            _register(inv, ent, layout)
    surnames = set(inv.people)
    for ent in layout.doc.ents:
        if ent.label_ != "PERSON" and _name_part(ent) is not None:
            start, end = _name_part(ent)  # type: ignore[misc]
            if surname(layout.doc[start:end].text) in surnames:
                _register(inv, ent, layout)
    for token in layout.doc:
        if token.i not in inv.token_person and _lone_name_subject(token, nations):
            _register(inv, layout.doc[token.i : token.i + 1], layout)
            surnames.add(surname(token.text))
    for token in layout.doc:
        if (
            token.i not in inv.token_person
            and token.pos_ == "PROPN"
            and normalise_name(strip_possessive(token.text)) in surnames
        ):
            _register(inv, layout.doc[token.i : token.i + 1], layout)
    _merge_misspellings(inv, settings)
    _merge_first_names(inv)
    return inv


def _merge_first_names(inv: Inventory) -> None:
    """ "Sharon" alone is the one full name of the article with that first name."""
    full = list({id(p): p for p in inv.people.values() if p.first}.values())
    for key, person in list(inv.people.items()):
        if person.first or " " in key:
            continue
        owners = [p for p in full if p.first == key]
        if len(owners) != 1 or owners[0] is person:
            continue
        owner = owners[0]
        owner.names.update({n: 0 for n in person.names})
        owner.name_tokens.extend(person.name_tokens)
        for token, who in list(inv.token_person.items()):
            if who is person:
                inv.token_person[token] = owner
        inv.people[key] = owner


def in_a_title(ent: Span) -> bool:
    """ "BBC One's Breakfast with Frost programme": a name inside the title of a
    programme, a show or a work is no one speaking."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    before = doc[ent.start - 1] if ent.start > 0 else None
    if after is not None and after.lower_ in TITLE_HEADS:
        return True
    return (
        before is not None
        and before.lower_ == "with"
        and before.i > 0
        and (doc[before.i - 1].text[:1].isupper())
    )


def named_after_place(ent: Span, places: set[str]) -> bool:
    """A name of two words or more that opens with a place of the article."""
    words = strip_possessive(ent.text).split()
    return len(words) >= 2 and words[0].lower() in places


def _looks_like_name(ent: Span, nations: set[str]) -> bool:
    words = strip_possessive(ent.text).split()
    if not words or any(not w[:1].isupper() for w in words):
        return False
    root = ent.root
    if len(words) == 1 and root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS:
        return False  # "talks opened in Veld": a place the tagger took for a person
    if len(words) == 1 and words[0].lower() in nations:
        return False
    return any(t.pos_ == "PROPN" for t in ent)


def _person_named_otherwise(ent: Span, nations: set[str]) -> bool:
    """ "Anneliese Dorn said", tagged ORG: two or three capitalised proper nouns, no article,
    no organisation word, standing as the subject of a verb."""
    tokens = [t for t in ent if t.text not in ("'s", "\u2019s")]
    if not 2 <= len(tokens) <= 3 or ent.label_ not in _MISLABELLED:
        return False
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() for t in tokens):
        return False
    if tokens[-1].lower_ in ORG_HEADS or tokens[-1].lower_ in MEDIA_HEADS:
        return False
    if any(t.lower_ in nations or t.lower_ in PERSON_TITLE_WORDS for t in tokens):
        return False
    if tokens[-1].lower_.endswith("ing") or tokens[-1].lower_ in ORG_NAME_WORDS:
        return False  # "Kell Mining", "Lantern Foods"
    described = any(
        c.dep_ == "appos" and c.lower_ in PERSON_TITLE_WORDS for c in ent.root.children
    )  # "Ivo Marsh, head of research at …"
    return described or ent.root.dep_ in ("nsubj", "nsubjpass")


def _lone_name_subject(token: Token, nations: set[str]) -> bool:
    """ "Dorn was blunt" with no entity label: a lone capitalised proper noun as subject."""
    if token.pos_ != "PROPN" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if token.ent_type_ not in ("", "PERSON") or token.text.isupper():
        return False
    if token.ent_iob_ == "I":  # the end of a longer name ("Christian Aid"): not lone
        return False
    if any(c.dep_ in ("compound", "det") for c in token.children):
        return False
    if any(
        c.dep_ in ("amod", "nmod") and c.i < token.i and c.text[:1].isupper()
        for c in token.children
    ):
        return False  # "Christian Aid": the end of a name the parser split
    lower = token.lower_
    return (
        token.text[:1].isupper()
        and lower not in nations
        and lower not in PERSON_TITLE_WORDS
        and lower not in ORG_HEADS
        and lower not in MEDIA_HEADS
    )


def _name_part(ent: Span) -> tuple[int, int] | None:
    """Token range of the name inside an entity span, titles and possessive left out."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (
        doc[start].lower_ in PERSON_TITLE_WORDS
        or doc[start].lower_ in PERSON_DESCRIPTION_NOUNS
        or doc[start].lower_ in ("the", "a")
    ):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "\u2019s", "'", "\u2019"):
        end -= 1
    return (start, end) if start < end else None


def _register(inv: Inventory, ent: Span, layout: Layout) -> None:
    part = _name_part(ent)
    if part is None:
        return
    start, end = part
    doc = layout.doc
    name = strip_possessive(layout.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])])
    key = surname(name)
    if not key:
        return
    person = inv.people.get(key)
    first = first_name(name)
    if person is not None and first and person.first and first != person.first:
        key = f"{first} {key}"  # "Sharon Osbourne" beside "Ozzy Osbourne": two people
        person = inv.people.get(key)
    if person is None:
        person = inv.people[key] = Referent(key, "person")
    person.names[name] += 1
    for i in range(start, end):
        inv.token_person[i] = person
    inv.name_last_token.add(end - 1)
    if not layout.in_quote(end - 1):
        person.name_tokens.append(end - 1)
    titles, nations = descriptors(doc, start, end, layout, inv.nation_words)
    person.describe(titles, nations)
    titled = _titled_form(doc, start, end, layout)
    if titled is not None and not layout.in_quote(start):
        person.add_alias(titled)


def _titled_form(doc, start: int, end: int, layout: Layout) -> str | None:
    """ "Norlandian President Edvin Saar": the name with the title words before it."""
    first = start
    for i in range(start, end):
        for child in doc[i].children:
            if child.i < start and child.dep_ in ("compound", "amod", "nmod"):
                first = min(first, child.left_edge.i)
    while first < start and not (doc[first].is_alpha and doc[first].text[:1].isupper()):
        first += 1
    if first == start:
        return None
    return layout.text[doc[first].idx : doc[end - 1].idx + len(doc[end - 1])]


def descriptors(
    doc, start: int, end: int, layout: Layout, nations: set[str]
) -> tuple[list[str], list[str]]:
    """Title words and nation words describing the name at tokens ``[start, end)``."""
    words: list[Token] = []
    head = doc[end - 1]
    for i in range(start, end):
        for child in doc[i].children:
            if child.i < start and child.dep_ in _DESCRIPTOR_DEPS:
                words.extend(child.subtree)
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ != "PROPN":
            words.extend(_apposition_words(child))
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        words.extend(t for t in _apposition_words(head.head) if not start <= t.i < end)
    return split_descriptors(words, layout, nations)


def _apposition_words(noun: Token) -> list[Token]:
    out = [noun]
    for child in noun.children:
        if child.dep_ not in _SKIP_IN_APPOSITION and child.dep_ != "appos":
            out.extend(child.subtree)
    return out


def split_descriptors(
    words: list[Token], layout: Layout, nations: set[str]
) -> tuple[list[str], list[str]]:
    """Sort descriptor tokens into title words and nation words, in text order."""
    titles: list[str] = []
    nation_list: list[str] = []
    for token in sorted(set(words), key=lambda t: t.i):
        if layout.in_quote(token.i):
            continue
        lower = token.lower_
        if lower in PERSON_TITLE_WORDS:
            titles.append(lower)
        elif token.ent_type_ in ("GPE", "NORP") or lower in nations or _country_owner(token):
            nation_list.append(strip_possessive(token.text))
    return titles, nation_list


def _country_owner(token: Token) -> bool:
    """ "Sudmark's foreign minister": a one-word proper possessor of a title is a country
    (the small model often tags unfamiliar country names as organisations)."""
    return (
        token.dep_ == "poss"
        and token.pos_ == "PROPN"
        and token.ent_type_ not in ("PERSON",)
        and not any(c.dep_ == "compound" for c in token.children)
        and token.lower_ not in ORG_HEADS
        and token.lower_ not in MEDIA_HEADS
    )


def _merge_misspellings(inv: Inventory, settings: Settings) -> None:
    """Join two spellings of one surname when the first name or a title agrees."""
    keys = sorted(inv.people, key=lambda k: -sum(inv.people[k].names.values()))
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            pa, pb = inv.people.get(a), inv.people.get(b)
            if pa is None or pb is None or pa is pb:
                continue
            if fuzz.ratio(a, b) < settings.entity_misspelling_min_ratio:
                continue
            same_first = pa.first is not None and pa.first == pb.first
            if same_first or set(pa.titles) & set(pb.titles):
                pa.names.update(pb.names)
                pa.describe(pb.titles, pb.nation_words)
                pa.name_tokens.extend(pb.name_tokens)
                for token, person in list(inv.token_person.items()):
                    if person is pb:
                        inv.token_person[token] = pa
                inv.people[b] = pa
