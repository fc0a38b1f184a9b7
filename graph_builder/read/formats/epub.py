"""EPUB (2 and 3) to readable text: META-INF/container.xml -> OPF package -> spine.

An EPUB is a zip of XHTML files; the OPF package's spine gives their reading
order (the manifest's order means nothing). Each spine item is read by the
HTML reader (``formats.html``) into one text, chapter after chapter, led by
the package's ``dc:title``. The XML files are parsed by ``formats.xmlsafe``.

A zip can claim little and unpack to much (a "zip bomb"), so the sizes the
zip declares are checked before anything is unpacked: too many members, too
much in all, or a member that unpacks to over a hundred times its packed size
(and is large) make the file refused with a warning. Reads are capped at the
declared size, which Python's zipfile enforces.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from urllib.parse import unquote

from lxml import etree

from graph_builder.read.formats import html
from graph_builder.read.formats.assemble import Assembly, Extracted, FormatError, with_title
from graph_builder.read.formats.xmlsafe import local, parse_xml

MAX_MEMBERS = 10_000
MAX_TOTAL = 512 * 1024 * 1024  # bytes unpacked, all members
MAX_RATIO, RATIO_FLOOR = 100, 16 * 1024 * 1024  # a member this large may not be this packed
_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_XHTML = {"application/xhtml+xml", "text/html", "application/x-dtbook+xml"}


def extract(raw: bytes) -> Extracted:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise FormatError("is not a readable EPUB (it is no zip file, or a damaged one); "
                          "skipped. Re-export it from its editor, or convert it (ebook-convert "
                          "IN.epub OUT.txt) to include it.") from None
    with archive:
        _check_sizes(archive)
        opf_path = _package_path(archive)
        package = parse_xml(_read(archive, opf_path), "XML (the EPUB's OPF package)")
        title, spine = _spine(package, posixpath.dirname(opf_path))
        _check_not_encrypted(archive, spine)
        assembly = Assembly()
        for name in spine:
            root, _encoding = html.parse(_read(archive, name))
            html.read_into(assembly, root)
    return with_title(assembly.result("epub", "utf-8"), title)


def _check_sizes(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    total = sum(m.file_size for m in members)
    packed_too_well = [m.filename for m in members if m.file_size > RATIO_FLOOR
                       and m.file_size > MAX_RATIO * max(m.compress_size, 1)]
    if len(members) > MAX_MEMBERS or total > MAX_TOTAL or packed_too_well:
        raise FormatError(f"is an EPUB that would unpack to {total:,} bytes in {len(members):,} "
                          "files (a zip bomb?); skipped, nothing was unpacked. Check where it "
                          "came from, or convert it to text to include it.")


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise FormatError(f"is a broken EPUB: it has no {name}; skipped. Re-export it from its "
                          "editor to include it.") from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise FormatError(f"is a broken EPUB ({name}: {exc}); skipped. Re-export it from its "
                          "editor to include it.") from None


def _package_path(archive: zipfile.ZipFile) -> str:
    container = parse_xml(_read(archive, _CONTAINER), f"XML (the EPUB's {_CONTAINER})")
    for elem in container.iter():
        if local(elem) == "rootfile" and elem.get("full-path"):
            return unquote(elem.get("full-path"))
    raise FormatError(f"is a broken EPUB: its {_CONTAINER} names no package (rootfile); "
                      "skipped. Re-export it from its editor to include it.")


def _check_not_encrypted(archive: zipfile.ZipFile, spine: list[str]) -> None:
    """Refuse a book whose chapters are encrypted (DRM): their bytes would read as noise.
    Obfuscated fonts, which META-INF/encryption.xml also lists, are no matter."""
    if _ENCRYPTION not in archive.namelist():
        return
    listed = parse_xml(_read(archive, _ENCRYPTION), f"XML (the EPUB's {_ENCRYPTION})")
    locked = {posixpath.normpath(unquote(e.get("URI", ""))) for e in listed.iter()
              if local(e) == "CipherReference"}
    if locked & set(spine):
        raise FormatError("is an EPUB whose text is encrypted (DRM); skipped. Export it "
                          "without DRM from where it was bought to include it.")


def _spine(package: etree._Element, folder: str) -> tuple[str, list[str]]:
    """The book's title and its XHTML files in reading order (paths in the zip)."""
    manifest = {}
    title = ""
    for elem in package.iter():
        tag = local(elem)
        if tag == "item" and elem.get("id") and elem.get("href"):
            manifest[elem.get("id")] = (elem.get("href"), elem.get("media-type", ""))
        elif tag == "title" and not title:
            title = " ".join(elem.xpath("string()").split())
    spine = []
    for elem in package.iter():
        if local(elem) == "itemref" and elem.get("idref") in manifest \
                and elem.get("linear") != "no":
            href, media = manifest[elem.get("idref")]
            if media in _XHTML:
                spine.append(posixpath.normpath(posixpath.join(folder, unquote(href))))
    if not spine:
        raise FormatError("is a broken EPUB: its package lists no XHTML files in its spine; "
                          "skipped. Re-export it from its editor to include it.")
    return title, spine
