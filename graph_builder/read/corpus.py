"""Stage 1: find the corpus files and decode them into Documents.

Offsets everywhere else are indices into ``Document.text``, so the only
normalisation made here is the one DESIGN.md allows: line endings become
``\\n``. HTML, TEI, PDF and EPUB files are read into plain text first
(``read.formats``), and that text is theirs: their offsets index it, and the
build ships it beside the graph. Messy input is the norm for historical
texts, so a file that is not UTF-8 is decoded with a declared fallback and a
warning, and a binary file is skipped with a warning, as is a file of another
format that cannot be read (encrypted, a scan without text, broken, hostile);
only a missing corpus, or one with no readable text, stops the run.

The corpus stays inside its folder: a symbolic link that leads outside it (to
``/etc/passwd``, say) is skipped with a warning unless the user asks to follow
links, because whatever is read ends up in the graph and in its page.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from graph_builder.errors import CorpusError
from graph_builder.read import formats
from graph_builder.records import Document, InputWarning

TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = TEXT_SUFFIXES + formats.SUFFIXES
FALLBACK_ENCODING = "cp1252"
_BINARY_SNIFF = 8192
# UTF-32 first: its little-endian mark starts with UTF-16's
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def find_files(corpus: Path, warnings: list[InputWarning] | None = None,
               follow_links: bool = False) -> tuple[Path, list[Path]]:
    """The corpus root and its text files, sorted so runs are reproducible.

    Hidden files and folders are passed over. Unless ``follow_links``, a link
    whose target lies outside the corpus folder is skipped with a warning.
    """
    if not corpus.exists():
        raise CorpusError(f"{corpus}: no such file or folder. Give a folder of .txt/.md files "
                          "or one text file.")
    if corpus.is_file():
        return corpus.parent, [corpus]
    files = sorted(_walk(corpus, warnings if warnings is not None else [], follow_links),
                   key=lambda p: p.relative_to(corpus).as_posix())
    if not files:
        raise CorpusError(f"{corpus}: no .txt or .md files (nor .html, .htm, TEI .xml, .pdf or "
                          ".epub) found. Put the texts in this folder (subfolders are read too) "
                          "or name one file.")
    return corpus, files


def _walk(corpus: Path, warnings: list[InputWarning], follow_links: bool) -> Iterator[Path]:
    root = corpus.resolve()
    seen: set[Path] = {root}  # real folders entered, so linked loops end
    for folder, dirs, names in os.walk(corpus, followlinks=follow_links):
        here = Path(folder)
        kept = []
        for name in sorted(dirs):
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                real = path.resolve()
                if not follow_links:
                    if _inside(real, root):
                        continue  # read once, where it really is
                    _outside(path, corpus, warnings)
                    continue
                if real in seen:
                    continue
                seen.add(real)
            kept.append(name)
        dirs[:] = kept
        for name in names:
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink() and not follow_links and not _inside(path.resolve(), root):
                _outside(path, corpus, warnings)
                continue
            if path.is_file():
                yield path


def _inside(real: Path, root: Path) -> bool:
    return real == root or root in real.parents


def _outside(path: Path, corpus: Path, warnings: list[InputWarning]) -> None:
    warnings.append(InputWarning(_doc_id(path.relative_to(corpus)), 0,
                                 "is a link to a place outside the corpus folder; skipped. Copy "
                                 "the file in, or build with --follow-links."))


def _doc_id(relative: Path) -> str:
    """A file's id: its path in the corpus, with bytes that are not UTF-8 written as \\xNN."""
    return os.fsencode(relative.as_posix()).decode("utf-8", errors="backslashreplace")


def decode(raw: bytes, label: str, warnings: list[InputWarning]) -> tuple[str, str] | None:
    """Text and encoding of a file's bytes, or None (with a warning) for a binary file."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                warnings.append(InputWarning(label, 0, f"starts with a {encoding.upper()} byte "
                                             f"order mark but is not {encoding.upper()} "
                                             f"({exc.reason}); skipped. Re-save it as UTF-8."))
                return None
            return _lines(text), encoding
    if b"\x00" in raw[:_BINARY_SNIFF]:
        warnings.append(InputWarning(label, 0, "looks binary (NUL bytes); skipped. "
                                     "Convert it to UTF-8 text to include it."))
        return None
    try:
        text, encoding = raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        text, encoding = raw.decode(FALLBACK_ENCODING, errors="replace"), FALLBACK_ENCODING
        warnings.append(InputWarning(label, line, f"not valid UTF-8; decoded as "
                                     f"{FALLBACK_ENCODING}. Re-save the file as UTF-8 to be sure "
                                     "of every character."))
    return _lines(text), encoding


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_documents(corpus: Path, warnings: list[InputWarning],
                   follow_links: bool = False) -> list[Document]:
    """Every readable document of the corpus; CorpusError when none holds any text."""
    documents = list(read_corpus(corpus, warnings, follow_links))
    if not any(d.text.strip() for d in documents):
        raise CorpusError(f"{corpus}: no readable text (every file is empty, binary or "
                          "unreadable), so there is nothing to build a graph from. Add UTF-8 "
                          "text files (.txt or .md), or HTML, TEI, PDF or EPUB files with text.")
    return documents


def read_corpus(corpus: Path, warnings: list[InputWarning],
                follow_links: bool = False) -> Iterator[Document]:
    """Every readable document of the corpus, in a stable order."""
    root, files = find_files(corpus, warnings, follow_links)
    for path in files:
        doc_id = _doc_id(path.relative_to(root))
        if doc_id != path.relative_to(root).as_posix():
            warnings.append(InputWarning(doc_id, 0, "the file name is not valid UTF-8; its "
                                         "id writes those bytes as \\xNN. Rename the file to be "
                                         "sure of its name."))
        try:
            raw = path.read_bytes()
        except OSError as exc:
            warnings.append(InputWarning(doc_id, 0, f"cannot be read ({exc.strerror}); skipped."))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if path.suffix.lower() in formats.SUFFIXES:
            try:
                found = formats.extract_text(path.suffix, raw)
            except formats.FormatError as exc:
                warnings.append(InputWarning(doc_id, 0, str(exc)))
                continue
            yield Document(doc_id=doc_id, path=path, text=found.text, encoding=found.encoding,
                           sha256=digest, source_format=found.source_format,
                           pages=found.pages, names=found.names)
            continue
        decoded = decode(raw, doc_id, warnings)
        if decoded is None:
            continue
        text, encoding = decoded
        yield Document(doc_id=doc_id, path=path, text=text, encoding=encoding, sha256=digest)
