"""Turn labelled spans of a reference string into a ``Reference``.

The sequence labeller (``reference_model``) says which words are the author
list, the date, the volume and so on, as AnyStyle's data does: an author span
is the whole list, a volume span may hold the issue (``23(4)``), a date span
holds more than the year (``(Jul., 1981),``). This module does the second half:
it splits name lists into ``PersonName``s, volume spans into volume and issue,
finds the year in a date, and trims the punctuation and role words ("In",
"(eds.)", "pp.", "Translated by") that belong to the citation style, not to
the value. Plain string work; never raises.
"""

from __future__ import annotations

import re

from graph_builder.records import PersonName, Reference
from graph_builder.references.patterns import first_capital
from graph_builder.support.text_patterns import YEAR

__all__ = ["reference_from_spans", "split_names", "split_volume"]

_CONTAINER_LABELS = ("journal", "container-title")
_TRIM = " \t,.;:/"
_ws = re.compile(r"\s+")
_year = re.compile(rf"(?<![\d/])({YEAR})(?!\d)")
_ditto = re.compile(r"^[\s\-‐‑‒–—―_.,*]+$")
_hyphen_break = re.compile(r"(?<=\w)- (?=[A-ZÀ-Þa-z])")
# A run of white space is entered only where it starts (or after a comma): trying it
# again from each of its characters made these patterns quadratic in the run.
_et_al = re.compile(
    r",?(?!(?<=\s)\s)\s*+(?:\bet\.?\s*al\b\.?|\band\s+others\b|\bu\.\s?a\.|\[?…\]?)|\.\.\.", re.I
)
_role_words = re.compile(
    r"\((?:gen\.\s*)?(?i:eds?|hrsg|hg|hrg|dir|coord|éds?|trans|trad|comp|compilador)s?\.?\)|"
    r"(?i:\b(?:edited|translated|compiled|introduced|selected)\s+(?:and\s+\w+\s+)?"
    r"(?:by|von)\b)|"
    r"\b(?:[Ee]ds?|EDS|[Tt]r|[Ee]d(?=\.))\b\.?(?:\s+by)?|"
    r"(?i:\b(?:editors?|hrsg|hg|dir|coord|éds?|trans|transl|trad|comp|übers)\b\.?(?:\s+by)?)|"
    r"^\s*(?i:in|dans|en)\b:?|\bvon\b(?=\s*$)|\bby\b|\bpar\b|\bgen\.",
)
_connector = re.compile(
    r"(?!(?<=\s)\s)\s*+;\s*(?:(?:and|&)\s+)?|,?(?!(?<=\s)\s)\s++(?:and|&|und|et|y|e|with)\s+"
    r"|,?(?!(?<=\s)\s)\s*+&\s*"
)
# (a name starts at its first capital: "SIERVO" is not tried again from "IERVO")
_paren_initials = re.compile(
    first_capital("[\\w'’-]", "A-ZÀ-Þ")
    + r"(?P<fam>[A-ZÀ-Þ][\w'’-]++)\s*+\((?P<given>[^()]{1,12})\)")
_parenthetical = re.compile(r"(?!(?<=\s)\s)\s*+\([^()]*\)")
_suffix = re.compile(r"^(?:Jr|Sr|Jnr|Snr|II|III|IV|Jun|Sen)\.?$", re.I)
# "A.", "AB", "R.Q.", "J.-P.", "Th." -- not "Hu" or "Li.", which are family names
_initial = re.compile(
    r"^(?:[A-ZÀ-Þ]\.?-?){1,3}$|^(?:Th|Ch|Ph|Fr|Wm|Sz|Gy|Zs|Cz)\.(?:-?[A-ZÀ-Þ]\.?)?$"
)
_vancouver_given = re.compile(r"^[A-ZÀ-Þ]{1,3}$")
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos",
              "des", "ter", "ten", "zu", "al", "el", "bin", "ibn", "dela", "della", "st.", "vander"}
_CORPORATE = re.compile(
    r"\b(?:Association|Department|Dept|Group|Council|Commission|Committee|Organi[sz]ation|"
    r"Institute|Institut|Society|Agency|Office|Bureau|Ministry|University|Board|Cent(?:er|re)|"
    r"Foundation|Ltd|Inc|Company|Corporation|Party|Union|Bank|Fund|Programme|Program|Service|"
    r"Services|Federation|Academy|Authority|Administration|Consortium|Team|Project|Network|"
    r"Collectif|Collective|Secretariat|Survey|Statistics|Government|Taskforce|Task Force|"
    r"Agence|Ministère|Conseil|Bundesamt|Republic|Coalition|Alliance|Trust|Laboratory)\b",
    re.I,
)
_page_prefix = re.compile(
    r"^(?:pp?\.?|pages?|pgs?\.?|S\.|ss?\.|at|page)\s*(?=[\dIVXLCivxlc])", re.I
)
_vol_word = r"(?:vol(?:ume)?s?\.?|v\.|bd\.?|t\.|tome|jg\.?|jahrgang|année)"
_no_word = r"(?:nos?\.?|n°|nº|n\.|nr\.?|issue|number|num\.?|heft|h\.|iss\.?|fasc\.?|#)"
_volume_issue = re.compile(
    rf"^(?:{_vol_word}\s*)?(?P<v>\d+[A-Za-z]?|[IVXLCivxlc]+)\s*"
    rf"(?:,?\s*\(\s*(?:{_no_word}\s*)?(?P<i>[^()]+?)\s*\)"
    rf"|[.,:]\s*(?:{_no_word}\s*)?(?P<i2>\d+(?:[-–/]\d+)?)"
    rf"|,?\s*{_no_word}\s*(?P<i3>\d+(?:[-–/]\d+)?|[A-Za-z]+))?(?:,\s*[A-Z][a-z]+\.?)?$",
    re.I,
)
_volume_count = re.compile(r"^\d+\s*vols?\b\.?$", re.I)
_vol_prefix = re.compile(rf"^{_vol_word}\s*(?=\w)", re.I)
_issue_only = re.compile(rf"^{_no_word}\s*(?P<i>\d+(?:[-–/]\d+)?)$", re.I)
_year_prefix = re.compile(r"^(?P<y>\d{4})\s*[;,:]\s*(?P<rest>.+)$")
_pages_tail = re.compile(r"^(?P<rest>.+?)\s*:\s*(?P<p>[\dA-Za-z]*\d+(?:\s*[-–—]\s*\w+)?)$")


def _clean(text: str) -> str:
    """Trim the punctuation a citation style wraps a value in; keep '?', '!' and '(...)'."""
    t = _ws.sub(" ", text).strip()
    while t:
        before = t
        t = t.strip(_TRIM).strip("*_").strip()
        if not t:
            break
        if t[0] in "([" and not _balanced_inside(t[1:], t[0]):
            t = t[1:]
        if t and t[-1] in ")]" and not _balanced_inside(t[:-1], "(" if t[-1] == ")" else "["):
            t = t[:-1]
        if t[:1] + t[-1:] in ("()", "[]") and _wrapped(t):
            t = t[1:-1]
        if t == before:
            break
    return t


def _wrapped(t: str) -> bool:
    """Does the opening bracket at t[0] close at t[-1] (not '(a) (b)')?"""
    depth = 0
    for i, c in enumerate(t):
        depth += (c == t[0]) - (c == t[-1])
        if depth == 0:
            return i == len(t) - 1
    return False


def _balanced_inside(t: str, opener: str) -> bool:
    closer = ")" if opener == "(" else "]"
    return t.count(opener) != t.count(closer)


def _strip_quotes(text: str) -> str:
    """A quoted title without its quotes; LaTeX's ``...'' counts as quotes."""
    t = _clean(text.replace("``", "“").replace("''", "”"))
    if len(t) > 1 and t[0] in "\"“‘'«„" and t[-1] in "\"”’'»":
        t = t[1:-1]
    elif t and t[0] in "\"“«„" and not any(c in t[1:] for c in "\"”»"):
        t = t[1:]
    elif t and t[-1] in "\"”»" and not any(c in t[:-1] for c in "\"“«„"):
        t = t[:-1]
    t = _clean(t)
    return t


# -- names ---------------------------------------------------------------------------
def split_names(text: str) -> tuple[list[PersonName], str]:
    """Split an author/editor list into names; returns (names, corporate name or '')."""
    s = _ws.sub(" ", text).strip()
    if not s or _ditto.match(s):
        return [], ""
    core = _clean(s)
    if core + "." in s:  # keep the full stop of a final initial ("Smith, J.")
        core += "."
    s = _soft_hyphen.sub("", core)  # "Hethering- ton" was broken at a line end
    s = _hyphen_break.sub("-", s).lstrip("•·*#-–— ")  # "Martin- Facklam" is a double name
    s = _et_al.sub("", s)
    s = _role_words.sub(" ", s)
    s = _paren_initials.sub(_family_comma_given, s)  # "SIERVO (M.)" -> "SIERVO, M."
    s = _parenthetical.sub("", s)  # "Esty, Joshua (Jed)": a note, not a name
    s = _ws.sub(" ", s).strip(" ,;:()*")
    if not s.strip("."):
        return [], ""
    if _is_corporate(s):
        return [], _clean(s)
    names: list[PersonName] = []
    for chunk in _connector.split(s):
        if chunk and chunk.strip(" ,."):
            names.extend(_names_of_chunk(chunk))
    return names, ""


def _family_comma_given(m: re.Match) -> str:
    return f"{m['fam']}, {m['given']}" if _is_initials(m["given"]) else m.group()


def _is_corporate(s: str) -> bool:
    """'American Bar Association, Commission on ...': an organisation, no personal names."""
    if not _CORPORATE.search(s):
        return s in {"COLLECTIF", "ANONYMOUS"}
    parts = [p.strip(" .") for p in s.split(",")]
    return len(s.split()) >= 2 and not any(_is_initials(p) for p in parts if p)


def _names_of_chunk(chunk: str) -> list[PersonName]:
    """'Romero, C., Paunesku, D.' / 'K. Keeton, B. A. Mah' / 'Smith AB, Jones CD'."""
    parts = [p for p in (_trim_part(p) for p in chunk.split(",")) if p]
    names: list[PersonName] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if _suffix.match(part) and names:
            i += 1
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if nxt and _suffix.match(nxt) and i + 2 < len(parts) and _is_given(parts[i + 2]):
            nxt = parts[i + 2]  # "Guerney, Jr., B. G."
            i += 1
        if nxt and _is_family(part) and _is_given(nxt) and (
            _is_initials(nxt) or len(part.split()) == 1 or part.isupper()
            or part.split()[0].lower() in _PARTICLES
        ):
            names.append(_person(part, nxt))
            i += 2
            continue
        names.append(_direct_name(part))
        i += 1
    return [n for n in names if n.family]


def _trim_part(part: str) -> str:
    """Drop the full stop that ends a list item, but not the one of an initial ('R. J.')."""
    part = part.strip(" *")
    words = part.split()
    if part.endswith(".") and not (words and _initial.match(words[-1])):
        part = part.rstrip(". ")
    return part


def _is_initials(part: str) -> bool:
    """'W. E.', 'R.Q.', 'A. de' (a particle may follow the initials)."""
    words = part.split()
    while len(words) > 1 and words[-1].lower() in _PARTICLES:
        words.pop()
    return bool(words) and all(_initial.match(w) for w in words)


def _is_family(part: str) -> bool:
    words = [w for w in part.split() if not _suffix.match(w)]
    if not words or len(words) > 4 or any(_is_initial_in_family(w) for w in words):
        return False
    return all(w[:1].isupper() or w.lower() in _PARTICLES or w[0] in "'’" for w in words)


def _is_initial_in_family(word: str) -> bool:
    """An initial cannot be part of a family name; 'ALY' or 'Li' can."""
    return bool(_initial.match(word)) and ("." in word or len(word) <= 2 and word.isupper())


def _is_given(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 4:
        return False
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _person(family: str, given: str) -> PersonName:
    """An inverted name. Particles before the family name belong to it ('van Dam');
    one after the given names stays there ('Andrade, Mário de')."""
    family_words = [w for w in family.split() if not _suffix.match(w)]
    given_words = [w for w in given.split() if not _suffix.match(w)]
    return PersonName(" ".join(family_words), " ".join(given_words))


def _direct_name(part: str) -> PersonName:
    """'G. Family', 'Given M. von Family', 'Smith AB' (Vancouver), 'Heidegger M.', 'KAHAN Jean'."""
    words = [w for w in part.split() if not _suffix.match(w)] or part.split()
    if len(words) == 1:
        return PersonName(words[0].strip("."), "")
    first_is_initial = bool(_initial.match(words[0]))
    if len(words[-1]) > 2 and _vancouver_given.match(words[-1][:-1]) and words[-1][-1] == ".":
        words[-1] = words[-1][:-1]  # "de la Cruz JM." ends the list, the initials have no dots
    if _vancouver_given.match(words[-1]) and not first_is_initial and not (
        len(words) > 2 and _is_initial_in_family(words[-2])
    ):
        return PersonName(" ".join(words[:-1]), words[-1])
    if _initial.match(words[-1]) and not first_is_initial:
        k = len(words) - 1
        while k > 1 and _initial.match(words[k - 1]):
            k -= 1
        return PersonName(" ".join(words[:k]), " ".join(words[k:]))
    if len(words[0]) > 2 and words[0].isalpha() and words[0].isupper() and not words[1].isupper():
        return PersonName(words[0], " ".join(words[1:]))
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    return PersonName(" ".join(words[k:]), " ".join(words[:k]))


# -- volume, pages, year -----------------------------------------------------------------
def split_volume(text: str) -> dict[str, str]:
    """'23(4),' -> volume 23, issue 4; 'vol.36, no. 9'; '2014;61(3):327-35' -> + year, pages."""
    s = _clean(text)
    out: dict[str, str] = {}
    m = _year_prefix.match(s)
    if m:
        out["year"], s = m["y"], m["rest"]
    m = _pages_tail.match(s)
    if m and (m["rest"][-1:].isdigit() or m["rest"].endswith(")")):
        out["pages"], s = m["p"], m["rest"]
    s = _clean(s)
    m = _volume_issue.match(s)
    if m:
        out["volume"] = m["v"]
        issue = m["i"] or m["i2"] or m["i3"]
        if issue:
            out["issue"] = issue.strip()
        return out
    m = _issue_only.match(s)
    if m:
        out["issue"] = m["i"]
    elif s and not _volume_count.match(s):  # "3 vols." counts volumes, it names none
        out["volume"] = _vol_prefix.sub("", s)
    return out


def _pages(text: str) -> str:
    s = _clean(text)
    s = _page_prefix.sub("", s)
    return _clean(s)


def _year_of(text: str) -> str:
    m = _year.search(text)
    return m.group(1) if m else ""


# -- assembling ------------------------------------------------------------------------------
def reference_from_spans(text: str, spans: list[tuple[str, str]]) -> Reference:
    """A ``Reference`` from ``[(label, text), ...]``.

    Names, volume and date come from the first span of their label; a title,
    container, publisher, place or pages split over several spans is joined.
    """
    by_label: dict[str, list[str]] = {}
    for label, value in spans:
        by_label.setdefault(label, []).append(value)
    first = {label: values[0] for label, values in by_label.items()}
    f: dict = {}
    authors, org = split_names(first.get("author", ""))
    f["authors"], f["organization"] = tuple(authors), org
    f["editors"] = tuple(split_names(first.get("editor", ""))[0])
    f["translators"] = tuple(split_names(first.get("translator", ""))[0])
    titles = by_label.get("title", [])
    label = next((k for k in _CONTAINER_LABELS if k in by_label), "")
    containers = by_label.get(label, [])
    quoted = _closed_quote.match(titles[0]) if titles else None
    if quoted and quoted["rest"].strip(" ,.;:"):  # '“Title.” Journal ...' ran into one span
        titles = [quoted["title"], *titles[1:]]
        if not containers:
            label, containers = "container-title", [quoted["rest"]]
    f["title"] = _joined(titles, _strip_quotes)
    f["container_title"] = _joined(containers, lambda v: _strip_quotes(_strip_in(v)))
    if "volume" in first:
        for key, value in split_volume(first["volume"]).items():
            f.setdefault(key, value)
    if "pages" in by_label:
        f["pages"] = _joined(by_label["pages"], _pages)
    f["year"] = _year_of(first.get("date", "")) or f.get("year", "")
    f["publisher"] = _joined(by_label.get("publisher", ()), _clean)
    f["place"] = _joined(by_label.get("location", ()), _clean)
    if not f["title"] and label == "container-title" and not (
        f.get("volume") or f.get("issue") or _page_range.search(f.get("pages", ""))
    ):  # "Eds., *Title* (Place, Year), 34": the book itself, read as the container of nothing
        f["title"], f["container_title"] = f["container_title"], ""
    f["kind"] = _kind({**first, label: "container"} if f["container_title"] else first, f)
    warnings = [w for w, missing in (("no title", not f["title"]), ("no year", not f["year"]),
                                     ("no page locator", not f.get("pages"))) if missing]
    fields = {k: v for k, v in f.items() if v}
    return Reference(text=text, warnings=tuple(warnings), **fields)


def _joined(values, clean) -> str:
    """Each span cleaned, then joined; a word broken at a line end is mended ('un- certain')."""
    text = " ".join(v for v in (clean(value) for value in values) if v)
    return _soft_hyphen.sub("", text)


_closed_quote = re.compile(r"^(?P<title>[“\"‘«][^”\"’»]+[.,!?][”\"’»])\s+(?P<rest>.+)$")
_page_range = re.compile(r"\d\s*[-–—]+\s*\d")
_soft_hyphen = re.compile(r"(?<=[a-zà-ÿ])- (?=[a-zà-ÿ])")
_in_prefix = re.compile(r"^\s*(?:in|dans|en)\s*:?\s+(?=\S)", re.I)


def _strip_in(container: str) -> str:
    return _in_prefix.sub("", container)


def _kind(first: dict[str, str], f: dict) -> str:
    genre = first.get("genre", "").lower()
    if "thesis" in genre or "dissert" in genre or "report" in genre or "patent" in genre:
        return "document"
    if "journal" in first:
        return "article"
    if "container-title" in first:
        return "chapter"
    if "url" in first and not f.get("publisher"):
        return "webpage"
    if f.get("title"):
        return "book" if (f.get("publisher") or f.get("place") or f.get("year")) else "unknown"
    return "unknown"
