"""TEI P5 XML (https://tei-c.org/guidelines/p5/) to readable text, with lxml.

Only a document whose root is in the TEI namespace is read; other XML has no
known reading order and is skipped with a warning. The teiHeader gives the
title (the text's first line) and nothing else; running heads and page
numbers (``<fw>``) are left out, as are the first halves of ``<choice>``
pairs (``sic``, ``orig``, ``abbr``), so a reading text remains.

What TEI marks is used where it is cheap:

* ``<note>`` leaves a superscript number where it stands and its text goes,
  as ``¹ text``, after the paragraphs of its chapter (the top-level ``<div>``),
  numbered from 1 in each: the shape of a printed book's notes, which
  ``read.footnotes`` ties to the passages and whose ``<bibl>`` text the
  reference parser reads (a ``<title>`` in a note as ``*Title*``, in italics
  as printed);
* ``<pb n="12"/>`` records where page 12 starts;
* ``<persName>`` spans are kept as names the markup itself marks;
* ``<sp><speaker>DANTON</speaker><p>…</p></sp>`` is the turn ``DANTON: …``,
  as transcripts print it.
"""

from __future__ import annotations

from lxml import etree

from graph_builder.read.formats.assemble import (
    SKIP,
    SUPERSCRIPT,
    Assembly,
    Extracted,
    FormatError,
    Walker,
    with_title,
)
from graph_builder.read.formats.xmlsafe import local, parse_xml

TEI_NS = "http://www.tei-c.org/ns/1.0"
_DROP = frozenset({"teiHeader", "fw", "facsimile", "sourceDoc", "standOff", "figDesc", "del",
                   "surplus", "interpGrp", "interp", "link", "linkGrp"})
_UNCHOSEN = frozenset({"sic", "orig", "abbr"})
BLOCKS = frozenset({"head", "p", "ab", "l", "lg", "item", "label", "list", "div", "sp",
                    "speaker", "stage", "table", "row", "cell", "opener", "closer", "salute",
                    "signed", "dateline", "byline", "docTitle", "titlePart", "docAuthor",
                    "docImprint", "docDate", "argument", "epigraph", "trailer", "castList",
                    "castItem", "figure", "listBibl", "front", "body", "back", "titlePage",
                    "postscript", "text", "group", "floatingText", "u", "quote", "cit"})
_SPEECH = frozenset({"p", "ab", "l", "lg"})
_BODIES = frozenset({"front", "body", "back", "group"})


class TeiWalker(Walker):
    """Blocks to paragraphs; notes to numbered note lines after their chapter."""

    def __init__(self, assembly: Assembly) -> None:
        super().__init__(assembly)
        self.main = assembly
        self.notes: list[str] = []  # the current chapter's note texts, in order
        self.in_note = 0
        self.pages = 0
        self.spoken = False  # a <speaker> just ended: its speech goes on the same line

    def start(self, elem: etree._Element) -> str | None:
        tag = local(elem)
        parent = elem.getparent()
        if tag in _DROP or (tag in _UNCHOSEN and parent is not None
                            and local(parent) == "choice"):
            return SKIP
        if tag == "note":
            if not self.in_note:
                self.notes.append("")
                self.main.add(str(len(self.notes)).translate(SUPERSCRIPT))
                self.out = Assembly()
            self.in_note += 1
            return None
        if tag == "lb":
            if elem.get("break") != "no":
                self.out.add(" ")
            return SKIP
        if self.in_note:
            if _italic(elem):
                self.out.add("*")
            return None
        if tag == "pb":
            self.pages += 1
            self.out.mark("page", " ".join((elem.get("n") or str(self.pages)).split()))
        elif tag == "persName":
            self.out.mark("name")
        elif self.spoken and tag in _SPEECH:
            self.spoken = False
        elif tag in BLOCKS or (tag == "bibl" and parent is not None
                               and local(parent) == "listBibl"):
            self.out.paragraph()
        return None

    def end(self, elem: etree._Element) -> None:
        tag = local(elem)
        if tag == "note":
            self.in_note -= 1
            if not self.in_note:
                self.notes[-1] = self.out.paragraph_text()
                self.out = self.main
            return
        if self.in_note:
            if _italic(elem):
                self.out.add("*")
            return
        if tag == "persName":
            self.out.mark("end-name")
        elif tag == "speaker":
            self.out.add(": ")
            self.spoken = True
        elif tag in BLOCKS or tag == "bibl":
            self.out.paragraph()
        parent = elem.getparent()
        if (tag == "div" and parent is not None and local(parent) in _BODIES) or tag == "text":
            self.flush_notes()

    def flush_notes(self) -> None:
        """The chapter's notes as ``¹ text`` lines, numbering from 1 again after them."""
        self.out.paragraph()
        for number, text in enumerate(self.notes, start=1):
            self.out.paragraph(f"{str(number).translate(SUPERSCRIPT)} {text}")
        self.notes = []


def _italic(elem: etree._Element) -> bool:
    """A title in a note, set in italics as printed: ``*Title*`` is how the reference
    parser tells a title from the names and places around it."""
    return local(elem) == "title" or (local(elem) == "hi" and "italic" in (elem.get("rend") or ""))


def title_of(root: etree._Element) -> str:
    found = root.find(f".//{{{TEI_NS}}}teiHeader//{{{TEI_NS}}}titleStmt/{{{TEI_NS}}}title")
    return " ".join(found.xpath("string()").split()) if found is not None else ""


def is_tei(root: etree._Element) -> bool:
    return isinstance(root.tag, str) and etree.QName(root).namespace == TEI_NS


def extract(raw: bytes) -> Extracted:
    """The reading text of a TEI document; FormatError for other XML."""
    root = parse_xml(raw, "XML")
    if not is_tei(root):
        raise FormatError(f"is XML but not TEI (its root is <{local(root) or root.tag}>, not in "
                          f"the TEI namespace {TEI_NS}); skipped. Only TEI XML is read: "
                          "convert it to TEI or to plain text to include it.")
    assembly = Assembly()
    walker = TeiWalker(assembly)
    walker.walk(root)
    walker.flush_notes()
    encoding = (root.getroottree().docinfo.encoding or "utf-8").lower()
    return with_title(assembly.result("tei", encoding), title_of(root))
