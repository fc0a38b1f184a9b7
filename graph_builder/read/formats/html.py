"""HTML (and the XHTML of EPUB chapters) to readable text, with lxml.html.

A web page is mostly not its text: navigation, banners, scripts, styles,
footers, cookie notices. The readable-text step keeps the page's ``<main>``
(or its one ``<article>``, else its ``<body>``), drops the boilerplate
elements inside it, and turns every block element (heading, paragraph, list
item, table cell, quotation) into a paragraph of its own. ``<br><br>`` also
ends a paragraph, as pages without ``<p>`` use it. ``<sup>`` holding a number
becomes superscript digits, the note markers ``read.footnotes`` reads. An
EPUB page-break marker (``epub:type="pagebreak"``, ``role="doc-pagebreak"``)
records where a printed page starts.

lxml's HTML parser reads broken markup as browsers do, and it knows only
HTML's own entities: a DOCTYPE cannot make it fetch or expand anything.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree, html

from graph_builder.read.formats.assemble import (
    SKIP,
    SUPERSCRIPT,
    Assembly,
    Extracted,
    Walker,
    with_title,
)

DROP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "template",
                  "form", "button", "select", "textarea", "svg", "math", "iframe", "object",
                  "canvas", "head", "title", "meta", "link", "input", "dialog", "menu"})
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote",
                    "div", "section", "article", "main", "pre", "td", "th", "tr", "caption",
                    "figcaption", "figure", "address", "ul", "ol", "dl", "table", "hr",
                    "body", "center", "details", "summary", "hgroup"})
_BOILERPLATE_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary",
                                "search", "doc-pagelist", "doc-toc"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DIGITS = re.compile(r"\s*\d{1,3}\s*")


def decode_html(raw: bytes) -> tuple[str, str]:
    """Text and encoding: a byte order mark, else the declared charset, else UTF-8,
    else cp1252 (what browsers assume of undeclared Western pages)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(name, errors="replace").lstrip("\ufeff"), name
    declared = _META_CHARSET.search(raw[:4096]) or re.search(
        rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", raw[:200])
    names = [declared.group(1).decode("ascii").lower()] if declared else []
    for name in [*names, "utf-8"]:
        try:
            return raw.decode(name), codecs.lookup(name).name
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("cp1252", errors="replace"), "cp1252"


def parse(raw: bytes) -> tuple[etree._Element, str]:
    """The parsed page and its encoding (an empty page is an empty <html>)."""
    text, encoding = decode_html(raw)
    # an XML declaration in a str makes lxml refuse it; the text is decoded already
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        return html.Element("html"), encoding
    return html.document_fromstring(text, parser=html.HTMLParser(no_network=True)), encoding


def content_root(root: etree._Element) -> etree._Element:
    """The part of the page that holds its text: <main>, its one <article>, or <body>."""
    for path in ("//main", "//*[@role='main']"):
        found = root.xpath(path)
        if len(found) == 1:
            return found[0]
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


class HtmlWalker(Walker):
    """Blocks to paragraphs, boilerplate out."""

    def __init__(self, assembly: Assembly) -> None:
        super().__init__(assembly)
        self._br = False  # the last thing seen was a <br> (two make a paragraph break)

    def add(self, text: str | None) -> None:
        if text and text.strip():
            self._br = False
        super().add(text)

    def start(self, elem: etree._Element) -> str | None:
        tag = elem.tag.rpartition("}")[2].lower()
        role = (elem.get("role") or "").lower()
        kind = (elem.get("epub:type") or elem.get("type") or "").lower()
        if "pagebreak" in kind or role == "doc-pagebreak":
            label = elem.get("title") or elem.get("aria-label") or elem.text_content()
            self.out.mark("page", " ".join(label.split()))
            return SKIP
        if (tag in DROP and not (tag == "header" and _in_article(elem))) \
                or role in _BOILERPLATE_ROLES or elem.get("hidden") is not None \
                or elem.get("aria-hidden") == "true":
            return SKIP
        if tag == "br":
            if self._br:
                self.out.paragraph()
            else:
                self.out.add(" ")
            self._br = True
            return SKIP
        if tag == "sup" and _DIGITS.fullmatch(elem.text_content() or ""):
            self.out.add(elem.text_content().strip().translate(SUPERSCRIPT))
            return SKIP
        if tag in BLOCKS:
            self.out.paragraph()
        return None

    def end(self, elem: etree._Element) -> None:
        if elem.tag.rpartition("}")[2].lower() in BLOCKS:
            self.out.paragraph()


def _in_article(elem: etree._Element) -> bool:
    return any(a.tag == "article" for a in elem.iterancestors())


def page_title(root: etree._Element) -> str:
    title = root.find(".//title")
    return " ".join(title.text_content().split()) if title is not None else ""


def read_into(assembly: Assembly, root: etree._Element) -> None:
    """The readable text of a parsed page, appended to ``assembly``."""
    assembly.paragraph()
    HtmlWalker(assembly).walk(content_root(root))
    assembly.paragraph()


def extract(raw: bytes) -> Extracted:
    """The readable text of an HTML page; its <title> leads when the page's text
    does not start with it."""
    root, encoding = parse(raw)
    assembly = Assembly()
    read_into(assembly, root)
    return with_title(assembly.result("html", encoding), page_title(root))
