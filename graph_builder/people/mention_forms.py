"""Reading one stretch of text as a person mention, by the shape of the name alone.

A run of capitalised words and initials ("R. R. Palmer", "Louis Antoine de
Saint-Just") is a name unless its shape says organisation, place or heading (it
ends in "Committee", follows "the" or "X of", stands alone on a line, precedes a
colon); a title or rank ("General", "Dr.") licenses a single word; a reference
line gives an inverted "Family, Given"; a speaker's turn gives its label. Each
function here judges one such form; ``graph_builder.people.mentions`` decides
which forms to try where and what the text as a whole allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.people.mention_context import Evidence, TextLines
from graph_builder.people.name_lexicon import (
    AMP_RE,
    ARTICLES,
    CAPITAL_PARTICLES,
    FIRM_RE,
    FUNCTION,
    HONORIFICS,
    INITIAL_RE,
    INVERTED_RE,
    LEADING,
    NOT_PERSON,
    OFFICE_DOMAINS,
    PARTICLES,
    POSSESSIVE_RE,
    ROMAN_RE,
    STATE_ABBREVIATIONS,
    TITLE_PREFIXES,
    TITLES,
    TRAILING,
    VESSELS,
    WORDS_RE,
    fold_word,
    is_title,
    plain,
    split_name,
    surname_key,
    word_key,
)
from graph_builder.people.names import title_case_name
from graph_builder.people.non_person_words import is_acronym, not_a_name
from graph_builder.people.work_context import in_publication_slot
from graph_builder.support.speaker_labels import is_person_label

__all__ = ["KINDS", "Mention", "chunk_mention", "single_mention", "structured_mentions",
           "weak_full"]

KINDS = frozenset({"full", "initials", "title", "surname", "speaker", "possessive", "inverted",
                   "given"})


@dataclass(frozen=True)
class Mention:
    """One span of text naming a person; ``family``/``given`` as written there."""

    start: int
    end: int
    text: str
    family: str
    given: str = ""
    title: str = ""
    kind: str = "full"


# the titles of saints, which places are named after ("St Petersburg", "San Luis")
SAINTS = frozenset({"st", "saint", "ste", "sainte", "sankt", "san", "santa", "são", "sao"})
# "Secretary of State Bryan", "Chancellor of the Exchequer Goschen": an office of a domain
_OFFICE_OF_RE = re.compile(r"(?<![\w’'])([A-Z][a-z]+\.?)[ \t]+of[ \t]+(?:the[ \t]+)?\Z")
# "Bolstering Khrushchev": a participle opening a sentence is not a given name
_PARTICIPLE_RE = re.compile(r"[A-Z][a-z]{3,}ing")
# (a line break is read as its run's last one, so a run of blank lines is walked once)
_SENTENCE_START_RE = re.compile(r"(?:\A|[.!?:;\[(][\"“”’']?\s*+|\n[\"“”’']\s*+|\n[^\S\n]*+)\Z")
# "Russian-born", "German-speaking", "So-called": a compound describing the person after it
_DESCRIBING_COMPOUND_RE = re.compile(r"[^\W\d_]-[a-z]")
_DERIVED_RE = re.compile(r"^\w{4,}(?:ites?|ists?|isms?)$")
# adjectives of peoples ("Spanish", "Chinese"), which never open a person's name
_DEMONYM_RE = re.compile(r"[A-Z][a-z]{3,}(?:ish|ese)")
# what follows a dateline's place: "LONDON, Dec. 3.—", "Nashville, Tenn., Dec. 8"
_DATE_AFTER_RE = re.compile(r"\.?[^\S\n]+\d{1,2}(?!\d)")
_AFTER_ARTICLE_RE = re.compile(r"\b[Tt]he \Z")
# (white space is entered only where its run starts, so no run is walked twice)
_NOUN_USE_RE = re.compile(r"(?:[’']s)?(?:[.,;:!?)\]]|(?<!\s)\s++(?:of\b|\Z)|\Z)")


def _context_rejects(lines: TextLines, start: int, end: int, n_tokens: int, upper: bool,
                     titled: bool = False) -> bool:
    """Shapes of organisations, places and headings around a multi-word chunk.
    ``titled``: a title or rank before a name of two words or more ("Dr. Bruno Harlan")."""
    text = lines.text
    line_start = lines.start_of(start)
    prev = lines.words_before(line_start, start)
    if prev and (prev[-1].casefold() in ARTICLES or fold_word(prev[-1]) in VESSELS):
        return True  # "the Central Committee", "the steamer Emma Graham"
    if len(prev) >= 2 and prev[-1] in ("of", "for") and prev[-2][:1].isupper():
        return True  # "Committee of Public Safety", "Plan of San Luis", "Commissar for
        # Inland Water Transport", "Commission for Determining Crop Productivity"
    if in_publication_slot(lines, start, end):
        return True  # "(Chapel Hill, 1980)", "New York: W. W. Norton, 1990": a place or a firm
    if n_tokens > 1 and not upper and text.startswith(":", end):
        return True  # "New York: Knopf", "Original Source: ..."
    if prev and prev[-1][:1] in "([" and len(prev) >= 2 and fold_word(prev[-2]) in NOT_PERSON:
        return True  # "the Special Conference (Osoboe Soveshchanie)": a body's own name
    # a line holding only the chunk is a heading, unless it opens with initials: a
    # signature or byline ("J. STALIN", "N. I. Yezhov" under a letter), or with a title
    # before a whole name ("Colonel A. Verbeek." signing, "Dr. Bruno Harlan" heading an
    # entry; "General Staff" names no one)
    return (n_tokens > 1 and not titled and lines.only_fill_before(line_start, start)
            and lines.only_fill_after(end, lines.end_of(end))
            and not INITIAL_RE.match(text, start))


def chunk_mention(lines: TextLines, m: re.Match, common: frozenset[str] = frozenset()
                  ) -> Mention | None:
    """A mention from a capitalised chunk, or None when its shape says not-a-person."""
    text = lines.text
    raw = m.group(0)
    if FIRM_RE.match(text, m.end()):
        return None  # "J. R. HOLLAND & CO.", "Smith & Sons": a firm
    possessive = bool(POSSESSIVE_RE.search(raw))
    if possessive:
        raw = raw[:-2]
    spans = [(t.start() + m.start(), t.group()) for t in WORDS_RE.finditer(raw)]
    for i, (_, word) in enumerate(spans[:-1]):
        if POSSESSIVE_RE.search(word):  # "Stalin’s Secret Service": the name ends at ’s
            if fold_word(spans[i + 1][1]) in NOT_PERSON:
                return None  # "St. Martin’s Press": a firm named after someone
            spans, possessive = spans[:i + 1], True
            spans[-1] = (spans[-1][0], word[:-2])
            break
    title, lead_article = [], False
    while spans and plain(spans[0][1]) in LEADING:
        lead_article = lead_article or spans[0][1].casefold() in ARTICLES
        spans.pop(0)
    # "In the Senate Mr. Sherman": an honorific of address starts the name's own chunk
    cut = next((i for i, (_, w) in enumerate(spans[1:-1], 1) if fold_word(w) in HONORIFICS
                and not is_title(spans[i - 1][1])), 0)
    if cut:
        spans, lead_article = spans[cut:], False
    chunk_start = spans[0][0] if spans else m.end()
    # "Heavy Industry Commissar Sergo Ordzhonikidze", "Corps Commander Primakov": the
    # last title word ends the title, and the words before it belong to the title
    last_title = max((i for i, (_, w) in enumerate(spans[:-1]) if is_title(w)),
                     default=-1)
    office = _OFFICE_OF_RE.search(text, max(0, chunk_start - 40), chunk_start)
    # "Secretary of State Bryan": the office's domain word is its title's, and the office
    # before the chunk is no "Committee of Public Safety" (a body's name)
    by_office = bool(office and is_title(office.group(1)) and last_title < 0 and
                     len(spans) > 1 and fold_word(spans[0][1]) in OFFICE_DOMAINS and
                     fold_word(spans[1][1]) not in OFFICE_DOMAINS)
    if by_office:
        last_title = 0
    title = [w for _, w in spans[:last_title + 1]]
    if by_office:
        title = [office.group(0).strip(), *title]
    spans = spans[last_title + 1:]
    shed: list[str] = []
    while len(spans) > 1 and not title and spans[0][1] not in CAPITAL_PARTICLES and (
            word_key(spans[0][1]) in common or _DESCRIBING_COMPOUND_RE.search(spans[0][1]) or (
            _PARTICIPLE_RE.fullmatch(spans[0][1]) and _SENTENCE_START_RE.search(
                text, max(0, spans[0][0] - 4), spans[0][0]))):
        shed.append(spans.pop(0)[1])  # "Hence Beria", "Bolstering Khrushchev": a sentence's
        # first word
    if shed and not INITIAL_RE.match(spans[0][1]) and _AFTER_ARTICLE_RE.search(
            text, max(0, chunk_start - 5), chunk_start):
        return None  # "the White Sea-Baltic Combine", "the New York Freeman": a thing's name
        # (initials after it start a name: "the USSR Supreme Court I. T. Goliakov")
    if shed:
        chunk_start = spans[0][0]
    regnal = ""
    if 1 < len(spans) <= 3 and ROMAN_RE.fullmatch(spans[-1][1]):
        regnal = spans.pop()[1]  # "Pius IX", "Victor Emmanuel II"
    while spans and not regnal and fold_word(spans[-1][1]) in TRAILING:
        spans.pop()
    if not spans or lead_article:
        return None
    words = [w for _, w in spans]
    if all(INITIAL_RE.fullmatch(w) for w in words):
        return None  # "G. Ya." after "Sokolnikov,": initials without their name
    folded = [fold_word(w) for w in words]
    pairs = zip(words, folded, strict=True)
    if any(f in NOT_PERSON or plain(w) in FUNCTION for w, f in pairs if f not in PARTICLES):
        return None
    if _DEMONYM_RE.fullmatch(words[0]) and len(words) > 1:
        return None  # "Spanish Netherlands", "Chinese Eastern Railway": a people's adjective
    if not_a_name(words, title):
        return None  # "Major Theoretical Writings", "Sovetskogo Soiuza", "TsA FSB"
    if any(w.isupper() and not w.endswith(".") for w in words) and not all(
            w.isupper() or w in PARTICLES for w in words):
        return None  # "AF II", "Vol VI": codes, not names
    start, end = spans[0][0], spans[-1][0] + len(spans[-1][1])
    if regnal:
        end = text.index(regnal, end) + len(regnal)
    upper = all(w.isupper() or w in PARTICLES for w in words)
    if _context_rejects(lines, start if by_office else chunk_start, end,
                        len(words) + len(title), upper, bool(title) and len(words) > 1):
        return None
    if regnal and len(words) <= 2 and not any(INITIAL_RE.fullmatch(w) for w in words):
        return Mention(start, end, text[start:end], text[start:end], "", " ".join(title),
                       "regnal")
    if title and fold_word(title[-1]) in SAINTS and len(words) == 1:
        return None  # "St Petersburg", "Saint Helena", "St. Peter": a place or a saint,
        # named by a given name; no family name either way
    given, family = split_name(words)
    if words[0] in CAPITAL_PARTICLES and len(words) > 1:
        given, family = "", " ".join(words)  # "De Witt", "Van der Lubbe": a family alone
    if (is_title(family) or fold_word(family) in TITLE_PREFIXES) and (
            not given or word_key(words[0]) in common or is_title(words[0]) or all(
                is_title(w) or fold_word(w) in TITLE_PREFIXES for w in given.split())):
        return None  # "Deputy Commissar of", "Foreign Minister", "Vice President": an office
    kind = ("possessive" if possessive else "title" if title
            else "initials" if given and all(INITIAL_RE.fullmatch(g) for g in given.split())
            else "full" if given else "surname")
    return Mention(start, end, text[start:end], family, given, " ".join(title), kind)


def structured_mentions(lines: TextLines, common: frozenset[str] = frozenset()) -> list[Mention]:
    """Speaker labels, inverted reference names and "A & B" author pairs.

    A speaker label is one where segmentation found a turn, and names someone when
    the one speaker-label rule says so (``is_person_label``), as resolution decides
    who said the turn. An inverted pair whose "family" the text also writes as a
    common word, or in capitals, or as a word derived from a name, is an index
    heading ("Trials, Moscow", "NKVD, Leningrad", "Stalinist mentalities") unless
    segmentation found a reference on its line."""
    text = lines.text
    found = []
    for start, label in lines.turns:
        if is_person_label(label):
            parts = title_case_name(label).split()
            found.append(Mention(start, start + len(label), label, parts[-1],
                                 " ".join(parts[:-1]), "", "speaker"))
    for m in INVERTED_RE.finditer(text):
        family, given = m.group(1), m.group(2)
        if fold_word(family) in NOT_PERSON | FUNCTION or fold_word(given) in NOT_PERSON or (
                is_acronym(family)):
            continue  # ("TsA, FSB": an archive's abbreviation, inverted in an index)
        if (fold_word(given) in STATE_ABBREVIATIONS and text.startswith(".", m.end(2))) or (
                " " not in given and _DATE_AFTER_RE.match(text, m.end(2))):
            continue  # a dateline: "Nashville, Tenn.", "LONDON, Jan. 3"
        heading = ((family.isupper() and len(family) <= 4) or _DERIVED_RE.search(family)
                   or word_key(family) in common or word_key(given.split()[0]) in common)
        if heading and not INITIAL_RE.match(given) and not lines.is_reference(m.start(1)):
            continue
        found.append(Mention(m.start(1), m.end(2), text[m.start(1):m.end(2)], family, given, "",
                             "inverted"))
    for m in AMP_RE.finditer(text):
        for g in (1, 2):
            found.append(Mention(m.start(g), m.end(g), m.group(g), m.group(g), "", "", "surname"))
    return found


def weak_full(mention: Mention, evidence: Evidence, known: frozenset[str]) -> bool:
    """Is a bare "Word Word" chunk a phrase ("Kremlin Affair", "Great Terror"), a place
    ("Young Italy") or made from a name ("Stalinist Mentalities")?"""
    words = mention.given.split() + [mention.family]
    if mention.text.casefold() in evidence.item_heads:
        return True  # "ELECTRIC BITTERS." heads the item: "Electric Bitters" is its subject
    if any(_DERIVED_RE.search(w) for w in words):
        return True  # "German Trotskyite": a word made from a name
    key = word_key(mention.family)
    if (key in evidence.common or key in evidence.nouns) and (
            surname_key(mention.family) not in known):
        return True  # a family name the text writes in lower case or as "the Germans.",
        # unless a cited author's
    return (surname_key(mention.family) in evidence.places and len(mention.given.split()) == 1
            and surname_key(mention.family) not in known)


def single_mention(text: str, start: int, word: str, families: set[str], givens: set[str]
                   ) -> Mention | None:
    """A lone word as a surname (known family) or given name (known given)."""
    possessive = bool(POSSESSIVE_RE.search(word))
    if possessive:
        word = word[:-2]
    folded = fold_word(word)
    if folded in FUNCTION or folded in NOT_PERSON or folded in TITLES or is_acronym(word):
        return None
    key = word_key(word)
    end = start + len(word)
    if _AFTER_ARTICLE_RE.search(text, max(0, start - 5), start) and _NOUN_USE_RE.match(
            text, end):
        return None  # "the Vendée.", "the Tsar of": a name takes "the" only as "the Stalin era"
    if key in families:
        return Mention(start, end, word, word, "", "", "possessive" if possessive else "surname")
    if key in givens and not word.isupper():
        return Mention(start, end, word, "", word, "", "given")
    return None
