"""Corpus text reaches the network view as text: a quote holding markup runs nothing."""

import pytest

from graph_builder.outputs import write_outputs
from graph_builder.pipeline import build_graph
from tests import browser

HOSTILE_QUOTE = (
    "Hostile Texts\n\nA HEADING THAT IS A THESIS\n\n"
    "He wrote <script>document.body.dataset.pwned='script'</script> and "
    "<img src=x onerror=\"document.body.dataset.pwned='img'\"> in his diary.\n"
    "Doe, Jane. Markup in the Archive. London: Example Press, 2001, p. 5\n"
)


@pytest.mark.browser
def test_hostile_quote_is_shown_as_text_and_runs_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE_QUOTE, encoding="utf-8")
    result = build_graph(corpus)
    write_outputs(result, tmp_path / "out", corpus)
    page_file = tmp_path / "out" / "graph.html"
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for("document.body && document.body.dataset.drawn === 'yes'")
        node = page.evaluate(
            "JSON.parse(document.getElementById('cg-data').textContent).info"
            ".findIndex(i => (i.label || '').startsWith('He wrote'))")
        assert node >= 0
        page.evaluate(f"claimgraph.showDetails({node})")
        shown = page.evaluate("document.getElementById('cg-details').textContent")
        pwned = page.evaluate("document.body.dataset.pwned || ''")
        injected = page.evaluate(
            "document.querySelectorAll('#cg-side img, #cg-side script').length")
        requests = page.requests
    assert "<script>" in shown and "onerror" in shown
    assert pwned == "" and injected == 0
    assert requests == [page_file.as_uri()]
