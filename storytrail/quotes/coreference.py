"""Who "he", "the president", "the Valdorian leader" and "the report" are: a salience resolver.

No coreference package runs offline with spaCy 3.8 (see DEPENDENCIES.md), so
this is a small rule-based resolver over the parse and the article's
inventory of names (``people``). It reads the article once, in order, keeping
a timeline of mentions outside quotation marks, and resolves each subject as
it comes, so "the president" resolved in one sentence is the antecedent of
"he" in the next:

* a **name** is its person (by surname; the longest form is the name);
* **he / she** is the most salient person before it: the fewest sentences
  back, a subject before a non-subject, the nearest last; a person whose
  gender is known (Mr/Ms, spokesman/spokeswoman, or a his/her that followed
  the name as sole person of its sentence) must agree; at most
  ``Settings.coref_pronoun_max_sentences`` back;
* **it** (and "its report") is the most salient organisation;
* a **title or role** ("the president", "the foreign minister", "the
  Valdorian leader", "Kestria's top diplomat") is the most salient person
  whose titles fit (a role noun stands for several titles, see
  ``settings.ROLE_NOUN_TITLES``) and whose nation, when both are known,
  agrees; when nobody before fits, the first who fits after it (a lead that
  names the minister a paragraph later); failing that, a qualified
  description ("Kestria's foreign minister") goes to the nearest person the
  article gives no title at all;
* a **document** ("the report concluded") speaks for whoever published it:
  its possessor ("its report"), its "by" agent, the subject that published
  it, else the most salient organisation, else the article's outlet;
* "**X's ministry**" is built from X's title and nation ("Kestrian Foreign
  Ministry"); "**the Commission**" is the named organisation ending so.

Limits: no plural or split antecedents ("they", "both leaders"); gender is
unknown for a person the article never marks, so "she" may take a man; the
nearest-title rule cannot tell two presidents apart once both are in play; a
description qualified by nation but matching nobody may take an untitled
person; cataphora only for descriptions, never pronouns; nothing is learnt
across articles here (``entities.merge_entities`` does that).
"""

from __future__ import annotations

from spacy.tokens import Token

from storytrail.quotes.cues import cue_of
from storytrail.quotes.descriptions import Description, describe, qualifiers, titles_agree
from storytrail.quotes.layout import Layout
from storytrail.quotes.names import (
    demonym,
    nation_stem,
    normalise_name,
    same_nation,
    strip_article,
)
from storytrail.quotes.people import (
    Referent,
    inventory_of,
    named_after_place,
    split_descriptors,
)
from storytrail.settings import (
    DEFAULTS,
    GENDERED_WORDS,
    INSTITUTION_NOUNS,
    MEDIA_HEADS,
    ORG_HEADS,
    PERSON_DESCRIPTION_NOUNS,
    PERSON_TITLE_WORDS,
    QUOTE_DOCUMENT_NOUNS,
    ROLE_NOUN_TITLES,
    UNNAMED_SOURCE_NOUNS,
    Settings,
)

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m"}
_PRONOUN_GENDER |= {"she": "f", "her": "f", "hers": "f", "herself": "f"}
_ORG_NOUNS = ORG_HEADS | MEDIA_HEADS | {"presidency", "ministry", "department", "cabinet"}
_PERSON_ORG_NOUNS = frozenset({"ministry", "office", "department", "government", "team"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})


class Coreference:
    """Resolves the speakers of one article (see the module docstring)."""

    def __init__(
        self,
        layout: Layout,
        outlet: str | None = None,
        settings: Settings = DEFAULTS,
        reported: dict[int, list[tuple[int, int]]] | None = None,
    ):
        """``reported`` maps a speaker's head token to the token ranges of what that
        speaker reportedly said: a name inside one ("Mr Bush's task was …, he said")
        is what the statement is about, never who made it."""
        self.layout = layout
        self.reported = reported or {}
        self.doc = layout.doc
        self.outlet = outlet
        self.settings = settings
        inventory = inventory_of(layout, settings)
        self.people = inventory.people
        self.token_person = inventory.token_person
        self.nation_words = inventory.nation_words
        self.orgs: dict[str, Referent] = {}
        self.unnamed: list[Referent] = []
        self.resolved: dict[int, Referent | None] = {}
        self.org_ends = _organisation_ends(layout, inventory.place_words)
        self.lead = _lead_paragraph(layout)
        self._walk(inventory.name_last_token)

    def referents(self) -> list[Referent]:
        """Every person and organisation found, each once (unnamed sources too)."""
        seen: dict[int, Referent] = {}
        for r in [*self.people.values(), *self.orgs.values(), *self.unnamed]:
            seen.setdefault(id(r), r)
        return list(seen.values())

    def named_referents(self) -> list[Referent]:
        """The referents that can be a quote's canonical speaker."""
        return [r for r in self.referents() if not r.unnamed]

    def resolve(self, head: int) -> Referent | None:
        """The referent of the speaker whose head is token ``head``."""
        if head not in self.resolved:
            self.resolved[head] = self._resolve(self.doc[head])
        return self.resolved[head]

    # -- the reading pass -------------------------------------------------------------

    def _walk(self, name_ends: set[int]) -> None:
        layout = self.layout
        for token in self.doc:
            i = token.i
            if layout.in_quote(i):
                continue
            if i in name_ends:
                person = self.token_person[i]
                self._mention(person, token)
                self.resolved.setdefault(i, person)
            elif i in self.org_ends and token.dep_ not in _SUBJECT_DEPS:
                self._mention(self._org(self.org_ends[i]), token)
            elif token.dep_ in _SUBJECT_DEPS or token.lower_ == "its":
                referent = self._resolve(token)
                self.resolved[i] = referent
                if referent is not None:
                    self._mention(referent, token)
            if token.lower_ in _PRONOUN_GENDER and token.dep_ in ("poss", "nmod"):
                self._gender_evidence(token)  # "Dorn opened her file", not "Ozzy gave her"

    def _mention(self, referent: Referent, token: Token) -> None:
        sentence = self.layout.token_sentence[token.i]
        referent.mentions.append((token.i, sentence, _prominence(token)))

    def _gender_evidence(self, pronoun: Token) -> None:
        """A his/her after a person who is the only one named so far in the sentence."""
        sentence = self.layout.token_sentence[pronoun.i]
        before = [
            r
            for r in self.referents()
            if r.kind == "person" and any(s == sentence and t < pronoun.i for t, s, _ in r.mentions)
        ]
        if len(before) == 1 and before[0].gender is None:
            before[0].gender = _PRONOUN_GENDER[pronoun.lower_]

    # -- resolution -------------------------------------------------------------------

    def _resolve(self, token: Token) -> Referent | None:
        if token.i in self.token_person:
            return self.token_person[token.i]
        named = self._named_in_phrase(token)
        if named is not None:
            return named
        if _ends_in_unnamed_source(token):  # "A Department for Work and Pensions spokeswoman"
            return self._unnamed(token, self.doc[token.left_edge.i : token.right_edge.i + 1].text)
        lower = token.lower_
        if token.is_title and lower in self.people:  # a surname the tagger took for a noun
            return self.people[lower]
        if lower in _PRONOUN_GENDER:
            return self._pronoun(token, _PRONOUN_GENDER[lower])
        if lower in ("it", "its"):
            return self._topic_org(token.i) or self._salient_org(token.i)
        if token.pos_ == "PRON":
            return None
        if token.pos_ == "PROPN" and not _described_by_common_noun(token):
            return self._proper(token)
        if token.pos_ in ("NOUN", "PROPN"):
            return self._nominal(token)
        return None

    def _named_in_phrase(self, token: Token) -> Referent | None:
        """ "Kestria's foreign minister, Anneliese Dorn", "Only Fools and Horses star David
        Jason": a description whose apposition or compound holds a name is that person."""
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        described = describe(token).person
        for child in token.children:
            after = child.i > token.i  # "the Lib Dem chief executive": a party, not a name
            if child.dep_ != "appos" and not (child.dep_ == "compound" and described and after):
                continue
            for t in child.subtree:
                if t.i in self.token_person and not self.layout.in_quote(t.i):
                    return self.token_person[t.i]
        return None

    def _said_before(self, token: Token) -> list[tuple[int, int]]:
        """ "Mr Bush's first task was …, he said": the words before a trailing cue are what
        its speaker said, so the sentence so far holds no antecedent for its subject."""
        doc = self.doc
        before = token.i - 1
        while before > 0 and doc[before].text in ("\u201d", "\u2019", '"', "'"):
            before -= 1  # "Mr Sullivan “made decisions,” he told the court"
        if before < 0 or doc[before].text != "," or cue_of(token.head) is None:
            return []
        start = token.i - 1
        paragraph = self.layout.token_paragraph[token.i]
        while start > 0 and self.layout.token_paragraph[start - 1] == paragraph:
            if doc[start - 1].text in (".", "!", "?", ";", ":"):
                break
            start -= 1
        return [(start, token.i)]

    def _pronoun(self, token: Token, gender: str) -> Referent | None:
        """The most salient person before ``token`` whose gender agrees."""
        chosen = self._salient_person(token, lambda p: p.gender in (None, gender))
        if chosen is not None and chosen.gender is None:
            chosen.gender = gender
        return chosen

    def _salient_person(self, token: Token, fits) -> Referent | None:
        """The most salient person before ``token`` that ``fits``: the fewest sentences
        back, then a name that surely is a person's before a one-word name the tagger may
        have mistaken ("Labour"), then the most prominent mention of that sentence, then
        the nearest; at most ``coref_pronoun_max_sentences`` back."""
        limit = self.settings.coref_pronoun_max_sentences
        sentence = self.layout.token_sentence[token.i]
        content = [*self.reported.get(token.i, []), *self._said_before(token)]
        best: tuple[tuple[int, int, int, int], Referent] | None = None
        for person in self.referents():
            if person.kind != "person" or not fits(person):
                continue
            last = _last_before(person, token.i, content)
            if last is None or sentence - last[1] > limit:
                continue
            score = (sentence - last[1], 0 if _surely_a_person(person) else 1, -last[2], -last[0])
            if best is None or score < best[0]:
                best = (score, person)
        return best[1] if best else None

    def _salient_org(self, before: int) -> Referent | None:
        best: tuple[tuple[int, int], Referent] | None = None
        for org in self.orgs.values():
            if org.kind == "place":
                continue
            last = _last_before(org, before)
            if last is not None and (best is None or (-last[1], -last[0]) < best[0]):
                best = ((-last[1], -last[0]), org)
        return best[1] if best else None

    def _proper(self, token: Token) -> Referent | None:
        """A proper noun that is not a known person: an organisation, an outlet, a place."""
        start, end = _proper_span(token)
        while start < token.i and self.doc[start].lower_ in PERSON_TITLE_WORDS:
            start += 1
        text = strip_article(self.doc[start:end].text)
        text = text.removesuffix("\u2019s").removesuffix("'s")
        kind = "place" if token.ent_type_ in ("GPE", "LOC", "FAC") else "organisation"
        if token.ent_type_ == "" and not _org_like(text) and not text.isupper():
            kind = "person"
        if kind == "person":
            key = normalise_name(text).split()[-1]
            person = self.people.setdefault(key, Referent(key, "person"))
            person.names[text] += 1
            return person
        return self._org(text, kind)

    def _org(self, name: str, kind: str = "organisation") -> Referent:
        key = normalise_name(name)
        for org in self.orgs.values():  # "the Commission" is the named "... Commission"
            if normalise_name(org.name).endswith(" " + key) or key == normalise_name(org.name):
                return org
        if self.outlet and key == normalise_name(self.outlet):
            kind = "outlet"
        org = self.orgs.setdefault(key, Referent(key, kind))  # type: ignore[arg-type]
        org.names[name] += 1
        return org

    def _nominal(self, noun: Token) -> Referent | None:
        lower = noun.lower_
        modifiers = [c for c in noun.children if c.dep_ in _MODIFIER_DEPS]
        owner = next((c for c in modifiers if _is_possessor(c)), None)
        text = self._phrase(noun, modifiers)
        if lower in QUOTE_DOCUMENT_NOUNS:
            return self._publisher(noun)
        if owner is not None and lower in _PERSON_ORG_NOUNS:
            person = self._resolve(owner)
            org = self._person_org(person, lower) if person and person.kind == "person" else None
            if org is not None:
                org.add_alias(text)
                return org
        description = describe(noun)
        if description.person:
            person = self._person_described(noun, modifiers, description, text)
            if person is not None and not person.unnamed:
                person.add_alias(text)
            return person
        if description.generic_org:
            return self._organisation_described(noun, description)
        if lower in _ORG_NOUNS or lower in INSTITUTION_NOUNS:
            if description.indefinite:
                return None  # "a Conservative government": none in particular
            return self._org(strip_article(text))
        return None

    def _person_described(
        self, noun: Token, modifiers: list[Token], description: Description, text: str
    ) -> Referent | None:
        """A person by description: an unnamed source stays unnamed; an indefinite one is
        someone new (in the lead, the person the next paragraphs name); a definite one is
        the holder of its title, else the person in focus it fits."""
        if description.unnamed_source or _relative_of_speaker(noun):
            return self._unnamed(noun, text)
        if self.layout.in_quote(noun.i):  # a speaker's own words: only titles are safe
            return self._by_title(noun, modifiers)
        if description.indefinite or (description.plural and not description.definite):
            found = None
            if self._in_lead(noun) and not description.plural:
                found = self._named_after(noun, modifiers)
            return found or self._unnamed(noun, text)
        chosen = (
            self._by_title(noun, modifiers)
            or self._in_focus(noun, modifiers)
            or self._by_title(noun, modifiers, ahead=True)
        )
        if chosen is None and self._in_lead(noun):
            chosen = self._named_after(noun, modifiers)
        if chosen is not None:
            titles, nations = self._descriptors(noun, modifiers)
            chosen.describe(titles, nations)
        return chosen

    def _organisation_described(self, noun: Token, description: Description) -> Referent | None:
        """ "the company", "the firm": the organisation the article is about. "A charity
        has warned" introduces one the article may name later, but which one cannot be
        told from the order of names ("a security firm ... Microsoft ... Trend Micro"):
        it stays unnamed."""
        if description.indefinite or description.plural:
            return None
        for org in self.orgs.values():  # "the Commission": the named "... Commission"
            if org.kind != "place" and normalise_name(org.name).endswith(" " + noun.lower_):
                return org
        return self._topic_org(noun.i, commercial=noun.lower_ not in INSTITUTION_NOUNS)

    def _unnamed(self, noun: Token, text: str) -> Referent:
        """A source the article does not name: kept apart, with its description."""
        start = noun.left_edge.i
        end = max(
            noun.i + 1,
            max(
                (c.right_edge.i + 1 for c in noun.children if c.i > noun.i and c.dep_ == "prep"),
                default=noun.i + 1,
            ),
        )
        described = self.doc[start:end].text if end - start <= 12 else text
        source = Referent(f"~{noun.i}", "person", unnamed=True)
        source.names[described] += 1
        source.gender = GENDERED_WORDS.get(noun.lower_)
        if describe(noun).plural:
            source.gender = "plural"
        self.unnamed.append(source)
        return source

    def _in_lead(self, token: Token) -> bool:
        return self.layout.token_paragraph[token.i] == self.lead

    def _named_after(self, noun: Token, modifiers: list[Token]) -> Referent | None:
        """The first person named after ``noun``, within the next two paragraphs, whose
        titles fit it ("…, a Home Office minister has said. Hazel Blears said …")."""
        titles, _ = self._descriptors(noun, modifiers)
        paragraph = self.layout.token_paragraph[noun.i]
        people = [
            p
            for p in self.people.values()
            if titles_agree(p.titles, set(titles), noun.lower_)
            and any(i > noun.i for i in p.name_tokens)
        ]
        first = _nearest_after(people, noun.i)
        if first is None:
            return None
        at = min(i for i in first.name_tokens if i > noun.i)
        return first if self.layout.token_paragraph[at] - paragraph <= 2 else None

    def _topic_org(self, before: int, commercial: bool = False) -> Referent | None:
        """The organisation in focus at ``before``: the most mentions in the last few
        sentences, then in the article so far (a subject counts twice), then the latest.
        ``commercial``: "the company", "the firm" are never a government or the police."""
        sentence = self.layout.token_sentence[before]
        window = self.settings.coref_pronoun_max_sentences // 2
        best: tuple[tuple[int, int, int], Referent] | None = None
        for org in self.orgs.values():
            if org.kind == "place" or (commercial and _institution(org.name)):
                continue
            seen = [m for m in org.mentions if m[0] < before]
            if not seen:
                continue
            weight = [2 if m[2] else 1 for m in seen]
            recent = sum(w for m, w in zip(seen, weight, strict=True) if sentence - m[1] <= window)
            score = (recent, sum(weight), max(m[0] for m in seen))
            if best is None or score > best[0]:
                best = (score, org)
        return best[1] if best else None

    def _descriptors(self, noun: Token, modifiers: list[Token]) -> tuple[list[str], list[str]]:
        words = [t for m in modifiers for t in m.subtree] + [noun]
        return split_descriptors(words, self.layout, self.nation_words)

    def _in_focus(self, noun: Token, modifiers: list[Token]) -> Referent | None:
        """ "The chancellor also hailed …", "the 74-year-old comedian said": a definite
        description nobody holds as a title takes up the person in focus whose titles
        and gender do not contradict it (the pronoun rule, with the description's own
        constraints). Whoever owns the title is not its holder ("Sudmark's foreign
        minister" is not Sudmark, even when the tagger calls Sudmark a person)."""
        titles, _ = self._descriptors(noun, modifiers)
        gender = GENDERED_WORDS.get(noun.lower_)
        owners = {
            id(self.token_person[t.i])
            for c in noun.children
            if c.dep_ == "poss"
            for t in c.subtree
            if t.i in self.token_person
        }
        return self._salient_person(
            noun,
            lambda p: (
                id(p) not in owners
                and titles_agree(p.titles, set(titles), noun.lower_)
                and (gender is None or p.gender in (None, gender))
            ),
        )

    def _phrase(self, noun: Token, modifiers: list[Token]) -> str:
        start = min([noun.i] + [m.left_edge.i for m in modifiers])
        det = [c.i for c in noun.children if c.dep_ == "det"]
        start = min([start, *det])
        return self.doc[start : noun.i + 1].text

    def _by_title(
        self, noun: Token, modifiers: list[Token], ahead: bool = False
    ) -> Referent | None:
        """The person the article gives this title: the most salient before ``noun``, or
        with ``ahead`` the first named after it (a lead naming the minister later)."""
        words = [t for m in modifiers for t in m.subtree] + [noun]
        titles, nations = split_descriptors(words, self.layout, self.nation_words)
        head = noun.lower_
        wanted_any = ROLE_NOUN_TITLES.get(head, frozenset({head}))
        wanted_all = {t for t in titles if t != head}
        stems = {nation_stem(n) for n in nations}
        people = [p for p in self.referents() if p.kind == "person" and not p.unnamed]

        def nation_ok(p: Referent) -> bool:
            return (
                not stems
                or not p.nations
                or any(same_nation(a, b) for a in stems for b in p.nations)
            )

        fits = [
            p
            for p in people
            if set(p.titles) & wanted_any
            and wanted_all <= set(p.titles)
            and qualifiers(p.titles) == qualifiers(titles)
            and nation_ok(p)
        ]
        chosen = _nearest_after(fits, noun.i) if ahead else _most_salient(fits, noun.i)
        if chosen is None and stems and ahead:
            chosen = _nearest_after([p for p in people if not p.titles and nation_ok(p)], noun.i)
        if chosen is not None:
            extra = [head] if head in PERSON_TITLE_WORDS and head not in ROLE_NOUN_TITLES else []
            chosen.describe(titles + extra, nations)
        return chosen

    def _publisher(self, noun: Token) -> Referent | None:
        """Who speaks through a document: see the module docstring."""
        for token in self.doc[: noun.i + 1]:
            if token.lower_ != noun.lower_ or self.layout.in_quote(token.i):
                continue  # (the noun itself too: "a letter from X made clear …")
            for child in token.children:
                if child.dep_ == "poss":
                    found = self.resolve(child.i)
                    if found is not None:
                        return found
                if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    objects = [g for g in child.children if g.dep_ == "pobj"]
                    if objects and self.resolve(objects[0].i) is not None:
                        return self.resolve(objects[0].i)
            if token.dep_ == "dobj":
                subjects = [c for c in token.head.children if c.dep_ in _SUBJECT_DEPS]
                if subjects and self.resolve(subjects[0].i) is not None:
                    return self.resolve(subjects[0].i)
        org = self._salient_org(noun.i)
        if org is not None:
            return org
        if self.outlet:
            return self._org(self.outlet, "outlet")
        return None

    def _person_org(self, person: Referent, noun: str) -> Referent | None:
        """ "Dorn's ministry": the ministry of the person's title, in the person's country."""
        if noun != "ministry" or "minister" not in person.titles:
            return None
        at = person.titles.index("minister")
        branch = [w for w in person.titles[:at] if w not in ("prime", "deputy", "vice")][-1:]
        nation = [demonym(person.nation_words[0])] if person.nation_words else []
        name = " ".join([*nation, *(w.capitalize() for w in branch), "Ministry"])
        org = self._org(name)
        org.fixed_name = name
        return org


def _is_possessor(token: Token) -> bool:
    """ "Dorn's" in "Dorn's ministry" (the parser says poss, or nmod with a "'s")."""
    if token.dep_ == "poss":
        return True
    return token.dep_ == "nmod" and any(c.lower_ in ("'s", "\u2019s") for c in token.children)


def _prominence(token: Token) -> int:
    """How prominent a mention is: 2 for the subject of the sentence's main verb (or of
    a reporting verb), 1 for any other subject, 0 for any other mention.

    News convention: a pronoun takes up the sentence's protagonist, not a name met in
    a subordinate clause ("Zombic said he did not feel it was as bad as Mr Renner
    believed. “…,” he argued": he is Zombic).
    """
    while token.dep_ in ("compound", "flat", "appos") and token.head is not token:
        token = token.head
    if token.dep_ not in _SUBJECT_DEPS:
        return 0
    verb = token.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ in ("ROOT", "parataxis"):
        return 2
    embedded = verb.dep_ in ("advcl", "relcl", "acl", "xcomp", "ccomp", "pcomp", "csubj")
    return 2 if cue_of(verb) is not None and not embedded else 1


def _last_before(
    referent: Referent, index: int, skip: list[tuple[int, int]] = ()
) -> tuple[int, int, int] | None:
    """The referent's most salient mention before token ``index`` (none inside the
    ``skip`` ranges): in the latest sentence, the most prominent there, the last."""
    before = [
        m for m in referent.mentions if m[0] < index and not any(a <= m[0] < b for a, b in skip)
    ]
    return max(before, key=lambda m: (m[1], m[2], m[0])) if before else None


def _surely_a_person(referent: Referent) -> bool:
    """A full name ("Brian Gammage"), a title or a known gender: not a one-word name
    the tagger may have mistaken for a person ("analysts Gartner", "Labour")."""
    full = any(len(name.split()) > 1 for name in referent.names)
    return full or bool(referent.titles) or referent.gender is not None


def _most_salient(people: list[Referent], index: int) -> Referent | None:
    scored = [(last[1], last[2], last[0], p) for p in people if (last := _last_before(p, index))]
    if scored:
        return max(scored, key=lambda s: (s[0], s[1], s[2]))[3]
    return None


def _nearest_after(people: list[Referent], index: int) -> Referent | None:
    """The person named first after ``index`` (names are known for the whole article)."""
    after = [
        (min(i for i in p.name_tokens if i > index), p.key, p)
        for p in people
        if any(i > index for i in p.name_tokens)
    ]
    return min(after)[2] if after else None


def _proper_span(token: Token) -> tuple[int, int]:
    """The proper name around ``token``: its entity, or its run of compounds.

    The entity is found from the token's own IOB tags, as ``doc.ents`` is built, not by
    building ``doc.ents`` (a walk of every token) for every name of a long article."""
    if token.ent_type_:
        doc = token.doc
        start, end = token.i, token.i + 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return start, end
    parts = [
        c.i
        for c in token.children
        if c.i < token.i
        and (c.dep_ == "compound" or (c.dep_ in ("amod", "nmod") and c.text[:1].isupper()))
    ]  # "Christian Aid": the parser may hang "Christian" on as an adjective
    return min([token.i, *parts]), token.i + 1


def _org_like(text: str) -> bool:
    last = text.split()[-1].lower() if text.split() else ""
    return last in ORG_HEADS or last in MEDIA_HEADS


def _organisation_ends(layout: Layout, places: set[str]) -> dict[int, str]:
    """The last token of each organisation the parser names, outside quotations, with
    its name ("EMI", "the Vestey Group" as "Vestey Group"); a "person" named after a
    place is one too ("Manchester United")."""
    ends: dict[int, str] = {}
    for ent in layout.doc.ents:
        organisation = ent.label_ == "ORG" or (
            ent.label_ == "PERSON" and named_after_place(ent, places)
        )
        if organisation and not layout.in_quote(ent.end - 1):
            name = strip_article(ent.text).removesuffix("\u2019s").removesuffix("'s").strip()
            if name:
                ends[ent.end - 1] = name
    return ends


def _lead_paragraph(layout: Layout) -> int:
    """Index of the article's first paragraph after any headline line."""
    for token in layout.doc:
        if token.idx >= layout.headline_end and not token.is_space:
            return layout.token_paragraph[token.i]
    return 0


def _described_by_common_noun(token: Token) -> bool:
    """ "The DJ", "the Minister": a title or description the tagger took for a name."""
    lower = token.lower_
    described = lower in PERSON_TITLE_WORDS or lower in PERSON_DESCRIPTION_NOUNS
    return described and (
        lower in PERSON_TITLE_WORDS or any(c.lower_ == "the" for c in token.children)
    )


def _ends_in_unnamed_source(token: Token) -> bool:
    """An indefinite phrase whose last word is a spokesperson or an official, whatever
    word the parser made its head ("A Department for Work and Pensions spokeswoman")."""
    if token.pos_ not in ("PROPN", "NOUN") or token.lower_ in UNNAMED_SOURCE_NOUNS:
        return False
    last, first = token.right_edge, token.left_edge
    return last.lower_ in UNNAMED_SOURCE_NOUNS and first.lower_ in ("a", "an") and last.i > token.i


def _relative_of_speaker(noun: Token) -> bool:
    """ "my father", "our lawyer": someone the speaker knows, not someone the article
    has named."""
    return any(c.dep_ == "poss" and c.lower_ in ("my", "our", "your") for c in noun.children)


def _institution(name: str) -> bool:
    words = normalise_name(name).split()
    return bool(words) and words[-1] in INSTITUTION_NOUNS
