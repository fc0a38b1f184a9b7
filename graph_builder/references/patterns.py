"""The shapes the parts of a scholarly note take, as regular expressions.

One vocabulary for ``notes_split`` (which cuts a note into references) and
``notes_resolve`` (which completes them): personal names as Chicago notes print
them (given names first, "eds." after), dates and issues of periodicals, page
locators, imprints, and Russian archival shelfmarks (fond, opis', delo, list:
``RGASPI, f. 17, op. 2, d. 453, ll. 53–61``). Shapes only, never a list of
known authors or works.
"""

from __future__ import annotations

import re

from graph_builder.support.text_patterns import MONTH, YEAR

_CAP = "A-ZÀ-ÖØ-Þ"


def first_capital(word: str, cap: str = _CAP, reach: int = 8) -> str:
    """Lookbehinds that let a capitalised word start only at the first capital of its run
    of ``word`` characters (within ``reach``): a later capital ("Kh" in "RTsKhIDNI")
    matches nothing the first one does not, and trying every capital of a long run
    ("AbAbAb...") again made a scan quadratic."""
    return "".join(rf"(?<![{cap}]{word}{{{k}}})" for k in range(reach))


_FIRST_WORD = first_capital(r"[\w’']")
_FIRST_NAME = first_capital(r"[\w’'\-]")
_FIRST_LATIN = first_capital(r"[\w’']", "A-Z")
_FIRST_ACRONYM = first_capital("[A-Za-z]", "A-Z")


# -- names ---------------------------------------------------------------------
# Capitalised words that open commentary, never a name ("See Getty, ...").
_STOP = (r"(?:See|For|In|On|The|Also|And|Thus|Here|This|That|These|It|As|At|By|Cf|Quoted"
         r"|Published|Printed|Calculated|According|Letter|Memo|Resolution|Speech|Ibid|Note)\b")
_WORD = rf"(?!{_STOP})[{_CAP}][\w’'\-]+"
_INITIAL = rf"[{_CAP}][a-z]?\."  # "J." and "Yu."
_PERSON = rf"(?:{_INITIAL}\s?|{_WORD}\s){{1,3}}{_WORD}(?:,\sJr\.)?(?:\s\([^()]{{1,40}}\))?"
_PERSONS = rf"{_PERSON}(?:,\s{_PERSON}){{0,8}}(?:,?\s(?:and|&)\s{_PERSON})?(?:,?\set\sal\.)?"
FAMILIES = rf"{_WORD}(?:(?:,\s{_WORD}){{0,8}},?\s(?:and|&)\s{_WORD})?(?:,?\set\sal\.)?"
_ROLE = r"(?:,\s(?:eds?\.|editors?|comp\.)|\s\(eds?\.\))"
# Names that end just before a title: "Robert Conquest, ", "V. N. Khaustov et al., eds. ",
# "Getty and Naumov, " (a short form), "Stalin’s " (a possessive).
LEAD_NAMES = re.compile(
    rf"(?<![\w’'\-.])(?:(?P<full>{_PERSONS})(?:{_ROLE},?|,)|(?P<short>{FAMILIES}),"
    rf"|(?P<poss>{_WORD})[’']s)\s\Z")
NAMES_FIRST = re.compile(rf"(?:{_PERSONS}|{FAMILIES}),\s")

# -- dates, issues, locators -----------------------------------------------------
# (YEAR and MONTH are the ones every stage uses: support.text_patterns)
_DAYMONTH = rf"(?:\d{{1,2}}(?:(?:,\s|–)\d{{1,2}})*\s{MONTH}|{MONTH}\s\d{{1,2}},?)"
# "2 March 1930", "October 30, 1936", "29 March and 1 April 1937", "6, 8, 11 December 1934"
DATE = (rf"{_DAYMONTH}(?:\s\d{{1,2}})?(?:\s{YEAR})?(?:\s?(?:and|–)\s?{_DAYMONTH})?"
        rf"(?:\s\d{{1,2}})?\s{YEAR}")
_PAGE = r"(?:[A-Z]-)?\d+(?:ob)?(?:\s?[–-]\s?\d+(?:ob)?)?|[ivxlc]+(?:[–-][ivxlc]+)?"
_PAGES = (rf"(?:(?:pp?|ll?)\.,?\s?)?(?:{_PAGE})(?:,\s?(?:{_PAGE}))*"
          rf"(?:,?\s(?:and|&)\s(?:{_PAGE})(?!,\snos?\.))?(?:\sff\.)?")
# A locator: "410–12", "p. 150", "13: 72" (volume: page), "chapter 2", "appendix".
LOC = (rf"\d+:\s?(?:{_PAGE})|{_PAGES}|(?:chapters?|parts?)\s\d+(?:\s(?:and|–)\s\d+)?"
       rf"|appendix")
# What may follow a locator: the end, punctuation, a parenthesis or a commentary word.
LOC_END = r"(?=\.?\s*$|[.;:]\s|,\s|\s\(|\s(?:and|for|based|was|is|from|uses|quoting)\b)"
# An issue of a periodical: "no. 7, 1989", "nos. 5–6, 1995", "1989, no. 6", "1993/0".
ISSUE = (rf"(?:(?:vyp\.|vypusk)\s\d+,\s)?(?:nos?\.\s?\d+(?:\s?(?:[–-]|and)\s?\d+)?,\s"
         rf"(?:{DATE}|(?:{MONTH}\s)?{YEAR})|{YEAR}(?:/\d+)?,\snos?\.\s?\d+(?:[–-]\d+)?"
         rf"|{YEAR}/\d+)")
TAIL_LOC = rf"(?:,\s(?P<loc>{LOC}){LOC_END})?"
_AFTER_TITLE = r"(?:,|(?<=,[”\"]))\s"  # Chicago puts the comma inside the closing quote

# Anchors close a reference: what may end one after its title.
ANCHORS = [
    ("imprint", re.compile(rf"\s?\((?:[^()]|\([^()]*\))*?\b{YEAR}\)"
                           rf"(?:,\s(?:{DATE},\s)?(?P<loc>{LOC}){LOC_END})?")),
    ("issue", re.compile(rf"{_AFTER_TITLE}{ISSUE}{TAIL_LOC}")),
    ("date", re.compile(rf"{_AFTER_TITLE}{DATE}{TAIL_LOC}")),
    ("locator", re.compile(rf"(?:(?<=\*),|(?<=,[”\"]))\s(?P<loc>{LOC}){LOC_END}")),
    ("year", re.compile(rf"{_AFTER_TITLE}(?:{DATE}|{YEAR}){TAIL_LOC}(?=\.?\s*$|[.;]\s)")),
]
IMPRINT = re.compile(rf"\((?:[^()]|\([^()]*\))*?\b{YEAR}\)")

# -- titles ----------------------------------------------------------------------
ITALIC = re.compile(r"\*(?!\s)[^*\n]+?\*")
QUOTED = re.compile(r"“[^“”\n]+”|\"[^\"\n]+\"")
TITLE = re.compile(rf"{ITALIC.pattern}|{QUOTED.pattern}")
IBID = re.compile(rf"\*?\b[Ii]bid\.?\*?(?:,\s(?:{YEAR},\s)?(?P<loc>{LOC}){LOC_END})?")
# A periodical named without italics: "Pravda, 6 March 1937", "Voprosy istorii, no. 2, ...".
# (the patterns below that open on a capitalised word start at a word's first capital:
# one tried again from every capital of "RTsKhIDNI" did quadratic work on a long word)
PERIODICAL = re.compile(rf"{_FIRST_WORD}[{_CAP}][\w’']+(?:\s[\w’'][\w’']*){{0,2}}"
                        rf"(?=,\s(?:{ISSUE}|{DATE}))")
# A short form without italics: "Getty and Naumov, Yezhov, 139–40", "Cohen, Bukharin".
SHORT_PLAIN = re.compile(
    rf"{_FIRST_NAME}(?P<names>{FAMILIES}),\s(?P<title>[{_CAP}][\w’'\-]+(?:\s[\w’'\-]+){{0,5}}?)"
    rf"(?:,\s(?P<loc>{LOC}){LOC_END}|(?=[.,;]?\s*$|,\s))")
COLLECTION = re.compile(_FIRST_LATIN + r"(?:[A-Z][\w’']+\s){1,2}Papers(?:\s\([^()]*\))?"
                        r"(?:,\s[A-Z][^,;()]*){0,3}(?:,\s[A-Z]?-?\d+)?")

# -- archival shelfmarks -------------------------------------------------------------
# RGASPI, RTsKhIDNI, TsA FSB: a word with a second capital, read once
_ACRONYM = r"[A-Z](?=[a-z]*+[A-Z])[A-Za-z]*+(?:\s[A-Z]{2,}+)?"
_LONG_ARCHIVE = (r"[A-Z][\w’']+(?:\s[a-z][\w’']+){0,2}\s(?:arkhiv|[Aa]rchive)(?:\s[\w’']+){0,4}?"
                 r"\s\((?:hereafter\s)?(?P<acr>[A-Z][A-Za-z]+)\)")
_ARCHIVE = (rf"(?:{_LONG_ARCHIVE}|(?:[A-Z][\w’']+\s){{1,2}}Archive|{_ACRONYM}"
            rf"(?:\s\([^()]{{3,80}}\))?)")
_ABBR = r"fond|file|opis[’']?|delo|vols?|por|op|dd|d|f"
_LEVEL = rf"\b(?:{_ABBR})(?:\.\s?|\s)\d[\w/]*(?:[–-]\d[\w/]*)?(?:\sand\s\d+)?"
_LEAF = r"\d+(?:ob)?(?:\s?[–-]\s?\d+(?:ob)?)?"
_LEAVES = rf"\b(?:listy|list|ll|l)(?:\.,?\s?|\s)(?P<leaves>{_LEAF}(?:,\s?{_LEAF})*)(?:\sff\.)?"
SHELF = re.compile(rf"(?:{_LEVEL}|{_LEAVES.replace('(?P<leaves>', '(?:')})"
                   rf"(?:[,.]?\s(?:{_LEVEL}|{_LEAVES.replace('(?P<leaves>', '(?:')}))*")
ARCHIVAL = re.compile(rf"{_FIRST_ACRONYM}(?P<archive>{_ARCHIVE}),?\s(?P<shelf>{SHELF.pattern}"
                      rf"|collection of documents)")
LEVEL_ITEM = re.compile(
    rf"\b(?P<abbr>{_ABBR}|listy|list|ll|l)(?:\.,?\s?|\s)(?P<val>\d.*?)"
    rf"(?=[,.]?\s(?:{_ABBR}|listy|list|ll|l)\b|$)")
ISSUE_CONTINUATION = re.compile(rf"{ISSUE}{TAIL_LOC.replace('(?P<loc>', '(?:')}")

# -- commentary ------------------------------------------------------------------------
# Words that end commentary and lead to a reference: "see", "see also", "in", "as", ":".
CUE = re.compile(r"(?:(?:^|[\s(])(?:[Ss]ee(?:\salso)?(?:,\sfor\sexample)?|[Ii]n|as|called|by"
                 r"|from|is|was|are|and|example|cf\.|[Aa]lso)|:)[\s,]*\Z")
WORD_CUE = re.compile(r"(?:^|\s)(?:[Ss]ee(?:\salso)?|in|as|by|from|called|and)\s")
# English words of running prose; titles in a reference are italic or quoted, so these
# outside a title say "commentary".
PROSE = re.compile(r"\b(?:see|for|the|was|were|is|are|which|that|this|these|those|his|her"
                   r"|their|its|it|had|has|have|been|be|not|only|from|with|who|when|where"
                   r"|there|here|quoted|cited|example|discussion|analysis|background|copy"
                   r"|account)\b", re.I)
# Words whose full stop does not end a sentence ("op. 2", "eds.", "Mass.", "1934g.").
ABBREVIATIONS = frozenset({
    "f", "op", "d", "dd", "l", "ll", "ed", "eds", "trans", "vol", "vols", "no", "nos", "p",
    "pp", "ch", "chap", "al", "jr", "sr", "mass", "ind", "conn", "calif", "ont", "st", "pseud",
    "diss", "dr", "tom", "cf", "vs", "g", "gg", "vyp", "rev", "comp", "univ", "co", "inc", "ltd",
})
INITIAL_TOKEN = re.compile(rf"[{_CAP}][a-z]?|\d*gg?")


def names_of(text: str) -> tuple[tuple[str, str], ...]:
    """'Oleg V. Khlevniuk and Getty' -> (('Khlevniuk', 'Oleg V.'), ('Getty', '')): the
    family name is the last word of each name."""
    text = re.sub(r"\s\([^()]*\)|,\sJr\.|,?\set\sal\.", "", text)
    parts = [p.split() for p in re.split(r",\s(?:and\s)?|\s(?:and|&)\s", text) if p.strip()]
    return tuple((words[-1], " ".join(words[:-1])) for words in parts)


def pages_of(loc: str | None) -> str:
    """'ll. 79–79ob' -> '79–79ob': the locator without its 'p.' or 'l.' label."""
    return re.sub(r"^(?:pp?|ll?)\.,?\s?", "", loc or "")


def leaves_of(shelf: str) -> str:
    """The leaves ('l.'/'ll.') of a shelfmark, as printed."""
    m = re.search(_LEAVES, shelf)
    return m["leaves"] if m else ""


def archive_name(printed: str) -> str:
    """'Rossiiskii ... arkhiv ... (hereafter RGANI)' -> 'RGANI'; 'RGALI (Russian ...)' ->
    'RGALI': the acronym a shelfmark goes by."""
    m = re.fullmatch(_LONG_ARCHIVE, printed)
    if m:
        return m["acr"]
    return re.sub(r"\s\([^()]*\)$", "", printed)
