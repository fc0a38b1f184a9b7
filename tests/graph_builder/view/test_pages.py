"""The build's view pages (graph_builder/view/pages.py): graph.html as the lens page, a reader
page per document beside it, links between them, and the store both read."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from graph_builder.outputs import draw_view, write_outputs
from graph_builder.pipeline import build_graph
from graph_builder.view.pages import READER_FOLDER, view_store
from graph_builder.view.projection import project

FIXTURE_CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def _page_data(page: Path) -> dict:
    found = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>',
                      page.read_text("utf-8"), re.S)
    return json.loads(found.group(1))


def test_the_view_store_projects_what_the_whole_graph_does(fixture_build):
    whole = project(fixture_build.store(), full=True)
    trimmed = project(view_store(fixture_build.triples), full=True)
    assert whole.number_of_nodes() > 20
    assert dict(trimmed.nodes(data=True)) == dict(whole.nodes(data=True))
    assert set(trimmed.edges(data="kinds")) == set(whole.edges(data="kinds"))
    assert len(view_store(fixture_build.triples)) < len(fixture_build.triples)


def test_the_build_writes_the_lens_page_and_one_reader_per_document(fixture_out, fixture_build):
    data = _page_data(fixture_out / "graph.html")
    assert [meta["name"] for meta in data["lenses"]] == ["people", "sources", "topics", "claims"]
    documents = {d.doc_id for d in fixture_build.documents}
    readers = data["readers"]
    assert set(readers) <= documents and len(readers) >= 3
    for href in readers.values():
        assert href.startswith(f"{READER_FOLDER}/") and (fixture_out / href).is_file()
    pages = sorted(p.name for p in (fixture_out / READER_FOLDER).glob("*.html"))
    assert pages == sorted(Path(href).name for href in readers.values())


def test_a_rebuild_without_a_document_drops_its_reader_page(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    out = tmp_path / "out"
    write_outputs(build_graph(corpus), out, corpus)
    before = set(_page_data(out / "graph.html")["readers"])
    assert "article.txt" in before
    (corpus / "article.txt").unlink()
    write_outputs(build_graph(corpus), out, corpus)
    after = _page_data(out / "graph.html")["readers"]
    assert set(after) == before - {"article.txt"}
    assert sorted(p.name for p in (out / READER_FOLDER).glob("*.html")) == sorted(
        Path(h).name for h in after.values())


def test_viz_pages_link_to_the_readers_the_build_wrote(fixture_out, tmp_path):
    build = tmp_path / "build"
    shutil.copytree(fixture_out, build)
    dest, _ = draw_view(build)  # DIR/view.html, beside reader/
    beside = _page_data(dest)["readers"]
    assert beside and all(h.startswith(f"{READER_FOLDER}/") for h in beside.values())
    assert all((build / h).is_file() for h in beside.values())
    (tmp_path / "sub").mkdir()
    elsewhere, _ = draw_view(build, tmp_path / "sub" / "v.html")
    links = _page_data(elsewhere)["readers"]
    assert links.keys() == beside.keys() and all(h.startswith("../") for h in links.values())
    assert all((elsewhere.parent / h).is_file() for h in links.values())
