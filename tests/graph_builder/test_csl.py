import json

import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from graph_builder.csl import CSL_TYPES, to_csl
from graph_builder.records import PersonName, Reference

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
