"""Chicago-style notes whose titles are set in Markdown italics.

The book-length sources of the corpus are Markdown: their notes print a book's
or a journal's title between asterisks, an article's or a chapter's in quotes::

    Robert C. Tucker, *Stalin in Power* (New York, 1990), 313
    James Hughes, “Patrimonialism ...,” *Europe-Asia Studies* 48 (1996), 551
    J. Arch Getty, “Afraid of Their Shadows ...,” in *Stalinismus ...*, ed. M. Hildermeier
        (Munich, 1998)
    P. N. Pospelov et al., *Istoriia ...*, tom. 4, chast’ 2 (Moscow, 1971), 283
    *Izvestiia TsK KPSS*, no. 7, 1989, 114–21
    Tucker, *Stalin as Revolutionary*, 303–4

The asterisks fix where the title is, so the rest reads by position: names
before it, then volume, contributors, the imprint in parentheses and the page
locator after it. ``read_note`` returns ``None`` unless every piece of the
string was read -- one italic span, names that split, a tail made only of the
pieces above -- so a reading it gives can be trusted. Plain regular
expressions; never raises.
"""

from __future__ import annotations

import re

from graph_builder.records import Reference
from graph_builder.references.fields import split_names
from graph_builder.references.periodicals import as_periodical_issue
from graph_builder.support.text_patterns import MONTH, YEAR

__all__ = ["read_note"]

_PAGES = r"(?:pp?\.\s?)?[\dixvlc]+(?:\s?[–—-]\s?\d+)?(?:,\s?\d+(?:\s?[–—-]\s?\d+)?)*(?:\s?ff\.?)?"

_day_month = re.compile(rf"\b\d{{1,2}}\s{MONTH}\s{YEAR}|{MONTH}\s\d{{1,2}},?\s{YEAR}")
_note_mark = re.compile(r"^\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+\s*")
_italic = re.compile(r"\*(?P<t>[^*]+?)\*")
_quoted = re.compile(r"[“\"](?P<t>[^“”\"]+?)[”\"]")
# (white space is entered only where its run starts, or after a comma: not once per space)
_role_after = re.compile(r",?(?!(?<=\s)\s)\s*+(?P<role>eds?\.|editors?|comp\.|trans\.)\s*$")
_possessive = re.compile(r"\w[’']s\b")
_etal = re.compile(r",?(?!(?<=\s)\s)\s*+et al\.?", re.I)
_pseudonym = re.compile(r"(?!(?<=\s)\s)\s*+\((?:pseud|i\.e)\.[^()]*\)")
_in = re.compile(r"^in\b\s*(?P<names>.*?)[,\s]*$")
# the pieces a tail is made of, each anchored where the previous one ended
_contrib = re.compile(
    r",?\s*(?P<role>ed\.|eds\.|edited by|trans\.|translated by)\s+"
    r"(?P<names>[^()]+?)(?=\s*\(|,\s*\d|\s*$)"
)
_volume = re.compile(
    r",?\s*(?:(?:vol|tom|t|vyp|bk)\.\s?(?P<v>[\w–-]+)(?:,\s*chast’?\s?(?P<part>\d+))?"
    r"|(?P<n>nos?\.)\s?(?P<i>\d+(?:\s?[–-]\s?\d+)?)"
    r"|(?P<vols>\d+\s+vols\.)|rev\.\s+ed\.|\d+(?:st|nd|rd|th)\s+ed\.)"
)
_bare_volume = re.compile(r"\s+(?P<v>\d+(?:\s?[–-]\s?\d+)?)(?=\s*\()")
_paren = re.compile(r",?\s*\((?P<inner>[^()]*)\)")
_date = re.compile(
    rf",?\s*(?P<date>(?:\d{{1,2}}\s)?(?:{MONTH}\s)?(?:\d{{1,2}},?\s)?(?P<y>{YEAR}))"
)
_place = re.compile(r",\s*(?P<place>[A-Z][\w.’' -]+?)(?=,\s*\d)")
_locator = re.compile(
    rf",?\s*(?:(?P<vol>\d+):\s?|l+\.\s?)?(?P<pages>{_PAGES})(?=\s*$)"
)
_chapter = re.compile(r",?\s*(?:chapter|chap\.|ch\.)\s?\d+")
_imprint = re.compile(
    rf"^(?:(?P<place>[^:]+?)(?::\s*(?P<pub>[^,]+))?,\s*)?(?:forthcoming,\s*)?(?P<y>{YEAR})$"
)


def read_note(text: str) -> Reference | None:
    """A Chicago note with one italic title read in full, or None."""
    s = _note_mark.sub("", re.sub(r"\s+", " ", str(text))).strip().rstrip(".;")
    found = list(_italic.finditer(s))
    if len(found) != 1 or len(s) > 400:
        return None
    italic = found[0]
    f: dict = {}
    if not _read_head(s[: italic.start()], italic["t"].strip(" ,."), f):
        return None
    if not _read_tail(s[italic.end() :], f):
        return None
    if not any(f.get(k) for k in ("authors", "editors", "translators", "container_title")) and (
        f.get("issue") or _day_month.search(s)
    ):  # "*Pravda*, 2 March 1930": an issue of a periodical
        f["kind"] = "newspaper"
    warnings = [w for w, missing in (("no year", not f.get("year")),
                                     ("no page locator", not f.get("pages"))) if missing]
    return as_periodical_issue(
        Reference(text=text, warnings=tuple(warnings), **{k: v for k, v in f.items() if v}))


def _read_head(head: str, italic: str, f: dict) -> bool:
    """Names, and a quoted title with 'in' (a chapter) or without (an article)."""
    quoted = _quoted.search(head)
    if quoted:
        between = head[quoted.end() :].strip(" ,")
        if between and not _in.match(between):
            return False
        editors = _in.match(between)["names"] if between else ""
        if editors and not _names(editors, f, "editors"):
            return False
        f.update(title=quoted["t"].strip(" ,."), container_title=italic,
                 kind="chapter" if between else "article")
        return _names(head[: quoted.start()], f, "authors")
    f.update(title=italic, kind="book")
    return _names(head, f, "authors")


def _names(text: str, f: dict, key: str) -> bool:
    """Read a name list ('Ivo Banac, ed.', 'P. N. Pospelov et al.'); False if it is not one."""
    text = _pseudonym.sub("", _etal.sub("", text.strip(" ,")))
    role = _role_after.search(text)
    if role:
        text = text[: role.start()]
        key = "translators" if role["role"].startswith("trans") else "editors"
    if not text.strip():
        return not role
    if _possessive.search(text):  # "Stalin’s “Reply ...”": a description, not an author
        return False
    people, organization = split_names(text)
    if organization or not people or any(not p.family[:1].isupper() for p in people):
        return False
    f[key] = tuple(people)
    return True


def _read_tail(tail: str, f: dict) -> bool:
    """Volume, contributors, '(Place: Publisher, Year)', a date and the locator, in order."""
    pos, ahead = 0, tail.rstrip(" ,")
    if (m := _bare_volume.match(ahead, pos)) and f["kind"] == "article":
        f["volume"], pos = m["v"], m.end()
    progress = True
    while progress and pos < len(ahead):
        progress = False
        for step in (_take_volume, _take_contrib, _take_imprint, _take_chapter, _take_date,
                     _take_place, _take_locator):
            end = step(ahead, pos, f)
            if end > pos:
                pos, progress = end, True
                break
    return pos == len(ahead)


def _take_volume(s: str, pos: int, f: dict) -> int:
    m = _volume.match(s, pos)
    if not m:
        return pos
    if m["v"]:
        f.setdefault("volume", m["v"])
    elif m["i"]:
        f.setdefault("issue", m["i"])
    return m.end()


def _take_contrib(s: str, pos: int, f: dict) -> int:
    m = _contrib.match(s, pos)
    if not m:
        return pos
    key = "translators" if m["role"].startswith("trans") else "editors"
    people, organization = split_names(m["names"])
    if organization or not people:
        return pos
    f.setdefault(key, tuple(people))
    return m.end()


def _take_imprint(s: str, pos: int, f: dict) -> int:
    m = _paren.match(s, pos)
    if not m:
        return pos
    imprint = _imprint.match(m["inner"].strip())
    if not imprint:
        return pos
    f.update(year=imprint["y"], place=(imprint["place"] or "").strip(),
             publisher=(imprint["pub"] or "").strip())
    return m.end()


def _take_chapter(s: str, pos: int, f: dict) -> int:
    m = _chapter.match(s, pos)
    return m.end() if m else pos


def _take_date(s: str, pos: int, f: dict) -> int:
    m = _date.match(s, pos)
    if not m or (f.get("year") and not re.search(r"[A-Za-z]", m["date"])):
        return pos  # a bare number after the imprint is a page, not a second year
    f.setdefault("year", m["y"])
    return m.end()


def _take_place(s: str, pos: int, f: dict) -> int:
    m = _place.match(s, pos)
    if not m or f.get("place") or f.get("year"):
        return pos
    f["place"] = m["place"].strip()
    return m.end()


def _take_locator(s: str, pos: int, f: dict) -> int:
    m = _locator.match(s, pos)
    if not m:
        return pos
    if m["vol"]:
        f.setdefault("volume", m["vol"])
    f["pages"] = re.sub(r"^pp?\.\s?", "", m["pages"])
    return m.end()
