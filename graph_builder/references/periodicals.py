"""Issues of periodicals: ``*Pravda*, 7 August 1938``, ``Voprosy istorii, nos. 11–12, 1995, 14``.

A journal or newspaper cited by its issue alone names no article: the string is
the periodical's title, the issue (a number, a double number, or a day's date)
and a locator. Historians cite them this way constantly, and the general
readers get them wrong in two ways: a lower-case word of a transliterated
title ("istorii") reads as a volume, and a title before a date ("Pravda, 7
August 1938") reads as a person's letter of that day. So they are read here,
as a whole string or not at all (``read_issue``):

* a title, then ``no.``/``nos.`` and a year (or a year, then ``no.``): an issue
  of a periodical, whatever the title;
* a title, then a full date: an issue of a newspaper when the title is set in
  italics, or is named by a word for a periodical (a closed, multilingual list of
  general nouns: "Gazette", "Times", "Pravda" -- 'truth' --, "Izvestiia" --
  'news' --, "Zeitung" ...); otherwise "Kaganovich, 7 August 1938" may be a
  letter of that day, and is left to the other readers.

The title holds no figures and no word of a document's genre ("letter",
"memo", "diary" ...), and starts with a capital. ``iso_date`` turns a printed
day, month and year into ISO 8601, the form ``xsd:date`` needs.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph_builder.records import Reference
from graph_builder.support.text_patterns import MONTH, MONTH_ABBREVIATIONS, MONTH_NAMES, YEAR

__all__ = ["PERIODICAL_WORDS", "as_periodical_issue", "iso_date", "read_issue"]

_DAY_MONTH_YEAR = rf"(?P<d1>\d{{1,2}})\s(?P<m1>{MONTH})\s(?P<y1>{YEAR})"
_MONTH_DAY_YEAR = rf"(?P<m2>{MONTH})\s(?P<d2>\d{{1,2}}),?\s(?P<y2>{YEAR})"
_FULL_DATE = re.compile(rf"\b(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})\b")
_ISSUE = r"nos?\.\s?(?P<issue>\d+(?:\s?[–—-]\s?\d+)?)"
_NAME = r"(?P<star>\*?)(?P<name>[A-Z][^\s,*\d]*(?:\s[^\s,*\d]+){0,4})(?P=star)"
_PAGES = r"(?:pp?\.\s?)?(?P<pages>[\dixvlc]+(?:\s?[–—-]\s?\d+)?(?:,\s?\d+(?:\s?[–—-]\s?\d+)?)*)"
_ISSUE_REF = re.compile(
    rf"^{_NAME},\s(?:{_ISSUE},\s(?:(?P<date>{_DAY_MONTH_YEAR.replace('P<', 'P<a')}"
    rf"|{_MONTH_DAY_YEAR.replace('P<', 'P<b')})|(?:{MONTH}\s)?(?P<year>{YEAR}))"
    rf"|(?P<year2>{YEAR})(?:/\d+)?,\s{_ISSUE.replace('P<issue>', 'P<issue2>')})"
    rf"(?:,\s{_PAGES})?\.?$")
_DATED_REF = re.compile(
    rf"^{_NAME},\s(?P<date>{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR})(?:,\s{_PAGES})?\.?$")
_GENRE = re.compile(
    r"\b(?:letters?|memo(?:randum)?|notes?|diary|speech|report|telegram|decree|resolution|order"
    r"|protocol|minutes|interview|statement|directive|instruction|record|transcript|from|to)\b",
    re.IGNORECASE)
# Words for a periodical in the languages of the sources: general nouns, no titles.
PERIODICAL_WORDS = frozenset({
    "gazette", "gazett", "times", "news", "herald", "journal", "review", "bulletin", "tribune",
    "post", "courier", "chronicle", "magazine", "weekly", "daily", "observer", "guardian",
    "telegraph", "mercury", "register", "record", "standard", "monitor", "quarterly",
    "gazeta", "pravda", "izvestiia", "izvestia", "izvestiya", "vestnik", "novosti", "zhurnal",
    "trud", "zvezda", "rabochii", "krasnaia", "kommunist", "bolshevik", "bol'shevik",
    "zeitung", "blatt", "anzeiger", "rundschau", "journaal", "courant", "krant",
    "moniteur", "courrier", "figaro", "temps", "monde", "presse",
    "diario", "gaceta", "heraldo", "periódico", "correo", "giornale", "corriere", "gazzetta",
})
_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAMES, 1)} | {
    abbr.lower(): n for abbr in MONTH_ABBREVIATIONS
    for n, name in enumerate(MONTH_NAMES, 1) if name.lower().startswith(abbr.lower()[:3])}


def iso_date(text: str) -> str:
    """The first day-month-year of ``text`` as ISO 8601 ("7 August 1938" -> "1938-08-07"),
    or "" when there is none or it is no day of the calendar."""
    m = _FULL_DATE.search(text)
    if not m:
        return ""
    day, month, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
    number = _MONTHS.get(month.rstrip(".").lower(), 0)
    days = (31, 29 if int(year) % 4 == 0 and (int(year) % 100 or int(year) % 400 == 0) else 28,
            31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not number or not 1 <= int(day) <= days[number - 1]:
        return ""
    return f"{year}-{number:02d}-{int(day):02d}"


def read_issue(text: str) -> Reference | None:
    """The string as an issue of a periodical read in full, or None (see above)."""
    s = " ".join(str(text).split()).rstrip(";")
    m = _ISSUE_REF.match(s)
    if m and _is_title(m["name"]):
        date = iso_date(m["date"] or "")
        year = m["year"] or m["year2"] or (date[:4] if date else "")
        issue = _dash(m["issue"] or m["issue2"])
        return _issue(text, m["name"], issue, year, date, m["pages"])
    m = _DATED_REF.match(s)
    if m and _is_title(m["name"]) and (m["star"] or _names_periodical(m["name"])):
        date = iso_date(m["date"])
        if date:
            return _issue(text, m["name"], "", date[:4], date, m["pages"], kind="newspaper")
    return None


def as_periodical_issue(ref: Reference) -> Reference:
    """An issue of a periodical as schema.org has it, whichever reader read it: the
    periodical is the container (a reader that took its name for the title of a work
    is corrected), and the issue's full date is kept where the string prints one
    ("*Pravda*, 2 March 1930")."""
    if ref.kind not in ("newspaper", "article"):
        return ref
    if ref.title and not ref.container_title and ref.kind == "newspaper" and not (
            ref.authors or ref.editors or ref.organization):
        ref = replace(ref, title="", container_title=ref.title)
    if ref.container_title and not ref.date:
        ref = replace(ref, date=iso_date(ref.text))
    return ref


def _issue(text: str, name: str, issue: str, year: str, date: str, pages: str | None,
           kind: str = "") -> Reference:
    warnings = () if pages else ("no page locator",)
    return Reference(text=text, kind=kind or ("newspaper" if date else "article"),
                     container_title=name, issue=issue, year=year, date=date, pages=pages or "",
                     warnings=warnings)


def _is_title(name: str) -> bool:
    return not _GENRE.search(name) and not name.endswith(".")


def _names_periodical(name: str) -> bool:
    return any(word.strip("’'").lower() in PERIODICAL_WORDS for word in name.split())


def _dash(issue: str | None) -> str:
    return re.sub(r"\s?[–—-]\s?", "-", issue or "")
