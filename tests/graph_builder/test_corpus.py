from pathlib import Path

import pytest

from graph_builder.corpus import find_files, read_corpus
from graph_builder.errors import CorpusError


def test_corpus_missing_path_is_an_error(tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        find_files(tmp_path / "nope")


def test_corpus_empty_folder_is_an_error(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with pytest.raises(CorpusError, match=r"no \.txt or \.md files"):
        find_files(tmp_path)


def test_corpus_reads_subfolders_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("Z\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("X\n", encoding="utf-8")
    docs = list(read_corpus(tmp_path, []))
    assert [d.doc_id for d in docs] == ["a.txt", "b/z.md"]


def test_corpus_non_utf8_is_decoded_with_fallback_and_warning(tmp_path):
    (tmp_path / "old.txt").write_bytes("Title\nCaf\u00e9 society, 1920\n".encode("cp1252"))
    warnings = []
    [doc] = read_corpus(tmp_path, warnings)
    assert doc.encoding == "cp1252" and "Caf\u00e9" in doc.text
    assert len(warnings) == 1 and warnings[0].path == "old.txt" and warnings[0].line == 2


def test_corpus_binary_file_is_skipped_with_warning(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ok.txt").write_text("fine\n", encoding="utf-8")
    warnings = []
    docs = list(read_corpus(tmp_path, warnings))
    assert [d.doc_id for d in docs] == ["ok.txt"]
    assert "binary" in str(warnings[0]) and "blob.txt" in str(warnings[0])


def test_corpus_line_endings_become_newlines_and_offsets_hold(tmp_path):
    (tmp_path / "dos.txt").write_bytes(b"One\r\nTwo\rThree\n")
    [doc] = read_corpus(tmp_path, [])
    assert doc.text == "One\nTwo\nThree\n"
    assert doc.line_of(doc.text.index("Three")) == 3


def test_corpus_single_file(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Only\n", encoding="utf-8")
    [doc] = read_corpus(path, [])
    assert doc.doc_id == "one.txt" and isinstance(doc.path, Path)
