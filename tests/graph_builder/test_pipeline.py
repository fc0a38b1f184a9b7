import pytest

from graph_builder.errors import ParseError
from graph_builder.pipeline import BuildSettings, build_graph
from graph_builder.records import ClaimKind

# The detector takes this for a citation line (author, year, page), but it has no
# recognisable title: the lenient path must keep the quote and warn.
BROKEN = ("Quotes\n\nA THESIS ABOUT SOMETHING\n\nA quoted sentence that someone wrote once.\n"
          "Scurr, Ruth, 2006, p. 266\n")


def test_pipeline_unparsable_citation_warns_and_keeps_the_quote(tmp_path):
    (tmp_path / "q.txt").write_text(BROKEN, encoding="utf-8")
    result = build_graph(tmp_path)
    [quote] = [c for e in result.extractions for c in e.claims if c.kind is ClaimKind.QUOTATION]
    assert quote.text == "A quoted sentence that someone wrote once."
    assert not result.resolution.work_of_citation
    assert [str(w) for w in result.warnings] == [
        "q.txt:6: reference could not be parsed ('Scurr, Ruth, 2006, p. 266'); its claim is "
        "kept without a cited work."]


def test_pipeline_strict_stops_on_the_same_problem(tmp_path):
    (tmp_path / "q.txt").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ParseError, match=r"q\.txt:6: .*--strict"):
        build_graph(tmp_path, BuildSettings(strict=True))


def test_pipeline_times_every_stage(fixture_build):
    assert set(fixture_build.stages) == {"corpus", "segment", "notes", "references", "resolve",
                                         "mentions", "topics", "build"}
    assert all(seconds >= 0 for seconds in fixture_build.stages.values())
