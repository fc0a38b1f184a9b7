"""Archival shelfmarks of Russian archives: archive, fond, opis', delo, list(y).

``RGASPI, f. 17, op. 2, d. 453, l. 3`` names a file by its levels: the archive
(RGASPI), the fond (collection 17), the opis' (inventory 2), the delo (file
453) and the list or listy (folio 3, or ``ll. 5–12``). Printers spell the
levels out (``fond 89, opis' 18, delo 12``), run them together with full stops
(``RTsKhIDNI f. 17. op. 120``) and OCR reads ``ll.`` as ``11.``. A note that
goes on from the previous shelfmark prints only the lower levels (``op. 42,
d. 90, ll. 10–11``); it parses with archive and fond empty, for the caller to
inherit. ``por.`` (poriadkovyi nomer, an item number in the FSB archive) and
``file`` (the Smolensk Archive's English numbering) are read as the delo level;
``vols. 1 and 2`` of a delo stay in the printed location only. Plain regular
expressions; never raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Shelfmark", "find_shelfmark"]

_SEP = r"(?:[,.;]?\s*)"
_FOND = r"(?:f|fond)\.?\s?(?P<fond>\d+[A-Za-z]*)"
_OPIS = r"(?:op|opis['’ʹ]?)\.?\s?(?P<opis>\d+[A-Za-z]?)"
_DELO = r"(?:dd?|delo|por|file)\.?\s?(?P<delo>\d+(?:/\d+)?[A-Za-z]?(?:\s?[–—-]\s?\d+)?)"
_VOLS = r"vols?\.\s?\d+(?:\s?(?:[–—-]|and)\s?\d+)?"  # volumes of one delo, kept as printed
_LEAF = r"\d+(?:\s?ob)?(?:\s?[–—-]\s?\d+(?:\s?ob)?)?"
_FOLIO = (
    r"(?:ll?|listy?|11(?=\.\s?\d))\.?,?\s?"  # "11." is how OCR reads "ll."
    rf"(?P<folio>{_LEAF}(?:,\s?{_LEAF})*(?:\s?ff\.?)?)"
)
_ARCHIVE = (  # "RGASPI", "TsA FSB", "Smolensk Archive"
    # (a word with a second capital, read once: splitting it at each capital was quadratic)
    r"(?P<archive>\b[A-Z](?=[a-z]*+[A-Z])[A-Za-z]*+(?:\s[A-Z]{2,}+)?|\b[A-Z][a-z]+\sArchives?)"
    r"\)?,?\s"
)
_SHELFMARK = re.compile(
    rf"(?:{_ARCHIVE})?(?<![\w.])(?=(?:f|fond|op|opis['’ʹ]?|file)\.?\s?\d)(?P<loc>"
    rf"(?:{_FOND}{_SEP})?(?:{_OPIS}{_SEP})?(?:{_DELO}{_SEP})?(?:{_VOLS}{_SEP})?(?:{_FOLIO})?"
    r")"
)


@dataclass(frozen=True)
class Shelfmark:
    """One shelfmark as printed (``location``) and read into its levels."""

    start: int
    end: int
    archive: str
    location: str
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folio: str = ""


def find_shelfmark(text: str, require_archive: bool = False) -> Shelfmark | None:
    """The first shelfmark with at least two levels (``f. 17, op. 2``), or None.

    A lone ``f. 17`` or ``l. 3`` is not enough evidence: initials and page
    references look the same. ``require_archive`` also asks for the archive's
    name, as a citation line without a preceding note must carry it.
    """
    for m in _SHELFMARK.finditer(text):
        levels = [m[k] for k in ("fond", "opis", "delo", "folio") if m[k]]
        if len(levels) < 2 or (require_archive and not m["archive"]):
            continue
        location = m["loc"].rstrip(" ,.;")
        return Shelfmark(
            start=m.start("archive") if m["archive"] else m.start("loc"),
            end=m.start("loc") + len(location),
            archive=m["archive"] or "",
            location=location,
            fond=m["fond"] or "",
            opis=m["opis"] or "",
            delo=(m["delo"] or "").replace(" ", ""),
            folio=(m["folio"] or "").rstrip(" ,."),
        )
    return None
