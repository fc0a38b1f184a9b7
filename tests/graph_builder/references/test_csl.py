import json
import time

import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from graph_builder.records import PersonName, Reference
from graph_builder.references import parse_reference
from graph_builder.references.csl import CSL_TYPES, to_csl

# The CSL 1.0.2 variables this project writes (csl-data.json).
CSL_VARIABLES = {"id", "type", "author", "editor", "translator", "title", "container-title",
                 "volume", "issue", "page", "publisher", "publisher-place", "issued", "archive",
                 "archive_location", "note"}


def test_csl_book_with_names_and_date():
    ref = Reference("x", kind="book", authors=(PersonName("Strong", "Anna L."),),
                    translators=(PersonName("Staklo", "Vadim A."),), title="T", place="New York",
                    publisher="Dial", year="1941", pages="11-12")
    assert to_csl(ref, "r1") == {
        "id": "r1", "type": "book", "author": [{"family": "Strong", "given": "Anna L."}],
        "translator": [{"family": "Staklo", "given": "Vadim A."}], "title": "T", "page": "11-12",
        "publisher": "Dial", "publisher-place": "New York", "issued": {"date-parts": [[1941]]}}


def test_csl_corporate_author_is_literal_and_archival_is_manuscript():
    item = to_csl(Reference("x", kind="archival", organization="Socialist Clarity Group",
                            archive="RGASPI", archive_location="f. 17, op. 2, d. 453"), "r")
    assert item["author"] == [{"literal": "Socialist Clarity Group"}]
    assert item["type"] == "manuscript" and item["archive"] == "RGASPI"


@pytest.mark.parametrize("kind", sorted(CSL_TYPES))
def test_csl_every_kind_maps_to_a_csl_type(kind):
    assert to_csl(Reference("x", kind=kind), "r")["type"] in {
        "book", "article-journal", "chapter", "article-newspaper", "manuscript", "webpage",
        "document"}


def test_csl_parse_refs_keeps_order_and_blank_lines(tmp_path):
    refs = tmp_path / "refs.txt"
    refs.write_text(
        "Hobsbawm, Eric. Labouring Men. London: Weidenfeld & Nicolson, 1964, p. 7\n\n"
        "RGASPI, f. 17, op. 2, d. 453, l. 3\n"
        "%%% not a reference at all %%%\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse-refs", str(refs)])
    items = [json.loads(line) for line in result.output.splitlines()]
    assert result.exit_code == 0 and len(items) == 4
    assert items[0]["title"] == "Labouring Men" and items[0]["page"] == "7"
    assert items[1] == {}
    assert items[2]["archive"] == "RGASPI"
    assert items[3]["id"] == "ref-4" and "note" in items[3]
    assert all(set(item) <= CSL_VARIABLES for item in items)


def test_csl_parse_refs_reads_stdin():
    result = CliRunner().invoke(main, ["parse-refs"], input="Scott, John. Behind the Urals, "
                                "Boston: Houghton Mifflin Company, 1942, p. 187\n")
    assert json.loads(result.output)["publisher-place"] == "Boston"


def test_issue_12_parse_refs_long_line_is_warned_not_parsed(tmp_path):
    """A 40,000-character line took 40 s to parse; over 2,000 it is no single reference."""
    refs = tmp_path / "refs.txt"
    refs.write_text("Scott, John. Behind the Urals. Boston, 1942, p. 187\n"
                    + "Smith, J. " + "1" * 40_000 + " (London, 1990), p. 4\n", encoding="utf-8")
    started = time.perf_counter()
    result = CliRunner().invoke(main, ["parse-refs", str(refs)])
    assert time.perf_counter() - started < 5
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(items) == 2
    assert items[0]["title"] == "Behind the Urals" and "not parsed" not in items[0].get("note", "")
    assert "not parsed: 40,031 characters" in items[1]["note"] and "title" not in items[1]
    assert result.stderr.count("\n") == 1 and f"{refs}:2: not parsed" in result.stderr


@pytest.mark.parametrize("text", ["Smith, J. " + "1" * 1980, "Smith, J. " + "Ab" * 990,
                                  "Smith, J. " + "A" * 1980, "Smith, J. " + "vol. 1, " * 247],
                         ids=["digits", "mixed-case", "capitals", "volumes"])
def test_issue_12_parse_refs_strings_at_the_cap_parse_quickly(text):
    """The quadratic patterns (shelfmark, page range, volume) cost ms at the cap now."""
    started = time.perf_counter()
    parse_reference(text)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(("data", "where"), [
    (b"Scott, John. Behind the Urals\n\xff\xfe broken\n", "line 2"),
    (b"\xff\xfeS\x00c\x00\n\x00\x00\xd8", "UTF-16"),
], ids=["utf-8", "utf-16"])
def test_issue_12_parse_refs_bad_encoding_is_one_line(data, where):
    result = CliRunner().invoke(main, ["parse-refs"], input=data)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "standard input: not valid" in result.stderr and where in result.stderr
    assert "save it as UTF-8" in result.stderr


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_issue_12_parse_refs_honours_a_byte_order_mark(tmp_path, encoding):
    refs = tmp_path / "refs.txt"
    refs.write_bytes("Scott, John. Behind the Urals. Boston, 1942, p. 187\n".encode(encoding))
    result = CliRunner().invoke(main, ["parse-refs", str(refs)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Behind the Urals"
