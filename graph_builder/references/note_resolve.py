"""Complete the references of notes from the ones before them.

Scholarly notes print a work in full once and then abbreviate it: ``Ibid.,
554–55`` repeats the reference just before (in the same note or the previous
one), ``Getty, *Origins*, 211–21`` names an earlier full reference by its
first author's family name and the start of its title, and an archival
shelfmark after a semicolon (``; op. 42, d. 90, ll. 10–11``) keeps the
archive and the levels above the first one it prints. The resolver walks the
notes of one document in print order and gives every piece a ``Citation``
whose ``reference`` is the completed full reference (Chicago Manual of Style,
"Shortened citations" and "Ibid."). It never raises; what it cannot complete
is kept as parsed and reported as an ``InputWarning``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graph_builder.people.names import family_key, fold
from graph_builder.records import Citation, InputWarning, PersonName, Reference, Span
from graph_builder.references import parse_reference
from graph_builder.references.note_split import NotePiece
from graph_builder.references.patterns import LEVEL_ITEM, archive_name

__all__ = ["Known", "NoteResolver", "title_fits", "title_words", "with_pages"]

# Canonical abbreviation and rank (fond above opis above delo above leaves) of each level.
_LEVELS = {
    "f": ("f.", 0), "fond": ("f.", 0), "op": ("op.", 1), "opis": ("op.", 1), "opis'": ("op.", 1),
    "opis’": ("op.", 1), "d": ("d.", 2), "delo": ("d.", 2), "dd": ("dd.", 2), "file": ("file", 2),
    "por": ("por.", 2), "vol": ("vol.", 3), "vols": ("vols.", 3), "l": ("l.", 4),
    "list": ("l.", 4), "ll": ("ll.", 4), "listy": ("ll.", 4),
}
_LEAVES = re.compile(r",?\s\b(?:listy|list|ll|l)\.?\s?\d.*$")
# Cyrillic letters that look Latin slip into transliterated titles ("Viaz’mе").
_LATIN = str.maketrans("аеорсухіАВЕКМНОРСТХ", "aeopcyxiABEKMHOPCTX")
_ARTICLES = frozenset({"the", "a", "an"})
_ARCHIVE_HEAD = re.compile(r"^(?P<archive>.+?),?\s(?=(?:fond|file|opis|delo|vols?|por|op|dd|d|f"
                           r"|collection)\b)")

Level = tuple[str, int, str]  # (abbreviation as canonical, rank, value as printed)


@dataclass
class Known:
    """An earlier full reference, with the keys a short form may name it by."""

    families: set[str]
    titles: list[list[str]]
    reference: Reference


def title_words(title: str) -> list[str]:
    """A title's words as short and full forms are compared: folded, Cyrillic look-alikes
    made Latin, a leading article dropped (short forms drop it)."""
    words = fold(title.translate(_LATIN)).split()
    return words[1:] if words[:1] and words[0] in _ARTICLES and len(words) > 1 else words


def title_fits(short: list[str], full: list[str]) -> bool:
    """The short title starts the full one, or (dropping words) follows it in order
    from the same first word: "Diary of Dimitrov" for "The Diary of Georgi Dimitrov"."""
    if not short or not full:
        return False
    if full[: len(short)] == short:
        return True
    if short[0] != full[0]:
        return False
    rest = iter(full[1:])
    return all(word in rest for word in short[1:])


def _levels(shelf: str) -> list[Level]:
    levels = []
    for m in LEVEL_ITEM.finditer(shelf):
        abbr, rank = _LEVELS[m["abbr"].lower()]
        levels.append((abbr, rank, m["val"].strip(" ,.")))
    return levels


def _shelfmark(archive: str, levels: list[Level]) -> str:
    return ", ".join([archive] + [f"{abbr} {value}" for abbr, _, value in levels])


def with_pages(full: Reference, pages: str) -> Reference:
    """The full reference at other pages; for a shelfmark, other leaves of the file."""
    warnings = tuple(w for w in full.warnings if not (pages and w == "no page locator"))
    ref = replace(full, pages=pages, warnings=warnings)
    if full.archive_location and pages and pages != full.pages:
        location = _LEAVES.sub("", full.archive_location).rstrip(" ,")
        leaves = "ll." if re.search(r"[–,-]", pages) else "l."
        ref = replace(ref, archive_location=f"{location}, {leaves} {pages}",
                      folio=pages if full.folio else "")
    return ref


class NoteResolver:
    """Resolves the pieces of one document's notes, in print order."""

    def __init__(self, doc_id: str, warnings: list[InputWarning]):
        self.doc_id = doc_id
        self.warnings = warnings
        self.previous: Reference | None = None
        self.known: list[Known] = []

    def resolve(self, text: str, offset: int, line: int,
                pieces: list[NotePiece]) -> list[Citation]:
        """Citations for the pieces of one note body starting at ``offset`` of ``text``."""
        out: list[Citation] = []
        shelf: tuple[str, list[Level]] | None = None  # the note's last archival reference
        for piece in pieces:
            span = Span(offset + piece.start, offset + piece.end)
            printed = span.slice(text)
            how = ""
            if piece.kind == "ibid":
                ref, how = self._ibid(piece, printed, line)
            elif piece.kind == "short":
                found = self._short(piece)
                if found is None and piece.tentative:
                    continue  # "Cohen, Bukharin" is prose unless it names an earlier work
                ref, how = (found, "short form") if found else (self._unresolved(printed, line),
                                                                 "")
            elif piece.kind == "archival":  # the document it describes first, if any
                described = piece.title if printed.startswith(piece.title) else ""
                shelf = self._archive_of(printed[len(described):])
                ref = parse_reference(described + _shelfmark(*shelf) if shelf[1] else printed)
            elif piece.kind == "continuation" and piece.title:
                ref, how = parse_reference(f"{piece.title}, {printed}"), "inherited"
            elif piece.kind == "continuation":
                ref, how, shelf = self._inherit(shelf, printed)
            else:
                ref = parse_reference(printed)
                if piece.same_names:  # printed without names, so any the parser read are wrong
                    ref, how = replace(ref, authors=self._authors(piece)), "inherited"
                self._remember(piece, ref)
            self.previous = ref
            out.append(Citation(self.doc_id, span, printed, line, ref, how))
        return out

    def _authors(self, piece: NotePiece) -> tuple[PersonName, ...]:
        """The names a work printed without them takes from the work before it, as
        they were printed there ("Oleg V. Khlevniuk")."""
        if piece.names:
            return tuple(PersonName(family, given) for family, given in piece.names)
        return self.previous.authors if self.previous is not None else ()

    def _ibid(self, piece: NotePiece, printed: str, line: int) -> tuple[Reference, str]:
        if self.previous is None:
            self.warnings.append(InputWarning(
                self.doc_id, line, f"'{printed}' has no earlier reference to repeat; kept as "
                "printed (give the full reference in the first note that cites the work)."))
            return parse_reference(printed), ""
        return with_pages(self.previous, piece.pages or self.previous.pages), "ibid"

    def _short(self, piece: NotePiece) -> Reference | None:
        family = family_key(piece.families[0]) if piece.families else ""
        short = title_words(piece.title)
        for known in reversed(self.known):
            if family and family not in known.families:
                continue
            if any(title_fits(short, title) for title in known.titles):
                return with_pages(known.reference, piece.pages)
        return None

    def _unresolved(self, printed: str, line: int) -> Reference:
        self.warnings.append(InputWarning(
            self.doc_id, line, f"short form '{printed}' matches no earlier full reference "
            "(same first author, title starting alike); kept as printed."))
        return parse_reference(printed)

    def _remember(self, piece: NotePiece, ref: Reference) -> None:
        """Index a full reference under its first creator and its title, both as this
        module read them and as the parser did, so that either finds it."""
        families = {family_key(f) for f in piece.families[:1]}
        creators = ref.authors or ref.editors
        if creators:
            families.add(family_key(creators[0].family))
        titles = [title_words(t) for t in dict.fromkeys((piece.title, ref.title)) if t]
        if titles:
            self.known.append(Known(families, titles, ref))

    @staticmethod
    def _archive_of(printed: str) -> tuple[str, list[Level]]:
        head = _ARCHIVE_HEAD.match(printed)
        archive = archive_name(head["archive"].strip(" ,")) if head else ""
        shelf = printed[head.end():] if head else printed
        return archive, _levels(shelf)

    def _inherit(self, shelf: tuple[str, list[Level]] | None, printed: str
                 ) -> tuple[Reference, str, tuple[str, list[Level]] | None]:
        """'; op. 42, d. 90, ll. 10–11' keeps the archive and fond of the shelfmark before."""
        own = _levels(printed)
        if shelf is None or not own:
            return parse_reference(printed), "", shelf
        archive, before = shelf
        top = own[0][1]
        levels = [lv for lv in before if lv[1] < top] + own
        return parse_reference(_shelfmark(archive, levels)), "inherited", (archive, levels)
