"""Write one text as HTML, TEI XML, PDF and EPUB, for the format readers' tests and benchmarks.

Each writer takes a title and a list of paragraphs (and TEI optional notes) and writes a
small but real file of its format: the HTML carries the boilerplate (navigation, script,
footer) a reader must drop; the TEI is in the TEI P5 namespace with a teiHeader; the PDF is
written by hand (no PDF library needed) with the standard Helvetica font, one text line per
``Tj``, page numbers printed at the foot and, optionally, page labels; the EPUB is an EPUB 3
zip with container.xml, an OPF package and one XHTML file per chapter in spine order.

Paragraphs are kept whole on a PDF page (a paragraph that does not fit starts the next page),
so a reader that joins wrapped lines gets the paragraphs back exactly.
"""

from __future__ import annotations

import re
import textwrap
import zipfile
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path

TEI_NS = "http://www.tei-c.org/ns/1.0"

_PAGE_W, _PAGE_H, _MARGIN = 612, 792, 72
_WRAP = 80  # characters a line of 11 pt Helvetica holds between the margins
_TITLE_WRAP = 50  # and of 16 pt Helvetica Bold
_LINE, _GAP = 14, 10  # line height, and the extra space between paragraphs


def write_html(path: Path, title: str, paragraphs: Sequence[str]) -> Path:
    """An HTML page: the title in <title> and <h1>, paragraphs as <p>, and the boilerplate
    of a real page (nav, header, script, style, footer) around them."""
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in paragraphs)
    path = Path(path)
    path.write_text(f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(title)}</title>
  <style>body {{ font-family: serif; }} p::before {{ content: "styled"; }}</style>
  <script>var tracker = "do not read this script";</script>
</head>
<body>
  <header><a href="/">Site home</a></header>
  <nav><ul><li><a href="/a">Archive</a></li><li><a href="/b">About us</a></li></ul></nav>
  <main>
    <h1>{escape(title)}</h1>
{body}
  </main>
  <footer>Copyright notice of the site, not part of the text.</footer>
</body>
</html>
""", encoding="utf-8")
    return path


def write_tei(path: Path, title: str, paragraphs: Sequence[str],
              notes: Iterable[tuple[int, str]] = ()) -> Path:
    """A TEI P5 document. ``notes`` are (paragraph index, note text): each note is put
    inline at the end of that paragraph, as TEI marks footnotes, its text in a <bibl>, and
    ``*Title*`` in it as <title>Title</title>."""
    by_paragraph: dict[int, list[str]] = {}
    for index, text in notes:
        by_paragraph.setdefault(index, []).append(text)
    body = []
    for i, paragraph in enumerate(paragraphs):
        inline = "".join(f'<note place="foot"><bibl>{_titled(n)}</bibl></note>'
                         for n in by_paragraph.get(i, ()))
        body.append(f"        <p>{escape(paragraph)}{inline}</p>")
    Path(path).write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI_NS}">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>{escape(title)}</title></titleStmt>
      <publicationStmt><p>Written for the claimgraph tests.</p></publicationStmt>
      <sourceDesc><p>Born digital.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
      <div type="chapter">
        <head>{escape(title)}</head>
{chr(10).join(body)}
      </div>
    </body>
  </text>
</TEI>
""", encoding="utf-8")
    return Path(path)


def _titled(note: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"<title>\1</title>", escape(note))


def write_epub(path: Path, title: str, paragraphs: Sequence[str]) -> Path:
    """An EPUB 3: the paragraphs split into two chapters (two XHTML files in the spine,
    listed in the manifest in the other order, so only the spine gives the reading order)."""
    half = max(1, len(paragraphs) // 2)
    chapters = [paragraphs[:half], paragraphs[half:]]
    files = {}
    for n, chapter in enumerate(chapters, start=1):
        heading = f"<h1>{escape(title)}</h1>\n" if n == 1 else ""
        ps = "\n".join(f"<p>{escape(p)}</p>" for p in chapter)
        files[f"OEBPS/chapter{n}.xhtml"] = f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>{escape(title)}</title></head>
<body>
<section epub:type="chapter">
{heading}{ps}
</section>
</body>
</html>
"""
    manifest = "\n".join(f'    <item id="c{n}" href="chapter{n}.xhtml" '
                         'media-type="application/xhtml+xml"/>' for n in (2, 1))
    files["OEBPS/content.opf"] = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:claimgraph-test</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
{manifest}
  </manifest>
  <spine>
    <itemref idref="c1"/>
    <itemref idref="c2"/>
  </spine>
</package>
"""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")  # stored, first
        zf.writestr("META-INF/container.xml", """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
""")
        for name, text in files.items():
            zf.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
    return Path(path)


# -- PDF ------------------------------------------------------------------------------------

def pdf_pages(title: str, paragraphs: Sequence[str]) -> list[list[tuple[str, str]]]:
    """The lines of each page as (font, text): the title in bold, then each paragraph's
    wrapped lines with a gap before it; a paragraph that does not fit starts a new page.
    Lines break between words only (never at a hyphen), so joining them with spaces gives
    the paragraph back."""
    room = (_PAGE_H - 2 * _MARGIN) // _LINE
    pages: list[list[tuple[str, str]]] = [[("F2", line) for line in _wrap(title, _TITLE_WRAP)]]
    pages[0].append(("", ""))
    for paragraph in paragraphs:
        lines = [("F1", line) for line in _wrap(paragraph, _WRAP)]
        if pages[-1] and len(pages[-1]) + len(lines) + 1 > room:
            pages.append([])
        elif pages[-1] and pages[-1][-1][1]:
            pages[-1].append(("", ""))
        pages[-1].extend(lines)
    return pages


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def write_pdf(path: Path, title: str, paragraphs: Sequence[str], *, first_page: int = 1,
              text_layer: bool = True) -> Path:
    """A PDF 1.4 with the text on as many pages as it needs, the page number printed at the
    foot of each. With ``first_page`` other than 1 the file also carries page labels (the
    pages are then numbered, and labelled, from ``first_page``). ``text_layer=False`` draws
    only boxes: the file a scan without OCR gives.

    The standard fonts write Windows-1252 only: ValueError for a text with other
    characters. A paragraph longer than a page gets a page long enough for it. Read back,
    the text has its white space collapsed, as every reader gives it."""
    for text in (title, *paragraphs):
        try:
            text.encode("cp1252")
        except UnicodeEncodeError as exc:
            raise ValueError(f"write_pdf writes Windows-1252 text only; {text[exc.start]!r} "
                             f"in {text[:40]!r}...") from None
    pages = pdf_pages(title, paragraphs)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    tree = add(b"")
    fonts = (add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                 b"/Encoding /WinAnsiEncoding >>"),
             add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                 b"/Encoding /WinAnsiEncoding >>"))
    kids = []
    for number, lines in enumerate(pages, start=first_page):
        height = max(_PAGE_H, 2 * _MARGIN + sum(_LINE if t else _GAP for _, t in lines))
        stream = _page_stream(lines, str(number), height) if text_layer else \
            _boxes(lines, height)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>"
                        % (tree, _PAGE_W, height, content, *fonts)))
    labels = b"" if first_page == 1 else (b" /PageLabels << /Nums [0 << /S /D /St %d >>] >>"
                                          % first_page)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (tree, labels)
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    Path(path).write_bytes(_pdf_file(objects, catalog))
    return Path(path)


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _page_stream(lines: list[tuple[str, str]], label: str, height: int) -> bytes:
    out, y = [], height - _MARGIN
    for font, text in lines:
        if text:
            size = 16 if font == "F2" else 11
            out.append(b"BT /%s %d Tf %d %d Td %s Tj ET" % (font.encode(), size, _MARGIN, y,
                                                          _pdf_string(text)))
        y -= _LINE if text else _GAP
    out.append(b"BT /F1 10 Tf %d %d Td %s Tj ET" % (_PAGE_W // 2, _MARGIN // 2,
                                                   _pdf_string(label)))
    return b"\n".join(out)


def _boxes(lines: list[tuple[str, str]], height: int) -> bytes:
    """Grey bars where the lines would be: a page image with no text behind it."""
    out, y = [b"0.5 g"], height - _MARGIN
    for _font, text in lines:
        if text:
            out.append(b"%d %d %d 8 re f" % (_MARGIN, y, 5 * len(text)))
        y -= _LINE if text else _GAP
    return b"\n".join(out)


def _pdf_file(objects: list[bytes], root: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, xref)
    return bytes(out)
