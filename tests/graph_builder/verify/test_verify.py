"""Issue 16: quotations checked against the corpus's copy of the work they cite.

The fixture corpus (``corpus/``) is written for these tests: a small book, and a
compilation quoting it with quotations altered on purpose, one for each verdict,
plus one citing a work the corpus does not hold.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.pipeline import build_graph
from graph_builder.query.named import run_named
from graph_builder.query.validate import validate_graph
from graph_builder.records import Document
from graph_builder.verify import VERDICTS
from graph_builder.verify.edition import copy_edition
from graph_builder.verify.tokens import Tokens
from graph_builder.verify.verdict import _spelling, number_of
from tests.graph_builder.verify.one_book import quote_checks

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def built():
    return build_graph(CORPUS)


@pytest.fixture(scope="module")
def checks(built):
    """First words of each checked quotation -> its check."""
    text = next(d for d in built.documents if d.doc_id == "compilation.txt").text
    return {text[int(k.split("|")[1]):].split(",")[0][:40]: c
            for k, c in built.resolution.quote_checks.items()}


def _check(checks, opening: str):
    [found] = [c for words, c in checks.items() if words.startswith(opening)]
    return found


def test_verify_every_verdict_appears(checks):
    assert {c.verdict for c in checks.values()} == set(VERDICTS)


@pytest.mark.parametrize(("opening", "verdict", "named"), [
    ("The keepers of the northern light", "verbatim", ""),
    ("“every keeper kept a logbook", "variant", "case: every → Every"),
    ("When kerosene arrived", "altered", "abandonment of → abandoning"),
    ("In 1901 the three keepers", "abridged", "(at an ellipsis)"),
    ("By 1910 the northern light", "partial", "not in the source: “soon the harbour board"),
    ("The keepers of the southern mole", "not-found", ""),
    ("Between 1890 and 1910", "source-absent", ""),
    ("A keeper who ran short", "altered", "moved: “Their supplies came in October"),
    ("On the night of the great storm", "altered", "+ [lamp]"),
    ("The board refused", "altered",
     "+ after the keepers threatened to leave the lamps dark for a week"),
])
def test_verify_verdict_and_the_difference_it_names(checks, opening, verdict, named):
    check = _check(checks, opening)
    assert check.verdict == verdict
    assert named in check.differences
    if verdict in ("verbatim", "variant"):
        assert check.matched == 1.0


def test_verify_matched_span_is_the_source_text(built, checks):
    book = next(d for d in built.documents if d.doc_id == "book.txt")
    check = _check(checks, "The keepers of the northern light")
    assert check.source_doc == "book.txt"
    assert check.source_exact == check.source_span.slice(book.text)
    assert check.source_exact.startswith("The keepers of the northern light")
    assert check.source_exact.endswith("no boat could reach them")
    moved = _check(checks, "A keeper who ran short")
    assert "salted fish" in moved.source_exact and "calm water" in moved.source_exact


def test_verify_edition_note_when_the_cited_year_is_not_the_copys(checks):
    note = _check(checks, "When kerosene arrived").edition_note
    assert "1987" in note and "2001" in note and "revised 2001 edition" in note
    assert _check(checks, "Between 1890 and 1910").edition_note == ""


def test_verify_edition_from_copyright_when_no_edition_statement():
    doc = Document("x.txt", Path("x.txt"), "A Title\n\nCopyright © 1996 by A. Writer\n",
                   "utf-8", "0")
    assert copy_edition(doc)[0] == "1996"
    assert copy_edition(Document("y.txt", Path("y.txt"), "A Title\n", "utf-8", "0")) == ("", "")


def test_verify_tokens_drop_what_does_not_change_words():
    text = "He said: “We can’t—ever—stop.”⁴² It cost 1,000 roubles [sic]."
    tokens = Tokens()
    tokens.add(text, 100)
    assert tokens.norms == ["he", "said", "we", "cant", "ever", "stop", "it", "cost", "1000",
                            "roubles", "sic"]
    assert text[tokens.starts[3] - 100:tokens.ends[3] - 100] == "can’t"
    assert tokens.bracketed[-1] and not tokens.bracketed[-2]


def test_verify_spelling_variant_is_harmless_but_a_new_word_is_not(tmp_path):
    book = ("The labour of the dockers was organised by the guild, which paid each man by the "
            "ton and fined him for every broken crate.")
    variant, altered = quote_checks(
        tmp_path, book,
        "The labor of the dockers was organized by the guild, which paid each man by the ton "
        "and fined him for every broken crate.",
        "The labour of the dockers was organised by the guild, which paid each man by the day "
        "and fined him for every broken crate.")
    assert (variant.verdict, variant.differences) == (
        "variant", "spelling: labor → labour; spelling: organized → organised")
    assert (altered.verdict, altered.differences) == ("altered", "day → ton")


def test_verify_graph_conforms_and_the_named_query_answers(built, tmp_path):
    path = tmp_path / "graph.nt"
    path.write_bytes(ox.serialize(list(built.triples), format=ox.RdfFormat.N_QUADS))
    report = validate_graph(path)
    assert report.conforms, report.failures
    solutions = run_named(built.store(), "quote-check").value
    names = [v.value for v in solutions.variables]
    assert names == ["claim", "document", "line", "verdict", "source_document", "source_start",
                     "source_end", "matched", "differences", "edition_note"]
    rows = [{k: (row[k].value if row[k] is not None else "") for k in names}
            for row in solutions]
    assert {r["verdict"] for r in rows} == set(VERDICTS)
    altered = [r for r in rows if "abandonment of → abandoning" in r["differences"]]
    assert len(altered) == 1 and altered[0]["source_document"] == "book.txt"
    assert int(altered[0]["source_start"]) < int(altered[0]["source_end"])


@pytest.mark.parametrize(("quoted", "printed", "same"), [
    ("labor", "labour", True), ("organized", "organised", True), ("center", "centre", True),
    ("for", "four", False), ("or", "our", False), ("abandonment", "abandoning", False)])
def test_verify_spelling_variants_are_other_spellings_not_other_words(quoted, printed, same):
    assert (_spelling(quoted) == _spelling(printed)) is same


@pytest.mark.parametrize(("words", "number"), [
    ("600", 600), ("six hundred", 600), ("thirty thousand", 30000), ("1000", 1000),
    ("one hundred and twenty", 120), ("the", None), ("and", None), ("hundred", None)])
def test_verify_number_of(words, number):
    assert number_of(words.split()) == number


def test_verify_date_and_number_format_are_harmless(tmp_path):
    [check] = quote_checks(
        tmp_path,
        "On 3 March 1901 the board hired 600 men to dredge the channel before the grain ships "
        "arrived from the northern ports.",
        "On March 3, 1901 the board hired six hundred men to dredge the channel before the "
        "grain ships arrived from the northern ports.")
    assert check.verdict == "variant" and check.matched == 1.0
    assert "number format: six hundred → 600" in check.differences


def test_verify_window_does_not_grow_with_the_source():
    """Hits of one quotation scattered over a long book chain into one group; the window
    aligned stays a few times the quotation long, so cost follows the quotation."""
    from graph_builder.verify.align import _best_group
    length = 50
    hits = [(k * 120, k % length) for k in range(2000)]  # 240,000 source words apart
    lo, hi = _best_group(hits, length)
    assert hi - lo <= 6 * length + 300


def test_verify_claim_panel_shows_the_verdict_and_differences(built):
    from graph_builder.view.projection import project, projection_store
    view = project(projection_store(built.triples))
    shown = {(a.get("verdict"), a.get("differences")) for _, a in view.nodes(data=True)
             if a.get("verdict")}
    assert ("altered", "abandonment of → abandoning") in shown
    assert {verdict for verdict, _ in shown} == set(VERDICTS)
