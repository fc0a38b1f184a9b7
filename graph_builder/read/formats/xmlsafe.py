"""Parse XML that may be hostile: no network, no entity expansion, no huge trees.

TEI files, EPUB's container.xml and its OPF package come from anywhere. An XML
parser that resolves entities can be made to read local files or URLs into
the text (XXE) or to expand a few kilobytes into gigabytes ("billion laughs").
So the parser never loads a DTD, never touches the network, substitutes no
entity and keeps libxml2's limits on depth and text size (``huge_tree`` off);
and a document whose DOCTYPE declares entities at all is refused with a
warning, because no text this tool reads needs them.
"""

from __future__ import annotations

import re

from lxml import etree

from graph_builder.read.formats.assemble import FormatError

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY|<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y|"
                                 rb"\x00<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y")


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False, attribute_defaults=False)


def parse_xml(raw: bytes, what: str = "XML") -> etree._Element:
    """The root element of ``raw``; FormatError for entity declarations or malformed XML."""
    if _ENTITY_DECLARATION.search(raw):
        raise _entities(what)
    try:
        root = etree.fromstring(raw, parser())
    except etree.XMLSyntaxError as exc:
        reason = " ".join(re.sub(r"\(<string>, line \d+\)", "", str(exc)).split()) \
            or "a syntax error"
        raise FormatError(f"is not well-formed {what} ({reason}); skipped. Fix the markup "
                          "(xmllint --noout FILE shows where) to include it.") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities(what)
    return root


def _entities(what: str) -> FormatError:
    return FormatError(f"is {what} whose DOCTYPE declares entities (the device of XXE and "
                       "'billion laughs' attacks); skipped, nothing was expanded or fetched. "
                       "Remove the <!ENTITY> declarations to include it.")


def local(elem: etree._Element) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    tag = elem.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
