"""End to end on ../shared/corpus: the real texts through the real pipeline.

Skipped with a reason when the shared corpus is absent (a fresh clone of this
repository alone); CI runs it with shared/ beside the checkout.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from graph_builder.query.sparql import open_store, run_query
from tests.conftest import require_tool

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

COMPILATIONS = ("000_9024ac19fd5a173e.txt", "004_96c7eb283f6b872c.txt")
_PAGE = re.compile(r"\b[Pp]p?\.\s*([0-9ivxlc]+(?:\s*[-–]\s*[0-9ivxlc]+)?)")
_YEAR_END = re.compile(r"\b(1[5-9]\d\d|20[0-2]\d)\.?\s*$")


def expected_citation_lines(text: str) -> list[tuple[int, int, str]]:
    """Citation lines found by the test's own rule, independent of the parser's:
    a short line closing a block (blank line or end of file next) that carries a
    page locator or ends in a year, and is neither bracketed nor a speaker turn."""
    found, pos = [], 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, stripped = pos + len(line) - len(line.lstrip()), line.strip()
        pos += len(line) + 1
        closes_block = i + 1 == len(lines) or not lines[i + 1].strip()
        if (stripped and closes_block and len(stripped) < 300 and not stripped.startswith("[")
                and not re.match(r"^[A-Z ]{2,30}:", stripped)
                and (_PAGE.search(stripped) or _YEAR_END.search(stripped))
                and not stripped.endswith(("?", "!")) and stripped.count(". ") < 12):
            found.append((start, start + len(stripped), stripped))
    return found


def printed_page(line: str) -> str | None:
    pages = _PAGE.findall(line)
    return re.sub(r"\s+", "", pages[0]) if pages else None


@pytest.fixture(scope="module")
def citations_by_line(corpus_out):
    out, _ = corpus_out
    store = open_store(out)
    # the OPTIONAL comes last: Oxigraph joins in written order, and in the middle it
    # made this query take minutes on the on-disk store. A work is named by its fullest
    # title; the form a line prints may be one of its alternate names.
    rows = run_query(store, """SELECT ?id ?start ?end ?title ?page WHERE {
        ?a oa:hasBody ?cit ; oa:hasTarget ?t .
        ?cit a cito:Citation ; cito:hasCitedEntity/(schema:name|schema:alternateName) ?title .
        ?t oa:hasSource/schema:identifier ?id ;
           oa:hasSelector [ oa:start ?start ; oa:end ?end ] .
        OPTIONAL { ?cit bibo:locator ?page } }""").value
    found: dict[tuple[str, int], list[tuple[int, str, str | None]]] = {}
    for row in rows:
        key = (row["id"].value, int(row["start"].value))
        found.setdefault(key, []).append((int(row["end"].value), row["title"].value,
                                          row["page"].value if row["page"] else None))
    return found


def test_corpus_build_counts_are_sane(corpus_out):
    _, result = corpus_out
    counts = result.counts()
    assert counts["documents"] == 5
    assert counts["quotations"] >= 700 and counts["citation_lines"] >= 700
    assert counts["works"] >= 100 and counts["persons"] >= 100


@pytest.mark.parametrize("name", COMPILATIONS)
def test_corpus_citation_lines_are_citations_with_title_and_page(corpus_out, citations_by_line,
                                                                name):
    """At least 90% of the citation lines are, through an annotation whose span lies on
    that line, a cito:Citation whose work's title is printed on the line and whose
    bibo:locator is the printed page."""
    _, result = corpus_out
    [doc] = [d for d in result.documents if d.doc_id == name]
    expected = expected_citation_lines(doc.text)
    assert len(expected) > 100
    good = []
    for start, end, line in expected:
        hits = citations_by_line.get((name, start), [])
        page = printed_page(line)
        if any(e <= end and title and title.casefold() in line.casefold()
               and (page is None or (p or "").replace(" ", "") == page) for e, title, p in hits):
            good.append(line)
    share = len(good) / len(expected)
    assert share >= 0.90, f"{len(good)}/{len(expected)} citation lines right"


def test_corpus_known_citations_parse_exactly(citations_by_line, corpus_out):
    """A hand-checked sample: (line text prefix, title, page)."""
    _, result = corpus_out
    sample = [
        ("Strong, Anna L. The Soviets Expected It.", "The Soviets Expected It", "136"),
        ("Murphy, John Thomas. Stalin, London", "Stalin", "144"),
        ("Getty & Naumov, The Road to Terror.", "The Road to Terror", "233-234"),
        ("Chase, William J., Enemies Within the Gates?", "Enemies Within the Gates?", "138"),
        ("Talbott, Strobe, Trans. and Ed. Khrushchev Remembers.", "Khrushchev Remembers", "99"),
        ("Stalin, Joseph. Works. Moscow", "Works", "239-240"),
        ("Koenker and Bachman, Eds. Revelations", "Revelations from the Russian Archives", "141"),
    ]
    for prefix, title, page in sample:
        hits = [h for (doc_id, start), found in citations_by_line.items() for h in found
                if next(d for d in result.documents if d.doc_id == doc_id).text[start:].startswith(
                    prefix)]
        assert (title, page) in {(t, p) for _, t, p in hits}, prefix


def test_corpus_graph_parses_with_rapper(corpus_out):
    rapper = require_tool("rapper")
    out, result = corpus_out
    proc = subprocess.run([rapper, "-i", "turtle", "-c", str(out / "graph.ttl")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-500:]
    count = int(re.search(r"returned (\d+) triples", proc.stderr).group(1))
    assert count == len(result.triples)


def test_corpus_query_counts_triples(corpus_out):
    out, result = corpus_out
    answer = run_query(open_store(out), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(answer.value))["n"].value) == len(result.triples)


def test_corpus_spans_are_exact(corpus_out):
    out, result = corpus_out
    texts = {d.doc_id: d.text for d in result.documents}
    rows = run_query(open_store(out), """SELECT ?id ?s ?e ?exact WHERE {
        ?t oa:hasSource/schema:identifier ?id ;
           oa:hasSelector [ oa:start ?s ; oa:end ?e ] , [ oa:exact ?exact ] }""").value
    checked = 0
    for row in rows:
        assert texts[row["id"].value][int(row["s"].value):int(row["e"].value)] == row["exact"].value
        checked += 1
    targets = run_query(open_store(out), "SELECT (COUNT(DISTINCT ?t) AS ?n) "
                        "WHERE { ?a oa:hasTarget ?t }").value
    assert checked == int(next(iter(targets))["n"].value) > 3000


def test_corpus_book_notes_do_not_become_passages(corpus_out):
    _, result = corpus_out
    [book] = [e for e in result.extractions if e.layout.shape == "book"]
    assert not any(c.text[:1] in "¹²³⁴⁵⁶⁷⁸⁹" for c in book.claims)


@pytest.mark.browser
def test_corpus_view_draws_offline_in_chromium(corpus_out, tmp_path):
    from tests import browser

    out, _ = corpus_out
    page_file = out / "graph.html"
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for("document.body && document.body.dataset.drawn === 'yes'")
        drawn = page.evaluate("Number(document.body.dataset.drawnNodes)")
        opened = page.evaluate("claimgraph.lensName()")
        page.evaluate("claimgraph.setLens('claims')")
        page.wait_for("document.body.dataset.drawn === 'yes'")
        claims_drawn = page.evaluate("Number(document.body.dataset.drawnNodes)")
        resources = page.evaluate("performance.getEntriesByType('resource').length")
        requests, errors = page.requests, page.errors
    assert opened == "people" and drawn > 300  # the lens that reads best for this corpus
    assert claims_drawn > 3000
    assert requests == [page_file.as_uri()] and resources == 0 and errors == []
