from pathlib import Path

import pytest

from graph_builder.errors import CorpusError
from graph_builder.read.corpus import find_files, read_corpus, read_documents


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


def _outside_and_inside(tmp_path: Path) -> Path:
    """A corpus holding one text, a link to a file outside it, a link to a folder outside
    it, a link to its own text and a link back to itself (a loop)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Secret\n\nroot:x:0:0\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text("A\n\nJane Doe wrote.\n", encoding="utf-8")
    (corpus / "x.txt").symlink_to(outside / "secret.txt")
    (corpus / "elsewhere").symlink_to(outside)
    (corpus / "sub" / "again.txt").symlink_to(corpus / "a.txt")
    (corpus / "sub" / "loop").symlink_to(corpus)
    return corpus


def test_issue_12_links_out_of_the_corpus_are_skipped_with_a_warning(tmp_path):
    corpus = _outside_and_inside(tmp_path)
    warnings = []
    docs = read_documents(corpus, warnings)
    assert [d.doc_id for d in docs] == ["a.txt", "sub/again.txt"]
    assert not any("root:x" in d.text for d in docs)
    assert sorted(str(w) for w in warnings) == [
        f"{name}: is a link to a place outside the corpus folder; skipped. Copy the file in, "
        "or build with --follow-links." for name in ("elsewhere", "x.txt")]


def test_issue_12_follow_links_reads_them_and_ends_loops(tmp_path):
    corpus = _outside_and_inside(tmp_path)
    docs = read_documents(corpus, [], follow_links=True)
    assert [d.doc_id for d in docs] == ["a.txt", "elsewhere/secret.txt", "sub/again.txt",
                                        "x.txt"]


def test_issue_12_a_file_name_that_is_not_utf8_is_an_id_and_a_warning(tmp_path):
    (tmp_path / "caf\udce9.txt").write_text("T\n\nPierre Dupont.\n", encoding="utf-8")
    warnings = []
    [doc] = read_documents(tmp_path, warnings)
    assert doc.doc_id == "caf\\xe9.txt"
    doc.doc_id.encode("utf-8")  # no surrogate left to break a writer
    assert "not valid UTF-8" in str(warnings[0])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_issue_12_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, encoding):
    text = "Title\r\n\r\nMaria Skłodowska wrote to Paris.\r\n"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    (tmp_path / "letter.txt").write_bytes(raw)
    warnings = []
    [doc] = read_documents(tmp_path, warnings)
    assert doc.text == "Title\n\nMaria Skłodowska wrote to Paris.\n" and not warnings


def test_issue_12_a_corpus_of_empty_files_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    (tmp_path / "b.md").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="no readable text"):
        read_documents(tmp_path, [])
