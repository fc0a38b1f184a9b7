"""A book's front matter: its title page, copyright page and catalogue record.

These pages describe the book; they are not its text. A Library of Congress
cataloguing-in-publication (CIP) record, above all, is shaped to mislead a
reader of prose: its numbered added entries ("I. Surname, Given. II. ...")
read as a person "I. Surname", its subject headings ("1. Purges--History.")
as claims, its title line ("The title : subtitle / Given Surname") as a
citation. So their lines get a kind of their own, FRONT_MATTER, which makes
no claim, no citation and no person mention (the prose reading blanks them).

Recognised by the closed vocabulary of publishing, never by names: a line of a
copyright notice, an ISBN, "All rights reserved", the CIP heading, a
catalogue-record notice, a Dewey number ("--dc22"). Weaker signs of a
catalogue record (a physical description "p. cm.", "Includes bibliographical
references", a Library of Congress control number, a printer's key "10 9 8 7
...", added entries) count only next to a strong one, and the few lines
between two marked lines of one page (a record's main entry, its title line)
go with them. A page its book labels as such ("Title Page", "[Copyright]")
is front matter up to the next part of the book ("Preface", "Contents",
"Chapter 1" ...); without such an end in sight the label alone decides
nothing.
"""

from __future__ import annotations

import re

from graph_builder.records import Block, BlockKind

_STRONG = re.compile(
    r"Catalog(?:u)?ing[- ]in[- ]Publication"
    r"|^(?:Copyright\s*)?©\s*(?:\d{4}|[A-Z])|^Copyright\s+(?:©\s*)?\d{4}\b"
    r"|^All rights reserved\b"
    r"|\bISBN(?:-1[03])?:?\s?(?:97[89][-\s]?)?\d{1,5}[-\s]\d"
    r"|catalogue record for this (?:book|title) is available"
    r"|[-—–]dc\d{2}\b",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"^p\.\s?cm\.|\bp\.\s?:\s|\d\s?cm\.|^Includes (?:bibliographical|index)"
    r"|^\d{8,10}$|^(?:\d{1,2}\s){4,9}\d{1,2}$"  # a control number; a printer's key
    r"|(?:^|\s)I\.\s\S[^.]{0,60}\.\sII\.\s"  # added entries: "I. Name, Given. II. ..."
    r"|^Printed (?:and bound )?in\b|\bPrinted in the United States\b",
    re.IGNORECASE,
)
# a page its book labels as front matter, and the labels of the parts that follow it
_PAGE_LABEL = re.compile(
    r"^\[?(?:Title\s+Page|Half[- ]Title(?:\s+Page)?|Copyright(?:\s+Page)?|Imprint\s+Page"
    r"|Colophon)\]?$", re.IGNORECASE)
_NEXT_PART = re.compile(
    r"^\[?(?:Preface|Foreword|Contents|Table\s+of\s+Contents|Acknowledg(?:e)?ments?"
    r"|Introduction|Dedication|Epigraph|Prologue|Abbreviations|Maps?|Illustrations"
    r"|(?:A\s+)?Notes?\s+on\b.*|List\s+of\b.*|Chapter\b.*|Part\b.*)\]?$",
    re.IGNORECASE)
_MAX_LINE = 800  # a longer block is prose, whatever it mentions
_MAX_GAP = 3  # unmarked blocks between two marked ones that still belong to one page
_MAX_PAGE = 60  # blocks a labelled page may run before its book goes on
# kinds decided by their own shape, never front matter
_KEEP = frozenset({BlockKind.TITLE, BlockKind.PAGE, BlockKind.FOOTNOTE, BlockKind.CONTENTS,
                   BlockKind.INDEX_ENTRY})


_LABELS = frozenset({BlockKind.HEADING, BlockKind.HEADNOTE, BlockKind.THESIS})


def front_matter(blocks: list[Block]) -> set[int]:
    """Indices of the blocks that are front matter (see the module's docstring)."""
    strong = {i for i, b in enumerate(blocks) if _candidate(b) and _STRONG.search(b.text)}
    weak = {i for i, b in enumerate(blocks) if _candidate(b) and i not in strong
            and _WEAK.search(b.text)}
    found: set[int] = set()
    marked = sorted(strong | {i for i in weak if _near(i, strong)})
    for a, b in zip(marked, marked[1:], strict=False):
        if b - a - 1 <= _MAX_GAP:
            found.update(range(a, b + 1))
    found.update(marked)
    found |= _labelled_pages(blocks)
    return {i for i in found if _candidate(blocks[i])}


def _candidate(block: Block) -> bool:
    return block.kind not in _KEEP and len(block.text) <= _MAX_LINE


def _near(i: int, strong: set[int]) -> bool:
    return any(abs(i - j) <= _MAX_GAP + 1 for j in strong)


def _labelled_pages(blocks: list[Block]) -> set[int]:
    """The blocks under a "Title Page" or "[Copyright]" label, up to the next part."""
    found: set[int] = set()
    for i, block in enumerate(blocks):
        if block.kind not in _LABELS or not _PAGE_LABEL.match(block.text.strip()):
            continue
        for j in range(i + 1, min(len(blocks), i + 1 + _MAX_PAGE)):
            text = " ".join(blocks[j].text.split())
            if blocks[j].kind in _LABELS and len(text) < 100 and _NEXT_PART.match(text):
                found.update(range(i, j))
                break
    return found
