import dataclasses

import pytest

from graph_builder import pipeline
from graph_builder.errors import ParseError
from graph_builder.pipeline import STAGES, BuildSettings, _Build, build_graph
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


def test_pipeline_times_every_stage_in_the_tables_order(fixture_build):
    assert list(fixture_build.stages) == [stage.name for stage in STAGES]
    assert all(seconds >= 0 for seconds in fixture_build.stages.values())


def test_pipeline_table_every_requirement_is_provided_earlier():
    """The table is the build's order: a stage may only need what an earlier one made."""
    available = {"corpus"}  # the build's input
    names = [stage.name for stage in STAGES]
    assert len(set(names)) == len(names)
    fields = {f.name for f in dataclasses.fields(_Build)}
    for stage in STAGES:
        assert set(stage.requires) <= available, (stage.name, set(stage.requires) - available)
        assert set(stage.provides) <= fields and not set(stage.provides) & available
        available |= set(stage.provides)
    assert "graph" in available


def test_pipeline_table_catches_a_stage_moved_before_what_it_needs(monkeypatch, tmp_path):
    """The runner checks the table as it goes: a stage run too early stops the build."""
    (tmp_path / "q.txt").write_text(BROKEN, encoding="utf-8")
    swapped = list(STAGES)
    swapped[2], swapped[3] = swapped[3], swapped[2]  # mentions before resolve
    monkeypatch.setattr(pipeline, "STAGES", tuple(swapped))
    with pytest.raises(AssertionError, match="mentions runs before .*resolution"):
        build_graph(tmp_path)


def test_pipeline_per_document_stages_are_the_tasks():
    assert [s.name for s in STAGES if s.per_document] == ["extract", "mentions", "topics",
                                                         "figures", "triples"]


def test_pipeline_runs_are_disjoint_so_chaining_them_loses_and_repeats_nothing(fixture_build):
    """Each document's run holds only what that document owns: no line is in two runs,
    so the graph is the runs one after another, and it is the graph one process makes
    when it sorts and deduplicates everything."""
    from graph_builder.triples import build_triples

    lines = list(fixture_build.triples.lines())
    assert len(lines) == len(set(lines)) == len(fixture_build.triples)
    whole = build_triples(fixture_build.extractions, fixture_build.resolution,
                          base=BuildSettings().base, settings=BuildSettings().as_dict())
    assert set(whole) == set(fixture_build.triples)


@pytest.mark.corpus
def test_pipeline_runs_are_disjoint_on_the_corpus(corpus_out):
    _, result = corpus_out
    lines = list(result.triples.lines())
    assert len(lines) == len(set(lines)) == len(result.triples) > 300_000
