"""The rule parser for the corpus's own citation styles.

The corpus cites its sources in a loose house style (``Surname, Given. Title.
Place: Publisher, 1941, p. 136``) mixed with Chicago notes (``J. Arch Getty,
Title (Place: Publisher, 1985), p. 190.``), journal articles with quoted
titles and archival shelfmarks. There is no list of known authors or works in
here: every decision rests on the shape of the string (name patterns, an
imprint, a year, a page locator), so new sources parse the same way.

Parsing peels recognised pieces off the string one by one (notes, shelfmark,
page locator, volume, contributors, authors) and reads what remains as an
article (quoted title + journal) or a book (title + imprint). It is plain
precompiled regular expressions, never raises, and says in ``warnings`` what it
could not find. The shapes it shares with the citation-line spotter
(``citation_lines``) live in ``rule_grammar``, so the two cannot drift apart.
``graph_builder.references`` decides when this parser's reading is trusted.
"""

from __future__ import annotations

import re

from graph_builder.records import Reference
from graph_builder.references.archive import find_shelfmark
from graph_builder.references.periodicals import as_periodical_issue, iso_date
from graph_builder.references.rule_grammar import (
    ANY_YEAR,
    BOUND,
    CAP,
    DATE_WORD,
    GIVEN_FIRST,
    GIVEN_FIRST_AUTHOR,
    LOCATOR,
    NOT_DATE,
    PAREN_IMPRINT,
    PAREN_YEAR,
    PLACE,
    PLACE_PART,
    PUB,
    QUOTE,
    WORD,
    YEAR_GROUP,
    given_first_name,
    inverted_names,
    normalise,
    pair_names,
)

__all__ = ["parse_with_rules", "read_with_rules"]

_MAX_PARSE = 600  # bounds regex work on arbitrary input; real references are shorter

_ws = re.compile(r"\s+")
_repeat_sep = re.compile(r"([.,;:?!])(?:\s+[.,;])+")
# (white space is entered where its run starts, not again from each of its characters)
_notes = re.compile(r"(?!(?<=\s)\s)\s*+\[[^\]]*\]")
_bare_pages = re.compile(r"(?<=\))\s*,?\s*(?P<pages>\d+(?:\s?[-–]\s?\d+)?)\.?\s*$")
_volume = re.compile(r"\b(?:Vol(?:ume)?|vol)\.?\s?(?P<v>[IVXLC]+|\d+[A-Za-z]?)\b\.?")
_issue = re.compile(r"\b(?:No|no|Nr|Issue)\.\s?(?P<n>\d+)\b")
_year_or_paren_before = re.compile(rf"(?:{YEAR_GROUP}|\)|\d|\b[Vv]ol\.?\s?\w+)[\s.,;]*$")
_empty_parens = re.compile(r"\(\s*[,;]?\s*\)")
_contrib = re.compile(
    rf",?(?!(?<=\s)\s)\s*+(?P<role>[Tt]ranslated|[Tt]rans\.|[Ee]dited|[Ee]d\.|[Cc]ompiled)\s+by\s+"
    rf"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.\s)?(?P<names>{GIVEN_FIRST}(?:\s(?:and|&)\s{GIVEN_FIRST})?)"
)
_join = re.compile(r"\s(?:and|&)\s")
_role = re.compile(
    r"(?P<role>Trans\.\s(?:and|&)\sEds?\.|Eds?\.\s(?:and|&)\sTrans\.|Eds?\.|Trans\."
    r"|[Ee]ditors?|[Ee]ds?\.|[Cc]omp\.|[Tt]ranslator)(?:[.,]?\s+|$)"
)
_imprint = re.compile(
    rf"{BOUND}(?P<place>{PLACE})\s?:\s?{NOT_DATE}(?P<pub>{PUB})(?:[.,]\s*{YEAR_GROUP})?[\s.,)]*$"
)
_trailing_date = re.compile(
    rf"[.,]?(?!(?<=\s)\s)\s*+(?P<date>(?:\d{{1,2}}\s)?{DATE_WORD}\s(?:\d{{1,2}},?\s?)?)?"
    rf"{YEAR_GROUP}[\s.,)]*$"
)
_PUB_TAIL = rf"(?P<pub>{CAP}[^,]*)$"
_plain_dot_imprint = re.compile(rf"^(?P<title>.*\w\w[.?!”])\s(?P<place>{PLACE}),\s{_PUB_TAIL}")
_plain_comma_imprint = re.compile(rf"^(?P<title>.+?),\s(?P<place>{PLACE_PART}),\s{_PUB_TAIL}")
# "Slavic Review 45 (1986)", "Science, 220 (4598)": a volume, then its date or its issue,
# whose four digits need not be a year
_journal_tail = re.compile(
    r"\s(?P<c>[A-Z][^.?!”\"(]*?)\s(?P<vol>\d+)\s?\((?P<date>[^()]*?\d{4})\)[\s.,]*$"
)
_org = re.compile(
    rf"^(?P<org>{WORD}(?:\s(?:of|for|and|the|&|{WORD})){{1,6}})\.\s(?P<rest>{CAP}.*)$"
)
_container = re.compile(r"(?P<c>[A-Z][^(\d:,]*?)\s*+(?:(?P<vol>\d+)\b)?\s*+(?:[,:(]|$)")
_ibid_note = re.compile(r"^[*_]?(?:ibid|op\.\s?cit)\b", re.I)
_ibid_page = re.compile(
    r"^[*_]?(?:ibid|op\.\s?cit)\.?[*_]?,?\s*(?P<pages>\d+(?:\s?[–-]\s?\d+)?)\.?$", re.I
)
_paren_year_end = re.compile(rf"\s?\(\s?{YEAR_GROUP}\s?\)[\s.,]*$")
_inner_stop = re.compile(r"[.?!]\s")
_url = re.compile(r"(?!(?<=\s)\s)\s*+(?:https?://|www\.)\S*")
_keep_dot = re.compile(r"\b(?:Co|Inc|Ltd|Jr|Sr|St)\.$", re.I)
_abbreviation_end = re.compile(r"\b(?:Co|Inc|Ltd)$", re.I)


# -- parsing -----------------------------------------------------------------
def parse_with_rules(text: str) -> Reference:
    """Parse one reference string; never raises, missing parts go to ``warnings``."""
    return read_with_rules(text)[0]


def read_with_rules(text: str) -> tuple[Reference, frozenset[str]]:
    """The rules' reading and the structures they recognised on the way.

    The evidence names what matched: ``ibid``, ``shelfmark`` (with the
    archive's name), ``names``, ``locator``, ``paren-imprint`` ('(Place:
    Publisher, Year)'), ``imprint`` and ``imprint-year`` ('Place: Publisher,
    Year' at the end), ``quoted``, ``journal-tail``, ``plain-imprint``, ``title-year``
    (names, a title and a year with no imprint: 'Surname, Given. Title. 1998').
    """
    f: dict = {"warnings": [], "evidence": set()}
    s = normalise(text)
    if len(s) > _MAX_PARSE:
        s = s[:_MAX_PARSE]
        f["warnings"].append("reference truncated")
    s, notes = _take_notes(s)
    if _ibid_note.match(s):
        f["evidence"].add("ibid")
        _take_locator(s, f)
        bare = _ibid_page.match(s)  # "*Ibid.*, 18": notes print the page without "p."
        if bare and not f.get("pages"):
            f["pages"] = bare["pages"]
        f["warnings"].append("refers to the previous reference (ibid.)")
        return _finish(text, f)
    s = _take_archive(s, f)
    s = _take_locator(s, f)
    s = _take_volume_issue(s, f)
    s = _take_contributors(s, f)
    s = _take_authors(s, f)
    quoted = QUOTE.search(s)
    if quoted:
        _parse_article(s, quoted, f)
    else:
        _parse_book(s, f)
    if not f.get("year"):
        f["year"] = _year_of(s) or _year_of(notes)
    return _finish(text, f)


def _year_of(s: str) -> str:
    """The first plausible year (support.text_patterns.YEAR, 'c1999' too) in a string, or ''."""
    m = ANY_YEAR.search(s)
    return m["year"] if m else ""


def _tidy(s: str) -> str:
    """Rejoin a string after a piece was cut out: no doubled separators or edges."""
    s = _empty_parens.sub(", ", s)  # "(Vol. 1, No. 2) Commack" still ends a segment
    s = _repeat_sep.sub(r"\1", _ws.sub(" ", s))
    return s.strip(" ,;:")


def _take_notes(s: str) -> tuple[str, str]:
    """Bracketed notes ('[p. 160 on the NET]') are a second locator, not the citation."""
    notes = " ".join(m.group() for m in _notes.finditer(s))
    stripped = _url.sub("", _notes.sub("", s))
    return (_tidy(stripped), notes) if stripped.strip() else (s, "")


# an archive's name spelt out before the acronym the shelfmark goes by
_archive_spelt_out = re.compile(
    r",?\s?[A-Z][\w’']{1,40}(?:\s[a-z][\w’']{1,40}){0,2}\s(?:arkhiv|[Aa]rchive)"
    r"(?:\s[\w’']{1,40}){0,4}\s?\((?:hereafter\s)?$")  # (bounded words: searched to the end)


def _take_archive(s: str, f: dict) -> str:
    """Archival shelfmarks ('RGASPI, f. 17, op. 2, d. 453, l. 3') name a file, not a book."""
    mark = find_shelfmark(s)
    if mark is None:
        return s
    f["evidence"].add("shelfmark" if mark.archive else "bare-shelfmark")
    f.update(archive=mark.archive, archive_location=mark.location, fond=mark.fond,
             opis=mark.opis, delo=mark.delo, folio=mark.folio)
    if mark.folio:
        f["pages"] = mark.folio
    head = s[: mark.start]
    spelt = _archive_spelt_out.search(head) if head.endswith(("(", " ")) else None
    if spelt:  # "..., Rossiiskii ... arkhiv ... (hereafter RGANI), fond 89": the name's words
        head = head[: spelt.start()]
    return _tidy(head + " " + s[mark.end :])


def _take_locator(s: str, f: dict) -> str:
    """The last 'p.'/'pp.' is the locator; articles may print bare pages after '(1986),'."""
    found = list(LOCATOR.finditer(s))
    if found:
        m = found[-1]
        # A locator that ends the string after a year or an imprint points into the
        # work ("..., 1941, p. 136"): the shape of a note, not of a bibliography entry.
        at_end = not s[m.end() :].strip(" .,;")
        after = _year_or_paren_before.search(s[: m.start()])
        f["evidence"].add("pinpoint" if at_end and after else "locator")
        f.setdefault("pages", m["pages"])
        return _tidy(s[: m.start()] + " " + s[m.end() :])
    m = _bare_pages.search(s)
    if m and not f.get("pages"):
        f["evidence"].add("pinpoint")  # "Slavic Review 45 (1986), 242-243."
        f["pages"] = m["pages"]
        return _tidy(s[: m.start()])
    return s


def _take_volume_issue(s: str, f: dict) -> str:
    """'Vol. 6' and 'No. 1' sit anywhere (after the year, inside parentheses)."""
    for key, rx, group in (("volume", _volume, "v"), ("issue", _issue, "n")):
        m = rx.search(s)
        if m:
            f[key] = m[group]
            s = _tidy(s[: m.start()] + " " + s[m.end() :])
    return s


def _take_contributors(s: str, f: dict) -> str:
    """'translated by Vadim A. Staklo' names a translator and would look like a place."""
    m = _contrib.search(s)
    if not m:
        return s
    names = tuple(given_first_name(n) for n in _join.split(m["names"]))
    f["editors" if m["role"].lower().startswith("ed") else "translators"] = names
    return _tidy(s[: m.start()] + ", " + s[m.end() :])


def _take_authors(s: str, f: dict) -> str:
    """Read the names at the start, then a role ('Eds.', 'Trans. and Ed.'), and cut them off."""
    found = inverted_names(s) or pair_names(s)
    if found is None and (PAREN_IMPRINT.search(s) or PAREN_YEAR.search(s)):
        m = GIVEN_FIRST_AUTHOR.match(s)  # Chicago notes: "Robert H. McNeal, editor, ..."
        if m and (PAREN_IMPRINT.search(s) or s[m.end():][:1].isupper()):
            found = ((given_first_name(m["name"]),), m.end())
    if found is None:
        return s
    f["evidence"].add("names")
    names, pos = found
    role = _role.match(s, pos)
    key = "authors"
    if role:
        pos = role.end()
        label = role["role"].lower()
        if "trans" in label:
            f["translators"] = names
            key = "editors" if "ed" in label.replace("trans", "") else ""
        else:
            key = "editors"
    if key:
        f[key] = names
    return s[pos:]


def _parse_article(s: str, quoted: re.Match, f: dict) -> None:
    """A quoted title is an article (journal follows) or a chapter (an imprint follows)."""
    f["evidence"].add("quoted")
    f["title"] = _clean_title(quoted["t"])
    before = s[: quoted.start()].strip(" ,.;:")
    rest = s[quoted.end() :].strip(" ,.;:")
    imprint = _imprint.search(rest)
    if imprint:
        f["evidence"].update(("imprint", "imprint-year") if imprint["year"] else ("imprint",))
        f.update(kind="chapter", container_title=before, place=imprint["place"])
        f.update(publisher=_clean_title(imprint["pub"]), year=imprint["year"] or "")
        return
    m = _container.match(rest)
    if m and m["c"].strip():
        if before:  # words between the names and the quoted title that nothing read
            f["evidence"].add("leftover")
        f["container_title"] = m["c"].strip()
        if m["vol"] and not f.get("volume"):
            f["volume"] = m["vol"]
    elif before:
        f["container_title"] = before
    f["year"] = _year_of(rest)
    f["kind"] = "article" if f.get("container_title") else "document"


def _parse_book(s: str, f: dict) -> None:
    """Title then imprint: '(Place: Publisher, Year)', 'Place: Publisher, Year' or commas."""
    paren = PAREN_IMPRINT.search(s)
    imprint = None if paren else _imprint.search(s)
    journal = None if paren or imprint else _journal_tail.search(s)
    date = ""
    f["evidence"].update(name for name, m in (("paren-imprint", paren), ("imprint", imprint),
                                              ("journal-tail", journal)) if m)
    if imprint and imprint["year"]:
        f["evidence"].add("imprint-year")
    if paren:
        head = s[: paren.start()]
        place, pub, year = paren["place"] or paren["city"], paren["pub"] or "", paren["year"]
    elif imprint:
        head, place, pub, year = s[: imprint.start()], *imprint.group("place", "pub", "year")
        pub = _keep_abbreviation_dot(pub, s[imprint.end("pub") :])
    elif journal:  # 'Title? Journal 13 (1987)': an article whose title is not in quotes
        f.update(container_title=journal["c"], volume=f.get("volume") or journal["vol"])
        head, place, pub = s[: journal.start()], "", ""
        year = _year_of(journal["date"])
    elif dated := _paren_year_end.search(s):  # "Title (1822)": Chicago without a place
        head, place, pub, year = s[: dated.start()], "", "", dated["year"]
        if "names" in f["evidence"] and not _inner_stop.search(head.strip(" ,;:.")):
            f["evidence"].add("title-year")
    else:
        head, date, year = _split_trailing_date(s)
        if date:
            f["evidence"].add("dated")
        head, place, pub = _split_plain_imprint(head)
        if place:
            f["evidence"].add("plain-imprint")
        elif year and not date and "names" in f["evidence"] and not _inner_stop.search(
                head.strip(" ,;:.")):  # "Title. Boston, 1942": a place the rules missed
            f["evidence"].add("title-year")  # "Surname, Given. Title. 1998": no imprint
    head = head.strip(" ,;:")
    if not any(f.get(k) for k in ("authors", "editors", "translators")):
        org = _org.match(head)
        if org and (paren or imprint or place):
            f["organization"], head = org["org"], org["rest"]
    f.update(title=_clean_title(head), place=(place or "").strip(), year=year or "")
    f["publisher"] = _clean_title(pub or "")
    f["kind"] = "article" if journal else _book_kind(f, bool(paren or imprint or place), date)
    if f["kind"] == "unknown":  # bare text with no name, date or imprint is no evidence of a work
        f["title"] = ""


def _split_trailing_date(s: str) -> tuple[str, str, str]:
    """'Title, 15 June 1998.' -> ('Title', '15 June ', '1998')."""
    m = _trailing_date.search(s)
    if not m:
        return s, "", ""
    return _keep_abbreviation_dot(s[: m.start()], s[m.start() :]), m["date"] or "", m["year"]


def _keep_abbreviation_dot(text: str, rest: str) -> str:
    """'John Day Co. 1971': the one dot ends both the abbreviation and the publisher."""
    return text + "." if rest.startswith(".") and _abbreviation_end.search(text) else text


def _split_plain_imprint(head: str) -> tuple[str, str, str]:
    """Imprints without a colon: 'Title. London, Arms Press' or 'Stalin, London, John Lane'."""
    m = _plain_dot_imprint.match(head) or _plain_comma_imprint.match(head)
    if not m:
        return head, "", ""
    return m["title"], m["place"], m["pub"]


def _book_kind(f: dict, has_imprint: bool, date: str) -> str:
    """A dated item without an imprint is a periodical issue or a document, else a book."""
    if not f.get("title"):
        return "unknown"
    named = f.get("organization") or any(f.get(k) for k in ("authors", "editors", "translators"))
    if date and not has_imprint:
        return "document" if date[:1].isdigit() or named else "newspaper"
    return "book" if has_imprint or f.get("year") or named else "unknown"


def _clean_title(title: str) -> str:
    """Strip edge punctuation and quotes but keep '?', '!' and abbreviations ('& Co.')."""
    t = title.strip().strip("*_").strip()  # Markdown emphasis marks a title in .md sources
    while t and t[-1] in ".,;:" and not _keep_dot.search(t):
        t = t[:-1].rstrip()
    if len(t) > 1 and t[0] in '“"' and t[-1] in '”"' and not set('“”"') & set(t[1:-1]):
        t = t[1:-1].strip()
    return t if any(c.isalnum() for c in t) else ""


def _finish(text: str, f: dict) -> tuple[Reference, frozenset[str]]:
    """Fix the kind from the strongest evidence and list what is missing."""
    if f.get("archive") or f.get("archive_location"):
        f["kind"] = "archival"
        if f.get("title"):  # a document described by title and day: "Memo ..., 17 July 1947"
            f["date"] = iso_date(text)
    elif _url.search(text):
        f["kind"] = "webpage"
    warnings = f.pop("warnings")
    evidence = frozenset(f.pop("evidence"))
    if not f.get("title"):
        warnings.append("no title")
    if not f.get("year"):
        warnings.append("no year")
    if not f.get("pages"):
        warnings.append("no page locator")
    fields = {k: v for k, v in f.items() if v}
    return as_periodical_issue(Reference(text=text, warnings=tuple(warnings), **fields)), evidence
