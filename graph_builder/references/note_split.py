"""Cut a scholarly note body into its references, leaving the commentary out.

A note such as ``⁵ For examples see Robert Conquest, *The Great Terror* (Oxford,
1990), and two books by Oleg V. Khlevniuk, *1937* (Moscow, 1992), and
*Politbiuro* (Moscow, 1996).`` holds three references among words that are
the author's own. The note is first cut into clauses at semicolons and
sentence ends (never inside an italic or quoted title, never after an
abbreviation such as ``op.`` or an initial), then each clause is read left to
right: a *core* (an italic or quoted title, an archival shelfmark, ``Ibid.``,
an imprint, a newspaper issue) is looked for, the reference is extended back
over the names that lead to it and forward to the *anchor* that closes it (an
imprint with its pages, an issue, a date, a page locator), and reading goes on
after it. Text no core claims is commentary.

The shapes follow the notes of the Chicago Manual of Style (notes and
bibliography style) and Russian archival shelfmarks; see ``note_patterns``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph_builder.references import patterns as p
from graph_builder.references.documents import document_head

__all__ = ["NotePiece", "split_note"]

# How far to look around a title, so that a long note costs time in proportion to
# its length: names before a title, the word before a full stop, an anchor after it.
_LEAD_WINDOW = 300
_WORD_WINDOW = 60
_ANCHOR_WINDOW = 600
_NEXT_WORD = re.compile(r"\s*+(\S)")


@dataclass(frozen=True)
class NotePiece:
    """One reference inside a note body; offsets are relative to the body string.

    ``kind``: ``full`` (complete as printed), ``short`` (a short form: names and
    a shortened title), ``ibid``, ``archival`` (a shelfmark with its archive) or
    ``continuation`` (a shelfmark or an issue that completes the previous
    reference of the note). ``names`` and ``title`` are read from the printed
    text, for short-form matching; ``pages`` is the closing locator.
    """

    start: int
    end: int
    kind: str
    title: str = ""
    pages: str = ""
    names: tuple[tuple[str, str], ...] = ()  # (family, given) as printed before the title
    same_names: bool = False  # printed without names after a work of the same author
    tentative: bool = False  # a plain short form ("Cohen, Bukharin"): kept only if it resolves

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(family for family, _ in self.names)


def split_note(body: str) -> list[NotePiece]:
    """The references of one note body, in order; commentary is left out."""
    mask = _protected(body)
    reader = _Reader(body, mask)
    for start, end in clauses(body, mask):
        reader.read(start, end)
    return reader.pieces


def _protected(s: str) -> list[bool]:
    """True inside an italic or a quoted title: never cut there."""
    mask = [False] * len(s)
    for m in p.TITLE.finditer(s):
        mask[m.start() + 1: m.end() - 1] = [True] * (m.end() - m.start() - 2)
    return mask


def clauses(s: str, mask: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each clause: cut at top-level semicolons and sentence ends."""
    cuts: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, ch in enumerate(s):
        if mask[i]:
            continue
        if ch in "()":
            depth = depth + 1 if ch == "(" else max(0, depth - 1)
        elif depth == 0 and (ch == ";" or (ch == " " and _is_sentence_end(s, i))):
            cuts.append((start, i))
            start = i + 1
    cuts.append((start, len(s)))
    out = []
    for a, b in cuts:
        while a < b and s[a].isspace():
            a += 1
        while b > a and s[b - 1] in " .,;:" and not (s[b - 1] == "." and _keeps_dot(s[a:b])):
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _is_sentence_end(s: str, i: int) -> bool:
    """Does the full stop before the space at ``i`` end a sentence?"""
    j = i
    while j > 0 and s[j - 1] in "”\"’)*":
        j -= 1
    if j == 0 or s[j - 1] not in ".?!":
        return False
    nxt = _NEXT_WORD.match(s, i)  # not s[i:].lstrip(): that copied the rest of the note
    if nxt is None or not (nxt[1].isupper() or nxt[1] in "“\"*‘"):  # for every space
        return False
    word = re.search(r"(?<!\S)(\S+)\.$", s[max(0, j - _WORD_WINDOW):j])
    if s[j - 1] != "." or not word:
        return True
    token = word.group(1).lstrip("(“\"*")
    return not (token.lower() in p.ABBREVIATIONS or "." in token
                or p.INITIAL_TOKEN.fullmatch(token))


def _keeps_dot(text: str) -> bool:
    """'Ibid.', 'et al.', '4 ff.': the final dot belongs to the word."""
    return bool(re.search(r"(?:\b[Ii]bid|\bal|\bff|\bJr|\b[A-Z])\.\*?$", text))


class _Reader:
    """Reads the clauses of one note left to right and collects its pieces."""

    def __init__(self, s: str, mask: list[bool]):
        self.s, self.mask = s, mask
        self.pieces: list[NotePiece] = []
        self.clause_start = 0

    def read(self, start: int, end: int) -> None:
        self.clause_start = start
        lead = look = start  # the lead of the next reference starts where the last one ended
        found: dict[str, re.Match | None] = {}  # the next match of each core, still ahead
        while look < end:
            core = self.next_core(look, end, found)
            if core is None:
                return
            kind, m = core
            piece = _HANDLERS[kind](self, m, lead, end)
            if piece is not None:
                self.pieces.append(piece)
                lead = look = max(piece.end, look + 1)
            else:  # not a reference after all: look further on, the lead stays
                look = m.end() if kind in ("italic", "quoted") else m.start() + 1

    def next_core(self, pos: int, end: int, found: dict[str, re.Match | None]
                  ) -> tuple[str, re.Match] | None:
        """The first core at or after ``pos`` (the earlier-listed kind on a tie)."""
        best = None
        for rank, (kind, rx) in enumerate(_CORES):
            m = found.get(kind)
            if kind not in found or (m is not None and m.start() < pos):
                m = found[kind] = self._search(rx, pos, end)
            if m and (best is None or (m.start(), rank) < best[0]):
                best = ((m.start(), rank), kind, m)
        return None if best is None else (best[1], best[2])

    def _search(self, rx: re.Pattern, pos: int, end: int) -> re.Match | None:
        return next((m for m in rx.finditer(self.s, pos, end) if not self.mask[m.start()]), None)

    # -- where a reference starts ---------------------------------------------------
    def lead_is_cue(self, pos: int, core: int, strict: bool = False) -> bool:
        """Is the text from ``pos`` to ``core`` empty or a cue ("see", "in", ":")?
        Strictly, "and" counts only straight after a reference: "Vyshinskii to Stalin
        and Molotov, 21 May 1939" names no newspaper."""
        lead = self.s[max(pos, core - _LEAD_WINDOW):core]
        bare = lead.strip(" ,;:(")
        if not bare or (bare == "and" and pos > 0):
            return True
        if strict and re.search(r"\band\s*$", lead):
            return False
        return bool(p.CUE.search(lead.rstrip(" (")))

    def title_start(self, pos: int, core: int) -> tuple[int, re.Match | None] | None:
        """Where a reference whose title starts at ``core`` begins, with the names
        before the title; None when the title sits in prose."""
        names = p.LEAD_NAMES.search(self.s, max(pos, core - _LEAD_WINDOW), core)
        if names and not self.mask[names.start()] and (
                names["short"] is None or self.lead_is_cue(pos, names.start())):
            return names.start(), names  # "Getty, *Origins*" only where a reference may begin
        if self.lead_is_cue(pos, core):
            return core, None
        lead = self.s[pos:core] if core - pos <= _LEAD_WINDOW else ""
        if (lead[:1].isupper() or lead[:1].isdigit()) and not p.PROSE.search(lead) and len(
                lead.split()) <= 15:
            return pos, None  # a plain title before an italic one: "XVII s’ezd, *...*"
        return None

    # -- cores -------------------------------------------------------------------------
    def _italic(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        return self._titled(m, pos, end)

    def _quoted(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        inner = m.group()[1:-1].strip()
        if inner.endswith((";", "…")) or inner[:1].islower():
            return None  # a quotation in the commentary, not a title
        return self._titled(m, pos, end)

    def _titled(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        lead = self.title_start(pos, m.start())
        if lead is None:
            return None
        start, names = lead
        anchor = self.anchor(m.end(), end)
        if anchor is None and (names is None or names["poss"]):
            return None  # a title in passing, with nothing that makes it a reference
        stop, loc, anchor_kind = anchor or (m.end(), "", "")
        title = m.group()[1:-1].strip().rstrip(",.").strip()
        if names is None and anchor_kind == "imprint" and self._follows_a_work(pos, start):
            # "two books by Oleg V. Khlevniuk, *1937* (...), and *Politbiuro* (...)"
            return NotePiece(start, stop, "full", title, names=self.pieces[-1].names,
                             same_names=True)
        found = _names(names)
        if names is not None and names["short"] and anchor_kind != "imprint":
            return NotePiece(start, stop, "short", title, p.pages_of(loc), found)
        return NotePiece(start, stop, "full", title, names=found)

    def _follows_a_work(self, pos: int, start: int) -> bool:
        """Is this author-less work the next in a list of one author's works?"""
        last = self.pieces[-1] if self.pieces else None
        return (last is not None and last.kind == "full" and bool(last.names)
                and self.s[pos:start].strip(" ,;") in ("", "and"))

    def anchor(self, at: int, end: int) -> tuple[int, str, str] | None:
        """(end, locator, kind) of the first anchor after a title whose gap is not prose."""
        best = None
        end = min(end, at + _ANCHOR_WINDOW)
        for kind, rx in p.ANCHORS:
            for m in rx.finditer(self.s, at, end):
                if self.mask[m.start()] and kind != "locator":
                    continue
                if self._gap_ok(at, m.start()) and (
                        best is None or (m.start(), -m.end()) < (best[0], -best[1])):
                    best = (m.start(), m.end(), m["loc"] or "", kind)
                break
        shelf = p.ARCHIVAL.search(self.s, at, end)
        if shelf and self._gap_ok(at, shelf.start()) and (best is None or shelf.start() < best[0]):
            best = (shelf.start(), shelf.end(), "", "archival")
        return None if best is None else best[1:]

    def _gap_ok(self, a: int, b: int) -> bool:
        """May the text between a title and its anchor belong to the reference ("in",
        "ed. X", a journal title, "vol. 5"), or is it prose?"""
        if b - a > _ANCHOR_WINDOW:
            return False
        gap = "".join(c for c, masked in zip(self.s[a:b], self.mask[a:b], strict=True)
                      if not masked)
        return (len(gap) <= 200 and ";" not in gap and gap.count("(") == gap.count(")")
                and not p.PROSE.search(gap))

    def _archival(self, m: re.Match, pos: int, end: int) -> NotePiece:
        """A shelfmark, with the document it holds where the note describes it first
        ("Memo from V. Abakumov to Stalin, 17 July 1947, RGANI, fond 89, ...")."""
        start = self._document_start(pos, m.start())
        return NotePiece(start, m.end(), "archival", self.s[start:m.start()],
                         pages=p.leaves_of(m["shelf"]))  # (the description is its title)

    def _document_start(self, pos: int, at: int) -> int:
        """Where the description of the document at the shelfmark starting at ``at``
        begins (``at`` if there is none). A dated title read just before as a work of
        its own ("Report by X to Y, 9 April 1921") is that description: it joins it."""
        for lead_at in (pos, self.clause_start):
            if lead_at > pos or (lead_at < pos and not self._dated_piece_before(at)):
                continue
            head = document_head(self.s[max(lead_at, at - _LEAD_WINDOW):at])
            if head and not any(self.mask[at - head:at]):
                while self.pieces and self.pieces[-1].start >= at - head:
                    self.pieces.pop()
                return at - head
        return at

    def _dated_piece_before(self, at: int) -> bool:
        last = self.pieces[-1] if self.pieces else None
        return (last is not None and last.kind == "full" and not last.names
                and not self.s[last.end:at].strip(" ,"))

    def _continuation(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        """'; op. 42, d. 90, ll. 10–11' after a shelfmark of the same note."""
        if not self.lead_is_cue(pos, m.start()) or not any(
                piece.kind in ("archival", "continuation") for piece in self.pieces):
            return None
        return NotePiece(m.start(), m.end(), "continuation", pages=p.leaves_of(m.group()))

    def _issue(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        """'*Izvestiia TsK KPSS*, no. 7, 1989, 69, and no. 1, 1990, 39': another issue."""
        last = self.pieces[-1] if self.pieces else None
        if last is None or last.kind not in ("full", "continuation") or not last.title:
            return None
        if not self.lead_is_cue(pos, m.start()):
            return None
        return NotePiece(m.start(), m.end(), "continuation", last.title)

    def _ibid(self, m: re.Match, pos: int, end: int) -> NotePiece:
        return NotePiece(m.start(), m.end(), "ibid", pages=p.pages_of(m["loc"]))

    def _collection(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        if not self.lead_is_cue(pos, m.start()):
            return None
        return NotePiece(m.start(), m.end(), "full", m.group())

    def _periodical(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        if not self.lead_is_cue(pos, m.start(), strict=True) or p.PROSE.search(m.group()):
            return None
        issue = _ANCHOR["issue"].match(self.s, m.end(), end) or _ANCHOR["date"].match(
            self.s, m.end(), end)
        return NotePiece(m.start(), issue.end(), "full", m.group()) if issue else None

    def _short_plain(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        if not self.lead_is_cue(pos, m.start(), strict=True) or p.PROSE.search(m["title"]):
            return None
        title = self._search(p.TITLE, m.end("title"), min(end, m.end("title") + _LEAD_WINDOW))
        names = title and p.LEAD_NAMES.search(self.s, pos, title.start())
        if names and names.start() <= m.start():
            return None  # "Danilov, Manning, and Viola, *Tragediia*": the names of a title
        stop = m.end("loc") if m["loc"] else m.end("title")
        return NotePiece(m.start(), stop, "short", m["title"], p.pages_of(m["loc"]),
                         p.names_of(m["names"]), tentative=True)

    def _imprint(self, m: re.Match, pos: int, end: int) -> NotePiece | None:
        """A plain title before an imprint: 'Oleg V. Khlevniuk, 1937: Stalin, NKVD i
        sovetskoe obshchestvo (Moscow, 1992)', after the last cue of the commentary."""
        start = pos
        for cue in p.WORD_CUE.finditer(self.s, max(pos, m.start() - _LEAD_WINDOW), m.start()):
            start = cue.end()
        if m.start() - start > _LEAD_WINDOW:
            return None
        colon = self.s.find(": ", start, m.start())
        if colon >= 0 and not p.NAMES_FIRST.match(self.s, start, colon):
            start = colon + 2  # "... surveillance: 1937: Stalin, ..."
        head = self.s[start:m.start()]
        if len(head.split()) < 2 or p.PROSE.search(head) or not (head[:1].isupper()
                                                                  or head[:1].isdigit()):
            return None
        imprint = _ANCHOR["imprint"].match(self.s, m.start(), end)
        names = p.NAMES_FIRST.match(head)
        title = head[names.end():] if names else head
        return NotePiece(start, imprint.end() if imprint else m.end(), "full",
                         title.strip(" ,"), names=p.names_of(names.group()[:-2]) if names else ())


# Kinds of core, in the order they win a tie at one position.
_CORES = [("ibid", p.IBID), ("archival", p.ARCHIVAL), ("italic", p.ITALIC),
          ("quoted", p.QUOTED), ("collection", p.COLLECTION), ("periodical", p.PERIODICAL),
          ("short_plain", p.SHORT_PLAIN), ("continuation", p.SHELF),
          ("issue", p.ISSUE_CONTINUATION), ("imprint", p.IMPRINT)]
# How each kind of core is read into a reference (None: not a reference after all).
_HANDLERS = {
    "ibid": _Reader._ibid, "archival": _Reader._archival, "italic": _Reader._italic,
    "quoted": _Reader._quoted, "collection": _Reader._collection,
    "periodical": _Reader._periodical, "short_plain": _Reader._short_plain,
    "continuation": _Reader._continuation, "issue": _Reader._issue,
    "imprint": _Reader._imprint,
}
assert set(_HANDLERS) == {kind for kind, _ in _CORES}
_ANCHOR = dict(p.ANCHORS)


def _names(names: re.Match | None) -> tuple[tuple[str, str], ...]:
    if names is None:
        return ()
    return p.names_of(names["full"] or names["short"] or names["poss"] or "")
