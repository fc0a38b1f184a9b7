"""Stage 1: find the corpus files and decode them into Documents.

Offsets everywhere else are indices into ``Document.text``, so the only
normalisation made here is the one DESIGN.md allows: line endings become
``\\n``. Messy input is the norm for historical texts, so a file that is not
UTF-8 is decoded with a declared fallback and a warning, and a binary file is
skipped with a warning; only a missing or empty corpus stops the run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from graph_builder.errors import CorpusError
from graph_builder.records import Document, InputWarning

SUFFIXES = (".txt", ".md")
FALLBACK_ENCODING = "cp1252"
_BINARY_SNIFF = 8192


def find_files(corpus: Path) -> tuple[Path, list[Path]]:
    """The corpus root and its text files, sorted so runs are reproducible."""
    if not corpus.exists():
        raise CorpusError(f"{corpus}: no such file or folder. Give a folder of .txt/.md files "
                          "or one text file.")
    if corpus.is_file():
        return corpus.parent, [corpus]
    files = sorted(
        (p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
         and not any(part.startswith(".") for part in p.relative_to(corpus).parts)),
        key=lambda p: p.relative_to(corpus).as_posix(),
    )
    if not files:
        raise CorpusError(f"{corpus}: no .txt or .md files found. Put the texts in this folder "
                          "(subfolders are read too) or name one file.")
    return corpus, files


def decode(raw: bytes, label: str, warnings: list[InputWarning]) -> tuple[str, str] | None:
    """Text and encoding of a file's bytes, or None (with a warning) for a binary file."""
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
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def read_corpus(corpus: Path, warnings: list[InputWarning]) -> Iterator[Document]:
    """Every readable document of the corpus, in a stable order."""
    root, files = find_files(corpus)
    for path in files:
        doc_id = path.relative_to(root).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            warnings.append(InputWarning(doc_id, 0, f"cannot be read ({exc.strerror}); skipped."))
            continue
        decoded = decode(raw, doc_id, warnings)
        if decoded is None:
            continue
        text, encoding = decoded
        yield Document(doc_id=doc_id, path=path, text=text, encoding=encoding,
                       sha256=hashlib.sha256(raw).hexdigest())
