"""Issue 16, part 2: the same text in two documents, whether or not one cites the other.

The fixture corpus (``reuse/``) is written for these tests: the minutes of a harbour
board, a survey that prints one of their paragraphs almost word for word without
citing them, a gazette that reports the chairman's answer in its own words around
the same phrase, and a canal survey that shares nothing with them but repeats one
paragraph of its own. A boilerplate sentence closes four of the documents.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.pipeline import build_graph
from graph_builder.query.named import run_named
from graph_builder.query.validate import validate_graph
from graph_builder.records import Claim, ClaimKind, Span
from graph_builder.verify.reuse import MAX_CLAIMS, find_reuse
from graph_builder.verify.tokens import Tokens

HERE = Path(__file__).parent
REUSE = HERE / "reuse"
QUOTES = HERE / "corpus"


@pytest.fixture(scope="module")
def built():
    return build_graph(REUSE)


def _texts(built) -> dict[str, str]:
    return {d.doc_id: d.text for d in built.documents}


def _rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    solutions = run_named(store, name, params).value
    names = [v.value for v in solutions.variables]
    return [{k: (row[k].value if row[k] is not None else "") for k in names} for row in solutions]


def test_reuse_a_paragraph_printed_again_without_citation(built):
    texts = _texts(built)
    [survey] = [r for r in built.resolution.text_reuse if r.other_doc == "ports_survey.txt"]
    assert survey.doc_id == "harbour_minutes.txt" and not survey.cited
    mine = survey.span.slice(texts["harbour_minutes.txt"])
    theirs = survey.other_span.slice(texts["ports_survey.txt"])
    assert mine.startswith("The engineers reported") and mine.endswith("whole length")
    assert theirs.startswith("the engineers reported") and theirs.endswith("whole length")
    assert 0.9 < survey.similarity < 1.0  # "repairs" against "repair"
    assert survey.words == 33


def test_reuse_a_report_in_other_words_around_the_same_phrase(built):
    texts = _texts(built)
    [gazette] = [r for r in built.resolution.text_reuse if r.other_doc == "shipping_gazette.txt"]
    theirs = gazette.other_span.slice(texts["shipping_gazette.txt"])
    assert theirs.startswith("the board had no money for stone")
    assert theirs.endswith("sailings began")
    assert "merchants" not in theirs  # the gazette's own words stay outside the span


def test_reuse_boilerplate_and_a_documents_own_repeats_are_no_reuse(built):
    """The closing sentence is in five claims (more than MAX_CLAIMS): a formula that
    points at no pair; the canal survey's repeated paragraph is one document's."""
    assert MAX_CLAIMS < 5
    docs = {(r.doc_id, r.other_doc) for r in built.resolution.text_reuse}
    assert docs == {("harbour_minutes.txt", "ports_survey.txt"),
                    ("harbour_minutes.txt", "shipping_gazette.txt")}


def test_reuse_graph_conforms_and_the_named_query_answers(built, tmp_path):
    path = tmp_path / "graph.nt"
    path.write_bytes(ox.serialize(list(built.triples), format=ox.RdfFormat.N_QUADS))
    report = validate_graph(path)
    assert report.conforms, report.failures
    rows = _rows(built.store(), "text-reuse")
    assert list(rows[0]) == ["claim", "document", "line", "start", "end", "other_claim",
                             "other_document", "other_line", "other_start", "other_end",
                             "words", "similarity", "follows_citation"]
    assert [(r["document"], r["other_document"], r["follows_citation"]) for r in rows] == [
        ("harbour_minutes.txt", "ports_survey.txt", "false"),
        ("harbour_minutes.txt", "shipping_gazette.txt", "false")]
    texts = _texts(built)
    for row in rows:  # the offsets lead back to the words on both pages
        mine = texts[row["document"]][int(row["start"]):int(row["end"])]
        theirs = texts[row["other_document"]][int(row["other_start"]):int(row["other_end"])]
        assert "the board had no money" in mine + theirs or "western arm" in mine + theirs
    assert _rows(built.store(), "text-reuse", cited="true") == []
    assert len(_rows(built.store(), "text-reuse", printed_in="gazette")) == 1


def test_reuse_a_quotation_found_in_its_source_is_reuse_that_follows_a_citation():
    built = build_graph(QUOTES)
    followed = [r for r in built.resolution.text_reuse if r.cited]
    assert followed and all({r.doc_id, r.other_doc} == {"book.txt", "compilation.txt"}
                            for r in followed)
    checks = built.resolution.quote_checks.values()
    matched = [c for c in checks if c.source_claim]
    assert matched and all(c.source_claim.startswith("book.txt|") for c in matched)
    altered = next(c for c in checks if "abandonment of → abandoning" in c.differences)
    book = next(d for d in built.documents if d.doc_id == "book.txt").text
    start, end = (int(x) for x in altered.source_claim.split("|")[1:3])
    assert start <= altered.source_span.start < end  # the book's passage that holds it
    assert "abandoning" in book[start:end]


def test_reuse_the_view_links_a_quotation_to_the_passage_it_was_found_in():
    """The claim panel's connections list the matched claim ("found in"), so a reader
    clicks from the quotation to the book's passage; the passage is drawn for it."""
    from graph_builder.view.projection import project, projection_store
    built = build_graph(QUOTES)
    view = project(projection_store(built.triples))
    found_in = [(a, b) for a, b, kind in view.edges(data="kind") if kind == "found in"]
    assert found_in
    for a, b in found_in:
        assert view.nodes[a]["document"] == "compilation.txt"
        assert view.nodes[b]["kind"] == "passage" and view.nodes[b]["document"] == "book.txt"


def _claim(doc: int, words: list[str]) -> tuple[Claim, Tokens]:
    tokens = Tokens()
    tokens.add(" ".join(words), 0)
    claim = Claim(doc_id=f"d{doc}", kind=ClaimKind.PASSAGE, span=Span(0, len(tokens)),
                  text=" ".join(words), line=1)
    return claim, tokens


def test_reuse_a_formula_in_every_document_points_at_no_pair(monkeypatch):
    """2,000 documents that all open with one formula, then their own words: the
    formula's n-grams hold more than MAX_CLAIMS claims, so no pair is a candidate
    and nothing is aligned. Pairs of documents never cost anything by themselves."""
    from graph_builder.verify import reuse
    aligned = []
    monkeypatch.setattr(reuse, "_aligned", lambda *args: aligned.append(args))
    formula = ["be", "it", "resolved", "by", "the", "assembly", "of", "the", "province", "that"]
    claims = [_claim(d, [*formula, *(f"w{d}x{k}" for k in range(60))]) for d in range(2000)]
    assert find_reuse(claims) == [] and aligned == []
