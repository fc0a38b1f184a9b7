"""Issue 5: every fact points at its text, and the same corpus gives the same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.query.sparql import prologue
from tests.conftest import FIXTURE_CORPUS

_SELECTORS = """SELECT ?doc ?start ?end ?exact WHERE {
    ?target oa:hasSource/schema:identifier ?doc ;
            oa:hasSelector ?p, ?q .
    ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
    ?q a oa:TextQuoteSelector ; oa:exact ?exact . }"""

# extracted nodes of these kinds must say which build made them and from what text
_EXTRACTED = ["schema:Person", "schema:Claim", "cito:Citation", "skos:Concept", "oa:Annotation",
              "cg:Thesis"]


def _build(corpus: Path, out: Path, seed: str, extra_env: dict[str, str] | None = None) -> Path:
    """A build in its own interpreter, with its own hash seed, as a user runs it."""
    env = {**os.environ, "PYTHONHASHSEED": seed, **(extra_env or {})}
    subprocess.run([sys.executable, "-m", "graph_builder", "build", str(corpus), "--out",
                    str(out), "-q"], check=True, env=env, timeout=300)
    return out / "graph.ttl"


def _span_mismatches(store: ox.Store, texts: dict[str, str]) -> tuple[int, list[str]]:
    checked, wrong = 0, []
    for row in store.query(prologue() + _SELECTORS):
        start, end = int(row["start"].value), int(row["end"].value)
        checked += 1
        if not 0 <= start < end or texts[row["doc"].value][start:end] != row["exact"].value:
            wrong.append(f"{row['doc'].value}[{start}:{end}] {row['exact'].value[:40]!r}")
    return checked, wrong


def test_provenance_two_builds_give_identical_bytes(tmp_path):
    first = _build(FIXTURE_CORPUS, tmp_path / "a", "1")
    second = _build(FIXTURE_CORPUS, tmp_path / "b", "2")
    assert first.read_bytes() == second.read_bytes()
    assert len(first.read_bytes()) > 10_000


def test_provenance_every_quote_selector_is_the_text_between_its_offsets(fixture_build):
    texts = {d.doc_id: d.text for d in fixture_build.documents}
    checked, wrong = _span_mismatches(fixture_build.store(), texts)
    assert checked > 30
    assert wrong == []


def test_provenance_every_extracted_node_names_its_build_and_documents(fixture_build):
    store = fixture_build.store()
    for cls in _EXTRACTED:
        missing = list(store.query(prologue() + f"""SELECT ?n WHERE {{ ?n a {cls} .
            FILTER NOT EXISTS {{ ?n prov:wasGeneratedBy ?b . ?b a prov:Activity }}
            FILTER NOT EXISTS {{ ?n a cg:SourceDocument }} }} LIMIT 5"""))
        underived = list(store.query(prologue() + f"""SELECT ?n WHERE {{ ?n a {cls} .
            FILTER NOT EXISTS {{ ?n prov:wasDerivedFrom ?d . ?d a cg:SourceDocument }} }}
            LIMIT 5"""))
        assert (missing, underived) == ([], []), cls


def test_provenance_the_build_records_its_inputs_with_their_sha256(fixture_build):
    rows = list(fixture_build.store().query(prologue() + """SELECT ?id ?sha WHERE {
        ?b a prov:Activity ; schema:softwareVersion ?v ; cg:settings ?s ; prov:used ?d .
        ?d schema:identifier ?id ; schema:sha256 ?sha }"""))
    assert {r["id"].value: r["sha"].value for r in rows} == {
        d.doc_id: d.sha256 for d in fixture_build.documents}


def test_provenance_no_clock_time_unless_source_date_epoch_is_set(tmp_path):
    plain = _build(FIXTURE_CORPUS, tmp_path / "a", "0").read_text("utf-8")
    assert "startedAtTime" not in plain
    dated = _build(FIXTURE_CORPUS, tmp_path / "b", "0", {"SOURCE_DATE_EPOCH": "1700000000"})
    assert '"2023-11-14T22:13:20Z"^^xsd:dateTime' in dated.read_text("utf-8")


def test_provenance_a_bad_source_date_epoch_is_one_line(tmp_path):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "yesterday"}
    proc = subprocess.run([sys.executable, "-m", "graph_builder", "build", str(FIXTURE_CORPUS),
                           "--out", str(tmp_path / "o"), "-q"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "SOURCE_DATE_EPOCH" in proc.stderr
    assert not (tmp_path / "o" / "graph.ttl").exists()


@pytest.mark.corpus
def test_provenance_corpus_spans_are_exact_and_builds_identical(corpus_out, shared_corpus,
                                                               tmp_path):
    out, result = corpus_out
    texts = {d.doc_id: d.text for d in result.documents}
    checked, wrong = _span_mismatches(result.store(), texts)
    assert checked > 15_000
    assert wrong == []
    again = _build(shared_corpus, tmp_path / "again", "7")
    assert again.read_bytes() == (out / "graph.ttl").read_bytes()
