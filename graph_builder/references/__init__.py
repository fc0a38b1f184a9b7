"""Spot citation lines and parse reference strings into ``Reference`` records.

Three readers parse a reference string; this module decides whose reading to keep.

* ``reference_rules`` is hand-written for the corpus's compilation styles: the
  house style (``Surname, Given. Title. Place: Publisher, 1941, p. 136``), Chicago
  notes with a parenthesised imprint, quoted articles, periodical issues, "Ibid."
  and archival shelfmarks (``reference_archive``). Exact and fast on those, poor
  on styles nobody wrote a rule for (APA, Vancouver, IEEE, numbered lists, long
  author lists): micro F1 0.57 on the AnyStyle gold set.
* ``reference_notes`` reads the Chicago notes of the Markdown sources, whose
  titles are in ``*italics*``; the asterisks fix the title, so the rest reads by
  position, and it answers only when it read the whole string.
* ``reference_model`` is a CRF sequence labeller trained on AnyStyle's training
  data. It reads any style reasonably well (micro F1 0.96 on the held-out gold
  set) but changes about one field in twenty on the corpus's compilation lines,
  at a tenth of the rules' speed.

Design choice: **rules where they are certain, the model elsewhere.** In order:
a shelfmark or "Ibid." (rules); a note ``reference_notes`` read in full; a string
of a shape the rules were written for with nothing left unread (a periodical
issue, or a note-style pinpoint locator ending the string -- "..., 1941, p. 136",
"(1986), 242-243" -- after an imprint, a quoted title or a journal volume, with
names or nothing before the title, no numbered-list prefix and no role words,
quotes or brackets left in the title); every other string goes to the model. A
pinpoint locator is what sets a note apart from a bibliography entry, and
bibliography entries are where the rules fail: in AnyStyle's training data (the
only data this test was tuned on) about 1% of strings pass it. The other way
round -- the model everywhere, rules as post-processing -- was measured and
rejected because the corpus's own lines, which the rules parse right, would get
worse; the cost of the choice is about 0.3 points of F1 on the AnyStyle gold set.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import replace

from graph_builder.errors import ParseError
from graph_builder.records import Reference
from graph_builder.references.chicago import read_note
from graph_builder.references.citation_lines import MAX_CITATION_LINE, is_citation_line
from graph_builder.references.documents import ISSUED
from graph_builder.references.model import parse_with_model
from graph_builder.references.periodicals import as_periodical_issue, iso_date, read_issue
from graph_builder.references.rules import parse_with_rules, read_with_rules

__all__ = ["MAX_CITATION_LINE", "MAX_REFERENCE", "PARSERS", "decode_references",
           "is_citation_line", "parse_reference", "too_long"]

# A longer string is no single reference (the longest on AnyStyle's gold set has
# about 700 characters); parsing it would only cost time, so it is refused. Runs of
# white space count as one character: the readers collapse them first.
MAX_REFERENCE = 2_000


def too_long(text: str) -> str:
    """The warning for a string over MAX_REFERENCE characters, or "" if it is not."""
    if len(text) <= MAX_REFERENCE:
        return ""
    length = len(" ".join(text.split()))
    if length <= MAX_REFERENCE:
        return ""
    return (f"not parsed: {length:,} characters is more than one reference "
            f"(at most {MAX_REFERENCE:,}); put one reference on each line")


def parse_reference(text: str) -> Reference:
    """Parse one reference string; never raises, missing parts go to ``warnings``.

    The rules' reading when they are certain of it, else the model's (see above).
    A string longer than MAX_REFERENCE is not read at all, only warned about.
    """
    warning = too_long(text)
    if warning:
        return Reference(text=text, warnings=(warning,))
    ref, evidence = read_with_rules(text)
    if evidence & {"ibid", "shelfmark", "bare-shelfmark"}:
        return ref
    issue = read_issue(text)
    if issue is not None:
        return issue
    note = read_note(text)
    if note is not None:
        return note
    if _rules_are_certain(ref, evidence):
        return _issuer_is_no_container(ref)
    return as_periodical_issue(_issuer_is_no_container(parse_with_model(text)))


def _issuer_is_no_container(ref: Reference) -> Reference:
    """'"Ob antisovetskikh elementakh," Politburo resolution, 2 July 1937': a body before
    the genre of a document issued it; it is no journal the document appeared in."""
    name = ref.container_title
    if not name or ref.kind not in ("article", "newspaper", "unknown") or (
            ref.volume or ref.issue or ref.pages):
        return ref
    at = ref.text.find(name)
    after = ref.text[at + len(name):at + len(name) + 30] if at >= 0 else ""
    if ISSUED.match(after.lstrip()) or ISSUED.match(name.split()[-1]):
        return replace(ref, container_title="", kind="document", date=iso_date(ref.text))
    return ref


_STRUCTURES = {"imprint", "paren-imprint", "plain-imprint", "quoted", "journal-tail", "title-year"}
_periodical_name = re.compile(r"^[A-Z][\w’'&-]*(?:\s[A-Z][\w’'&-]*){0,4}$")
_numbered = re.compile(r"^\s*(?:\[\d+\]|\(\d+\)|\d+\.)\s")  # "[12] ...": a numbered list
_unread = re.compile(
    r"\b(?:[Ee]ds?\.|[Ee]dited|[Tt]rans(?:lated|\.)|pp?\.|[Vv]ol\.)|[.,]\s[Ii]n:?\s|^[Ii]n:\s"
    r"|(?:^|\s)[“\"(]|[”\")](?:\s|$)"
)
_in_container = re.compile(r"^[Ii]n:?\s")
_quote_marks = re.compile(r"[“”\"]")


def _rules_are_certain(ref: Reference, evidence: frozenset[str]) -> bool:
    """Is this the shape the rules were written for, read without leftovers?"""
    if evidence & {"ibid", "shelfmark", "bare-shelfmark"}:
        return True
    if ref.kind == "newspaper" and not ref.title and _periodical_name.match(ref.container_title):
        return True  # "Newsweek International, January 2005": an issue of a periodical
    if "pinpoint" not in evidence or not evidence & _STRUCTURES or "leftover" in evidence:
        return False
    if not ref.title or _numbered.match(ref.text):
        return False
    named = ref.authors or ref.editors or ref.translators or ref.organization
    if not named and not _starts_with(ref.text, ref.title):
        return False  # something before the title that the rules did not read as names
    if _in_container.match(ref.container_title):
        return False
    if "journal-tail" in evidence:  # 'Title? Journal 13 (1987)': quotes belong to the title
        return not _unread.search(_quote_marks.sub("", ref.title))
    return not any(_unread.search(v) for v in (ref.title, ref.container_title) if v)


def _starts_with(text: str, title: str) -> bool:
    return text.lstrip(" “\"‘'*_[(⁰¹²³⁴⁵⁶⁷⁸⁹").startswith(title[:20])


# name -> parser, for the scorer and for comparing the two readings
PARSERS = {"rules": parse_with_rules, "model": parse_with_model, "combined": parse_reference}


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_references(data: bytes, source: str) -> str:
    """A reference list's text: UTF-8, or UTF-8/UTF-16 after its byte-order mark.

    Raises ParseError naming ``source`` and the line of the first bad byte, rather
    than guess an encoding: a wrong guess would turn names into mojibake.
    """
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(encoding, errors="replace").count("\n") + 1
        shown = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise ParseError(
            f"{source}: not valid {shown} (byte {exc.start:,}, line {line}: {exc.reason}); "
            "save it as UTF-8, or as UTF-16 with a byte-order mark, and run parse-refs "
            "again.") from None
