"""Stage 4: person mentions in running text, found by the shape of names alone.

Recognition must hold on texts about any period and country, so nothing here
lists the corpus's people. It works from structure: a run of capitalised words
and initials ("R. R. Palmer", "Louis Antoine de Saint-Just") is a name unless
its shape says organisation, place or heading (it ends in "Committee", follows
"the" or "X of", stands alone on a line, precedes a colon); a title or rank
("General", "Dr.") licenses a single word; a reference line starts with an
inverted "Family, Given"; an upper-case word before a colon at line start is a
speaker. A bare word ("Robespierre", "Madero's") counts only when the same text
(or the caller, through ``known_families``) already used it as a family name,
because a lone capitalised word is far more often a place or a thing.

The only word lists are closed English function words, titles and generic
organisation/place/time nouns: general lexicon, not names.

Not yet a pipeline stage: on its hand-made gold (tests/fixtures/mentions,
``python bench/score_mentions.py``) it scores P 0.99 / R 0.97, but those texts
were used while writing it, and a spot check on unlabelled corpus text put
precision near 0.84, under the 0.90 that schema:mentions in users' graphs
needs. It joins the pipeline once a held-out gold shows the target.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from graph_builder.people.names import family_key, title_case_name
from graph_builder.references.rules import is_citation_line
from graph_builder.resolve import is_person_label

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


_UP = "".join(chr(c) for c in range(0x41, 0x2000) if chr(c).isupper() and chr(c).isalpha())
_U = f"[{re.escape(_UP)}]"
_L = r"[^\W\d_]"
_WORD = rf"(?:[dD][’']|O[’'])?{_U}{_L}+(?:[’'\-]{_L}+)*"
# an initial, also the two letters that stand for one Cyrillic letter ("G. Ya.", "Zh. A.")
_INITIAL = rf"(?:Ya|Ye|Yu|Yo|Ia|Iu|Zh|Kh|Ch|Sh|Ts|{_U})\.(?:-?{_U}\.)*"
_ABBR = (r"(?:Dr|Mr|Mrs|Ms|Mme|Mlle|Messrs|St|Gen|Col|Capt|Lt|Sgt|Rev|Prof|Hon|Fr|Gov|Pres|Sen"
         r"|Adm|Maj|Jr|Sr)\.")
_PARTICLES = ("de", "da", "das", "do", "dos", "du", "des", "del", "della", "di", "van", "von",
              "der", "den", "ter", "ten", "y", "bin", "ibn", "al", "la", "le")
_PART = "(?:" + "|".join(_PARTICLES) + ")"
_NICK = rf"[\"“]{_WORD}[\"”]"
_TOKEN = rf"(?:{_ABBR}|{_INITIAL}|{_WORD})"
_CHUNK_RE = re.compile(
    rf"(?<![\w’'.\-]){_TOKEN}(?:[ \t]+(?:{_PART}[ \t]+)?(?:{_TOKEN}|{_NICK}))*(?![\w’'])")
_SPEAKER_RE = re.compile(rf"^({_U}[{re.escape(_UP)}’'\- .]*{_U})[ \t]*:", re.M)
_FAMILY_INV = rf"{_WORD}(?: (?i:{_PART}) {_WORD})*"
_CREDIT_ABBR = r"(?:[Ee]ds?|[Tt]rans|[Cc]omp)\."
# "Family, I. V." / "Family, David M." / "Family, Walter." / "Family, Nikolai, 25" (an index)
# / "Family, Given (1893–1938)"; not "Tukhachevsky, Kondratev, and ...", a list of surnames
_GIVEN_INV = (rf"(?:{_INITIAL}(?: ?{_INITIAL})*|{_WORD}(?: {_WORD})*(?: {_INITIAL})+"
              rf"|{_WORD}(?: {_WORD})*(?=\.|,[ \t]*\d| \(| &|,[ \t]*{_CREDIT_ABBR}))")
_LEAD = r"^(?:[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+\.?[ \t]*|[^\n:]{0,25}:[ \t]+)?"
_INVERTED_RE = re.compile(rf"{_LEAD}({_FAMILY_INV}), ({_GIVEN_INV})", re.M)
_AMP_RE = re.compile(rf"{_LEAD}({_WORD}) & ({_WORD})(?=,)", re.M)
_POSSESSIVE_RE = re.compile(r"[’']s$")


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_FUNCTION = _words("""
a an the this that these those his her its their our my your some any every each no all both
in on at by for from with without into onto upon of to as after before during since until while
when where whom who whose which what why how if but and or nor yet so then thus also only even
outside inside under over between among against through throughout within beyond about across
although though because unless however therefore meanwhile moreover nevertheless indeed not
he she it we they you i me him us them one here there let whoever whatever
see cf later earlier certainly perhaps dear very take yes thank thanks please
despite toward towards behind beside besides near amid following regarding concerning like
unlike via except including according once now today soon still just never always often again
already instead rather neither either whether upon hence whereupon accordingly consequently
subsequently finally eventually afterwards nonetheless furthermore likewise otherwise
thereafter whereas notably similarly conversely additionally ultimately initially
is was were are be been being has had have do does did will would shall should may might can
could must many most much more few several such other another same own
""")
_ARTICLES = _words("the a an le la les el los las il lo der die das het")
_TITLES = _words("""
mr mrs ms miss mme mlle madame monsieur messrs dr prof professor sir dame lord lady
king queen prince princess duke duchess count countess baron baroness marquis emperor empress
tsar czar tsarina kaiser shah sultan emir pope cardinal bishop archbishop father brother sister
saint st rev reverend comrade citizen marshal general colonel major captain lieutenant sergeant
admiral commander gen col capt lt sgt adm maj governor gov president pres vice-president
chairman secretary minister premier chancellor senator sen ambassador consul judge justice
mayor deputy commissar comrades pastor doctor don doña señor señora herr frau hon
narkom commander commandant
""")
_TITLE_PREFIXES = _words("grand vice prime lord high chief first")  # "Grand Duke Leopold"
_ROMAN_RE = re.compile(r"(?=[IVXL])(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_TITLES = _TITLES | {t + "s" for t in _TITLES if not t.endswith("s")}
_TRAILING = frozenset({"jr", "sr", "ii", "iii", "iv", *_PARTICLES})
_NOT_PERSON = _words("""
committee committees commission council conseil comité party parties army armies navy congress
convention university universidad université college school press bureau ministry department office
revolution republic kingdom empire state states company corporation society church club tribunal
court assembly parliament senate duma soviet union league association institute academy library
archive archives museum bank embassy government administration agency police guard front movement
federation conference plan law laws act treaty decree code constitution journal review gazette
times news herald magazine history chronicle street square avenue road river lake mount mountains
island islands bay sea ocean cape valley province district county city town region oblast ciudad
san santa santo são fort port palace castle cathedral hall house prison camp station hotel theatre
year years chapter volume vol part book section article appendix notes note introduction preface
index days day north south east west northern
southern eastern western central national international new liberal source sources
war wars battle peace books affairs persons people peoples citizens univ publishers publishing
verlag editions
""")

_TIME = _words("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""")
_NOT_PERSON = _NOT_PERSON | _TIME
# "On 18 February Huerta arrested": the date leads the chunk but is not the name
_LEADING = _FUNCTION | _ARTICLES | _TIME
_WORDS_RE = re.compile(r"\S+")
_INITIAL_RE = re.compile(_INITIAL)

def _fold_word(word: str) -> str:
    return word.rstrip(".").casefold()


_key = functools.lru_cache(maxsize=65536)(family_key)


def _is_title(word: str) -> bool:
    """A title or rank, also as the last part of a compound ("Major-General")."""
    folded = _fold_word(word)
    return folded in _TITLES or ("-" in folded and folded.rsplit("-", 1)[1] in _TITLES)


def _plain(word: str) -> str:
    """A word folded for the function-word test; initials ("A.") never count as one."""
    return "" if word.endswith(".") else word.casefold()


def surname_key(family: str) -> str:
    """Key of a family name without its particles ("de Saint-Just" -> "saintjust")."""
    words = [w for w in re.split(r"\s+", family.strip()) if w.casefold() not in _PARTICLES]
    last = words[-1] if words else family
    last = re.sub(r"^[dD][’']", "", last)
    return family_key(last)


def _split(tokens: list[str]) -> tuple[str, str]:
    """(given, family) of name tokens; family runs from the first particle, else the last
    word, except where initials follow the name ("Postyshev A.", "Smith J. R.")."""
    trailing = len(tokens)
    while trailing > 1 and _INITIAL_RE.fullmatch(tokens[trailing - 1]):
        trailing -= 1
    if 0 < trailing < len(tokens) and not any(_INITIAL_RE.fullmatch(t) for t in tokens[:trailing]):
        return " ".join(tokens[trailing:]), " ".join(tokens[:trailing])
    for i, tok in enumerate(tokens[1:], 1):
        if tok in _PARTICLES or re.match(r"[dD][’']", tok):
            return " ".join(tokens[:i]), " ".join(tokens[i:])
    given = [t for t in tokens[:-1] if not t.startswith(("\"", "“"))]
    return " ".join(given), tokens[-1]


class _Lines:
    """Where each line of a text starts, found once, so the context of a mention costs
    about its window and not its whole line: a text on one line of 30 MB holds
    hundreds of thousands of mentions, and re-splitting the line for each made the
    stage quadratic."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]
        self._fill_end: dict[int, int] = {}  # line start -> end of its leading fill
        self._citation: dict[int, bool] = {}

    def start_of(self, pos: int) -> int:
        return self.starts[bisect.bisect_right(self.starts, pos) - 1]

    def end_of(self, pos: int) -> int:
        i = bisect.bisect_right(self.starts, pos)
        return self.starts[i] - 1 if i < len(self.starts) else len(self.text)

    def words_before(self, line_start: int, pos: int) -> list[str]:
        """The last two words of ``text[line_start:pos].split()``, read from a window
        that widens only while it may have cut the first of them."""
        width = 64
        while True:
            low = max(line_start, pos - width)
            parts = self.text[low:pos].rsplit(None, 2)
            if low == line_start:
                return parts[-2:]
            if len(parts) == 3:
                return parts[1:]
            width *= 4

    def only_fill_before(self, line_start: int, pos: int) -> bool:
        """Is ``text[line_start:pos]`` only " *#_" (Markdown emphasis and rules)?"""
        end = self._fill_end.get(line_start)
        if end is None:
            end = self._fill_end[line_start] = _LEAD_FILL_RE.match(self.text, line_start).end()
        return end >= pos

    def only_fill_after(self, pos: int, line_end: int) -> bool:
        """Is ``text[pos:line_end]`` only " *#_." (emphasis, rules, a full stop)?"""
        return _TRAIL_FILL_RE.match(self.text, pos, line_end).end() == line_end

    def is_citation(self, pos: int) -> bool:
        """Is the line holding ``pos`` a reference line? Asked once per line."""
        start = self.start_of(pos)
        if start not in self._citation:
            self._citation[start] = is_citation_line(self.text[start:self.end_of(pos)])
        return self._citation[start]


_NEWLINE_RE = re.compile(r"\n")
_LEAD_FILL_RE = re.compile(r"[ *#_]*+")
_TRAIL_FILL_RE = re.compile(r"[ *#_.]*+")


def _context_rejects(lines: _Lines, start: int, end: int, n_tokens: int, upper: bool) -> bool:
    """Shapes of organisations, places and headings around a multi-word chunk."""
    text = lines.text
    line_start = lines.start_of(start)
    prev = lines.words_before(line_start, start)
    if prev and prev[-1].casefold() in _ARTICLES:
        return True
    if len(prev) >= 2 and prev[-1] == "of" and prev[-2][:1].isupper():
        return True  # "Committee of Public Safety", "Plan of San Luis"
    if n_tokens > 1 and not upper and text.startswith(":", end):
        return True  # "New York: Knopf", "Original Source: ..."
    if prev and prev[-1][:1] in "([" and len(prev) >= 2 and _fold_word(prev[-2]) in _NOT_PERSON:
        return True  # "the Special Conference (Osoboe Soveshchanie)": a body's own name
    # a line holding only the chunk is a heading, unless it opens with initials: a
    # signature or byline ("J. STALIN", "N. I. Yezhov" under a letter)
    return (n_tokens > 1 and lines.only_fill_before(line_start, start)
            and lines.only_fill_after(end, lines.end_of(end))
            and not _INITIAL_RE.match(text, start))


def _chunk_mention(lines: _Lines, m: re.Match, common: frozenset[str] = frozenset()
                   ) -> Mention | None:
    """A mention from a capitalised chunk, or None when its shape says not-a-person."""
    text = lines.text
    raw = m.group(0)
    possessive = bool(_POSSESSIVE_RE.search(raw))
    if possessive:
        raw = raw[:-2]
    spans = [(t.start() + m.start(), t.group()) for t in _WORDS_RE.finditer(raw)]
    for i, (_, word) in enumerate(spans[:-1]):
        if _POSSESSIVE_RE.search(word):  # "Stalin’s Secret Service": the name ends at ’s
            if _fold_word(spans[i + 1][1]) in _NOT_PERSON:
                return None  # "St. Martin’s Press": a firm named after someone
            spans, possessive = spans[:i + 1], True
            spans[-1] = (spans[-1][0], word[:-2])
            break
    title, lead_article = [], False
    while spans and _plain(spans[0][1]) in _LEADING:
        lead_article = lead_article or spans[0][1].casefold() in _ARTICLES
        spans.pop(0)
    chunk_start = spans[0][0] if spans else m.end()
    # "Heavy Industry Commissar Sergo Ordzhonikidze", "Corps Commander Primakov": the
    # last title word ends the title, and the words before it belong to the title
    last_title = max((i for i, (_, w) in enumerate(spans[:-1]) if _is_title(w)),
                     default=-1)
    title = [w for _, w in spans[:last_title + 1]]
    spans = spans[last_title + 1:]
    while len(spans) > 1 and not title and (_key(spans[0][1]) in common or (
            _PARTICIPLE_RE.fullmatch(spans[0][1]) and _SENTENCE_START_RE.search(
                text, max(0, spans[0][0] - 4), spans[0][0]))):
        spans.pop(0)  # "Hence Beria", "Bolstering Khrushchev": a sentence's first word
        chunk_start = spans[0][0]
    regnal = ""
    if 1 < len(spans) <= 3 and _ROMAN_RE.fullmatch(spans[-1][1]):
        regnal = spans.pop()[1]  # "Pius IX", "Victor Emmanuel II"
    while spans and not regnal and _fold_word(spans[-1][1]) in _TRAILING:
        spans.pop()
    if not spans or lead_article:
        return None
    words = [w for _, w in spans]
    if all(_INITIAL_RE.fullmatch(w) for w in words):
        return None  # "G. Ya." after "Sokolnikov,": initials without their name
    folded = [_fold_word(w) for w in words]
    pairs = zip(words, folded, strict=True)
    if any(f in _NOT_PERSON or _plain(w) in _FUNCTION for w, f in pairs if f not in _PARTICLES):
        return None
    if any(w.isupper() and not w.endswith(".") for w in words) and not all(
            w.isupper() or w in _PARTICLES for w in words):
        return None  # "AF II", "Vol VI": codes, not names
    start, end = spans[0][0], spans[-1][0] + len(spans[-1][1])
    if regnal:
        end = text.index(regnal, end) + len(regnal)
    upper = all(w.isupper() or w in _PARTICLES for w in words)
    if _context_rejects(lines, chunk_start, end, len(words) + len(title), upper):
        return None
    if regnal and len(words) <= 2 and not any(_INITIAL_RE.fullmatch(w) for w in words):
        return Mention(start, end, text[start:end], text[start:end], "", " ".join(title),
                       "regnal")
    given, family = _split(words)
    if (_is_title(family) or _fold_word(family) in _TITLE_PREFIXES) and (
            not given or _key(words[0]) in common or _is_title(words[0])):
        return None  # "Deputy Commissar of", "Foreign Minister": an office, nobody's name
    kind = ("possessive" if possessive else "title" if title
            else "initials" if given and all(_INITIAL_RE.fullmatch(g) for g in given.split())
            else "full" if given else "surname")
    return Mention(start, end, text[start:end], family, given, " ".join(title), kind)


def _structured(lines: _Lines, common: frozenset[str] = frozenset()) -> list[Mention]:
    """Speaker labels, inverted reference names and "A & B" author pairs.

    An inverted pair whose "family" the text also writes as a common word, or in
    capitals, or as a word derived from a name, is an index heading ("Trials, Moscow",
    "NKVD, Leningrad", "Stalinist mentalities") unless its line is a reference."""
    text = lines.text
    found = []
    for m in _SPEAKER_RE.finditer(text):
        label = m.group(1).strip()
        if is_person_label(label) and not any(_fold_word(w) in _NOT_PERSON for w in label.split()):
            parts = title_case_name(label).split()
            found.append(Mention(m.start(1), m.start(1) + len(label), label, parts[-1],
                                 " ".join(parts[:-1]), "", "speaker"))
    for m in _INVERTED_RE.finditer(text):
        family, given = m.group(1), m.group(2)
        if _fold_word(family) in _NOT_PERSON | _FUNCTION or _fold_word(given) in _NOT_PERSON:
            continue
        heading = ((family.isupper() and len(family) <= 4) or _DERIVED_RE.search(family)
                   or _key(family) in common or _key(given.split()[0]) in common)
        if heading and not _INITIAL_RE.match(given) and not lines.is_citation(m.start(1)):
            continue
        found.append(Mention(m.start(1), m.end(2), text[m.start(1):m.end(2)], family, given, "",
                             "inverted"))
    for m in _AMP_RE.finditer(text):
        for g in (1, 2):
            found.append(Mention(m.start(g), m.end(g), m.group(g), m.group(g), "", "", "surname"))
    return found


def _covered(text: str, mentions: list[Mention]) -> bytearray:
    """A byte per character, 1 where an earlier mention already sits (O(1) overlap test)."""
    mask = bytearray(len(text))
    for x in mentions:
        mask[x.start:x.end] = b"\x01" * (x.end - x.start)
    return mask


@dataclass(frozen=True)
class _Evidence:
    """What the whole text says about its capitalised words, gathered once.

    ``common``: words the text also writes in lower case mid-sentence ("terror",
    "people"): common nouns, not family names. ``nouns``: capitalised words the
    text writes at least twice as "the NKVD." or "the OGPU of": names of bodies,
    not of people, who take "the" only before another noun ("the Stalin era").
    ``places``: words that follow
    "in", "into", "across" ... ("in Italy"): places. ``titles``: spans set in
    italics or inside a reference line after its author, where capitalised
    words are mostly titles of works ("The Kremlin and the People").
    """

    common: frozenset[str]  # folded with surname_key, like families
    nouns: frozenset[str]

    @functools.cached_property
    def descriptors(self) -> frozenset[str]:
        """Nouns and their singulars, which describe a person before a name: "Old
        Bolshevik Shabalkin" in a text that says "the Bolsheviks."."""
        return self.nouns | {n[:-1] for n in self.nouns if n.endswith("s")}
    places: frozenset[str]
    titles: tuple[tuple[int, int], ...]

    def in_title(self, start: int) -> bool:
        i = bisect.bisect_right(self.titles, (start, _LEN_MAX)) - 1
        return i >= 0 and self.titles[i][0] <= start < self.titles[i][1]


# "Bolstering Khrushchev": a participle opening a sentence is not a given name
_PARTICIPLE_RE = re.compile(r"[A-Z][a-z]{3,}ing")
# (a line break is read as its run's last one, so a run of blank lines is walked once)
_SENTENCE_START_RE = re.compile(r"(?:\A|[.!?:;\[(][\"“”’']?\s*+|\n[\"“”’']\s*+|\n[^\S\n]*+)\Z")
# a signature: initials and a surname in capitals ("J. STALIN", "V. M. MOLOTOV")
# (each initial is taken whole: "A.B." read as one initial or as two gave 2^n readings)
_SIGNATURE_RE = re.compile(rf"(?>{_INITIAL}\s?)+[^\W\d_]{{3,}}")
_LEN_MAX = 1 << 62  # sorts after any end offset in a (start, end) pair
_LOWER_WORD_RE = re.compile(r"(?<=[a-z,;] )[a-z][a-z’'\-]+")
_PLACE_PREP = r"\b(?:in|at|into|across|throughout|inside|within|near|invaded)"
_PLACE_RE = re.compile(rf"{_PLACE_PREP} ({_WORD})")
_AFTER_PLACE_PREP_RE = re.compile(rf"{_PLACE_PREP} \Z")
_ITALIC_RE = re.compile(r"(?<![\w*])[*_](?=\S)[^*_\n]{2,200}(?<=\S)[*_](?!\w)")
_DERIVED_RE = re.compile(r"^\w{4,}(?:ites?|ists?|isms?)$")
_CONNECTIVE_RE = re.compile(r" (?:and|of|the|to|in|on|for|a|an|with|at|by) ")
# a heading or table-of-contents line: every longer word capitalised
# (each word with its space is atomic: "AB" is a short word and a capitalised one, and
# trying both readings of every word doubled the work per word)
_HEADING_LINE_RE = re.compile(r"^[^\S\n]*+(?>(?:[^\W\d_]{1,3}|[A-ZÀ-Þ]\S*|[\d.:,;–—()\-]+)"
                              r"[^\S\n]+)*(?:[A-ZÀ-Þ]\S*|\d+)[^\S\n]*$")
_AFTER_ARTICLE_RE = re.compile(r"\b[Tt]he \Z")
# what ends a noun phrase after "the": "the Vendée.", "the Tsar of"
_NOUN_END = r"[.,;:!?)\]]|\s+of\b"
# (white space is entered only where its run starts, so no run is walked twice)
_NOUN_USE_RE = re.compile(r"(?:[’']s)?(?:[.,;:!?)\]]|(?<!\s)\s++(?:of\b|\Z)|\Z)")
_THE_NOUN_RE = re.compile(rf"\b[Tt]he ([A-ZÀ-Þ][\w’'\-]+?)(?:[’']s)?(?={_NOUN_END})")
_LINE_RE = re.compile(r"[^\n]+")
# where a reference line's title begins: an italic or quoted title, or the first
# sentence stop after a word ("Duranty, Walter. The Kremlin ..."), or ", The ..."
_TITLE_START_RE = re.compile(r"[*_“\"]|(?<=[a-z’'\)]{2}[.:]) |, (?=(?:The|A|An) )")
_CREDIT_RE = re.compile(r"(?:\bby|\btrans\.|\beds?\.|\band|&|;)\s*$")


def _evidence(text: str) -> _Evidence:
    common = frozenset(map(_key, set(_LOWER_WORD_RE.findall(text))))
    places = frozenset(_key(w) for w in _PLACE_RE.findall(text) if not _POSSESSIVE_RE.search(w))
    nouns = frozenset(_key(w) for w, n in Counter(_THE_NOUN_RE.findall(text)).items() if n > 1)
    titles = [(m.start(), m.end()) for m in _ITALIC_RE.finditer(text)]
    for line in _LINE_RE.finditer(text):
        if len(line.group()) < 80 and _CONNECTIVE_RE.search(line.group()) and (
                _HEADING_LINE_RE.match(line.group())):
            titles.append((line.start(), line.end()))
        elif len(line.group()) < 400 and is_citation_line(line.group()):
            title = _TITLE_START_RE.search(line.group())
            if title is not None:
                titles.append((line.start() + title.start(), line.end()))
    return _Evidence(common, nouns, places, tuple(sorted(titles)))


def find_person_mentions(text: str, known_families: frozenset[str] = frozenset()
                         ) -> list[Mention]:
    """Person mentions of ``text`` in order; ``known_families`` adds surnames to accept alone.

    Two passes: the first keeps only forms that show themselves to be names
    (several name words, initials, a title, a speaker label, a reference
    inversion, a regnal numeral) and learns their family names; the second
    accepts a lone capitalised word, possessive or upper-case heading word only
    when it is one of those families, or a given name of a person already
    named in full. Inside titles of works only the second pass runs, and a
    family learnt from a bare "Given Family" chunk is dropped when the text
    also uses it as a common word or a place.
    """
    evidence = _evidence(text)
    known = frozenset(surname_key(f) for f in known_families
                      if not (f.isupper() and len(f) <= 5))  # "NKVD" as an author: not a name
    lines = _Lines(text)
    mentions = _structured(lines, evidence.common)
    # families a reference, a speaker label or the caller vouches for are names even
    # where the text also uses them as a word or after "in" ("the story in Medvedev")
    vouched = known | {surname_key(x.family) for x in mentions}
    taken = _covered(text, mentions)  # chunks never overlap each other, only these
    singles: list[re.Match] = []
    not_given = evidence.common | evidence.descriptors  # words that never start a name
    for m in _CHUNK_RE.finditer(text):
        if 1 in taken[m.start():m.end()]:
            continue
        raw = m.group(0)
        if " " not in raw or (raw.isupper() and len(raw) > 2 and not _SIGNATURE_RE.fullmatch(
                raw)) or _AFTER_PLACE_PREP_RE.search(
                text, max(0, m.start() - 12), m.start()):
            singles.append(m)  # a lone word, heading, label or place: only known names count
            continue
        mention = _chunk_mention(lines, m, not_given)
        if mention is None or (mention.kind not in ("initials", "inverted") and (
                evidence.in_title(m.start())
                and not _CREDIT_RE.search(text[max(0, m.start() - 16):m.start()]))):
            singles.append(m)  # in a title of a work, or not a name as a whole
            continue
        if (not mention.given and not mention.title and mention.kind != "regnal") or (
                mention.text.isupper() and mention.kind not in ("title", "initials")):
            singles.append(m)
            continue
        if mention.kind == "full" and _weak_full(mention, evidence, vouched):
            singles.append(m)  # "Trotsky Papers", "Riutin Platform": a name inside a phrase
            continue
        mentions.append(mention)
    alone = Counter(m.group(0) for m in singles)
    mentions = _singular_families(_patronymic_address(_family_first(mentions, alone, vouched)))
    # a family known from elsewhere (a cited author) counts alone unless this text also
    # uses the word as a common noun or a place ("Service", "Washington")
    families = {k for k in known if k not in evidence.places and k not in evidence.common}
    families |= {surname_key(x.family) for x in mentions if x.kind != "regnal"}
    as_given = Counter(x.given.split()[0] for x in mentions
                       if x.kind == "full" and x.given and len(x.given.split()[0]) > 2)
    as_given.update(x.family.split()[0] for x in mentions if x.kind == "regnal")
    # a given name alone is trusted only when the text uses it mostly inside full names;
    # "Moscow" heads a few chunks ("Moscow Trials") but stands alone far more often
    givens = {family_key(g) for g, n in as_given.items() if alone[g] <= n}
    for m in singles:
        for word in re.finditer(rf"{_WORD}", m.group(0)):
            mention = _single(text, m.start() + word.start(), word.group(), families, givens)
            if mention is not None and not (
                    mention.kind == "given" and evidence.in_title(mention.start)):
                mentions.append(mention)
    # "deputy NKVD chief", "OGPU: powers of" (an index line): a body the text calls
    # "the NKVD" is no person, unless a reference cites it as one's family name
    return sorted((x for x in mentions if x.given or x.kind == "regnal" or _key(x.family)
                   not in evidence.nouns or surname_key(x.family) in known),
                  key=lambda x: x.start)


def _singular_families(mentions: list[Mention]) -> list[Mention]:
    """"the young Nikita Khrushchevs": a family with an added s is the family the text
    names elsewhere in full, with the same given name or more often (after a title
    does not count: "King William" is no reason to read "Roger Williams" as
    "Roger William")."""
    full = [x for x in mentions if x.given and x.kind in ("full", "initials", "inverted")]
    named = Counter(surname_key(x.family) for x in full)
    pairs = {(surname_key(x.family), x.given) for x in full}

    def plural(x: Mention) -> bool:
        if not x.family.endswith("s") or x.family.endswith("ss"):
            return False
        one = surname_key(x.family[:-1])
        return named[one] > named[surname_key(x.family)] or (one, x.given) in pairs

    return [replace(x, family=x.family[:-1]) if plural(x) else x for x in mentions]


def _family_first(mentions: list[Mention], alone: Counter[str], vouched: frozenset[str]
                  ) -> list[Mention]:
    """Swap "Ōkubo Toshimichi" to family Ōkubo when the text repeats the first word alone.

    Which part of a name a text repeats on its own is its family name, whatever the
    naming order of the language (Japanese, Chinese, Hungarian put it first). A last
    word vouched for as a family name (a cited author's, "Orlov, Alexander") stays one.
    """
    firsts_of: dict[str, set[str]] = {}
    for x in mentions:
        if x.given:
            firsts_of.setdefault(x.family, set()).add(x.given.split()[0])
    swapped = []
    for x in mentions:
        parts = x.given.split()
        shared = len(firsts_of.get(x.family, ())) > 1  # "Francisco/Gustavo Madero": a family
        if x.kind in ("full", "title") and len(parts) == 1 and alone[parts[0]] and not alone[
                x.family] and not shared and surname_key(x.family) not in vouched:
            x = Mention(x.start, x.end, x.text, parts[0], x.family, x.title, x.kind)
        swapped.append(x)
    return swapped


def _patronymic_address(mentions: list[Mention]) -> list[Mention]:
    """"Nikolai Ivanovich" is a given name and patronymic, not a family "Ivanovich", when the
    text also writes that word inside a longer name ("Nikolai Ivanovich Yezhov").

    Only the text's own usage decides: "Lazar Kaganovich" keeps its family name
    however Russian it sounds, unless the text writes "X Kaganovich Y" somewhere.
    """
    middles = {w for x in mentions if x.kind == "full" for w in x.given.split()[1:]}
    families = {x.family for x in mentions if x.kind != "full" or len(x.given.split()) > 1}
    out = []
    for x in mentions:
        if (x.kind == "full" and len(x.given.split()) == 1 and x.family in middles
                and x.family not in families):
            x = Mention(x.start, x.end, x.text, "", f"{x.given} {x.family}", x.title, "given")
        out.append(x)
    return out


def _weak_full(mention: Mention, evidence: _Evidence, known: frozenset[str]) -> bool:
    """Is a bare "Word Word" chunk a phrase ("Kremlin Affair", "Great Terror"), a place
    ("Young Italy") or made from a name ("Stalinist Mentalities")?"""
    words = mention.given.split() + [mention.family]
    if any(_DERIVED_RE.search(w) for w in words):
        return True  # "German Trotskyite": a word made from a name
    if (_key(mention.family) in evidence.common or _key(mention.family) in evidence.nouns) and (
            surname_key(mention.family) not in known):
        return True  # a family name the text writes in lower case or as "the Germans.",
        # unless a cited author's
    return (surname_key(mention.family) in evidence.places and len(mention.given.split()) == 1
            and surname_key(mention.family) not in known)


def _single(text: str, start: int, word: str, families: set[str], givens: set[str]
            ) -> Mention | None:
    """A lone word as a surname (known family) or given name (known given)."""
    possessive = bool(_POSSESSIVE_RE.search(word))
    if possessive:
        word = word[:-2]
    folded = _fold_word(word)
    if folded in _FUNCTION or folded in _NOT_PERSON or folded in _TITLES:
        return None
    key = _key(word)
    end = start + len(word)
    if _AFTER_ARTICLE_RE.search(text, max(0, start - 5), start) and _NOUN_USE_RE.match(
            text, end):
        return None  # "the Vendée.", "the Tsar of": a name takes "the" only as "the Stalin era"
    if key in families:
        return Mention(start, end, word, word, "", "", "possessive" if possessive else "surname")
    if key in givens and not word.isupper():
        return Mention(start, end, word, "", word, "", "given")
    return None
