"""The reader: one offline page per source document with its spans highlighted.

The corpus is invented: the quotation-check corpus of tests/graph_builder/verify (a
book and a compilation quoting it, one quotation per verdict), a short footnoted
book written here, and a compilation whose quotations hold markup meant to run.
"""

from __future__ import annotations

import json
import random
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from exports.reader import encode_iri, reader_file, write_readers
from exports.reader_markup import text_markup
from exports.reader_spans import document_spans
from graph_builder.pipeline import build_graph
from graph_builder.view.pages import view_store
from tests import browser
from tests.exports.test_html import HOSTILE

VERIFY_CORPUS = Path(__file__).parents[1] / "graph_builder" / "verify" / "corpus"
FOOTNOTED = """A Short History of the Port Union

Chapter 1. Beginnings

The first strike on the western quay lasted nine days, and the union that came out of it \
counted its members in the hundreds.\u00b9 Its secretary, Boris Kuznetsov, kept the accounts \
in a school exercise book and read them aloud at every meeting.\u00b2

\u00b9 Boris Kuznetsov, *The Union Years* (Sofia: Labour Press, 1968), 51.

\u00b2 Anna Petrova, *Dockers of the Black Sea* (Varna: Harbour Press, 1979), 12.

The harbour board refused to recognise the union until 1914, when a second strike closed \
the port for a fortnight.\u00b3

\u00b3 Kuznetsov, *The Union Years*, 77.
"""
HOSTILE_DOC = f"""Dockers of the Western Shore: A Compilation

Passages gathered about the dock workers of one port. Each ends with the work it is taken from.

THE DOCKERS ORGANISED

\u201cThe dockers of the western quay met every Sunday {HOSTILE["script"]} to read the \
newspaper aloud, and Anna Petrova kept the minutes {HOSTILE["img"]} of every meeting.\u201d
Petrova, Anna. Dockers of the Black Sea. Varna: Harbour Press, 1979, p. 7

THE UNION GREW

\u201cBy 1912 some 4,200 dockers paid dues {HOSTILE["breakout"]} to the union, and Boris \
Kuznetsov was elected its secretary.\u201d
Kuznetsov, Boris. The Union Years. Sofia: Labour Press, 1968, p. 51
"""
READY = "document.body && document.body.dataset.readyMs"
HITS_IN_VIEW = """(() => {
  const hits = [...document.querySelectorAll('#rd-text .hit')];
  const box = document.getElementById('rd-text').getBoundingClientRect();
  return hits.length > 0 && hits.some(h => { const r = h.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom; });
})()"""
HIT_IDS = "[...new Set([...document.querySelectorAll('#rd-text mark.hit')].map(m => +m.dataset.i))]"


class Coverage(HTMLParser):
    """What a browser would show of the text markup: the text, and for each character
    the data-i of every mark around it."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.covers: list[frozenset[int]] = []
        self.open: list[int | None] = []
        self.lines = 0
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "div" and found.get("class") == "l":
            if self.lines:
                self.text.append("\n")
                self.covers.append(frozenset())
            self.lines += 1
        self.open.append(int(found["data-i"]) if tag == "mark" else None)

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        if all(o is None for o in self.open) and data.strip() == "" and "\n" in data:
            return  # the line breaks between line elements
        here = frozenset(i for i in self.open if i is not None)
        for ch in data:
            self.text.append(ch)
            self.covers.append(here)


def _coverage(text: str, spans: list[tuple[int, int, str, str]]) -> list[frozenset[int]]:
    """For each character (line breaks included), the spans that should cover it; a line
    break is covered by none, since marks stop at the end of a line."""
    return [frozenset(i for i, s in enumerate(spans) if s[0] <= k < s[1] and ch != "\n")
            for k, ch in enumerate(text)]


@pytest.mark.parametrize("seed", range(6))
def test_reader_markup_covers_the_right_characters_nested_and_overlapping(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>\n\u00e9\U0001d504") for _ in range(120))
    spans = []
    for _ in range(25):
        start = rng.randrange(0, 119)
        spans.append((start, rng.randrange(start + 1, 121), rng.choice(["person", "claim",
                      "citation", "figure"]), rng.choice(["", "altered"])))
    spans.sort(key=lambda s: (s[0], -s[1]))
    shown = Coverage(text_markup(text, spans))
    assert "".join(shown.text) == text
    assert shown.covers == _coverage(text, spans)
    assert shown.lines == text.count("\n") + 1


def test_reader_markup_keeps_a_nested_span_one_element_and_splits_a_crossing_one():
    text = "Anna Petrova said so. Then she left."
    spans = [(0, 21, "claim", "altered"), (0, 12, "person", ""), (13, 30, "citation", "")]
    markup = text_markup(text, spans)
    assert markup.count("data-i=1>") == 1  # nested: one element
    assert markup.count("data-i=2>") == 2  # crosses the claim's end: two pieces
    assert markup.count('data-v="altered"') == 1  # the badge on the first piece only
    assert "&lt;" not in markup and Coverage(markup).covers == _coverage(text, spans)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("reader-corpus")
    for name in ("book.txt", "compilation.txt"):
        shutil.copy(VERIFY_CORPUS / name, corpus / name)
    (corpus / "union.txt").write_text(FOOTNOTED, "utf-8")
    (corpus / "hostile.txt").write_text(HOSTILE_DOC, "utf-8")
    result = build_graph(corpus)
    store = view_store(result.triples)
    texts = {d.doc_id: d.text for d in result.documents}
    out = tmp_path_factory.mktemp("reader-out")
    hrefs = write_readers(store, texts, out / "reader")
    docs = {d.identifier: d for d in document_spans(store).values()}
    return {"store": store, "texts": texts, "out": out, "hrefs": hrefs, "docs": docs}


def _page(built, identifier: str) -> Path:
    return built["out"] / built["hrefs"][identifier]


def _data(page: Path) -> dict:
    """The page's data, its flat span list read as [layer, start, end, entry] rows."""
    text = page.read_text("utf-8")
    start = text.index('id="rd-data">') + len('id="rd-data">')
    data = json.loads(text[start:text.index("</script>", start)])
    flat, rows, at = data["spans"], [], 0
    for k in range(0, len(flat), 4):
        at += flat[k + 1]
        rows.append([flat[k], at, at + flat[k + 2], flat[k + 3]])
    data["spans"] = rows
    return data


def _markup(page: Path) -> str:
    text = page.read_text("utf-8")
    return text[text.index('<main id="rd-text">') + 19:text.index("</main>")]


def test_reader_writes_one_page_per_document_and_names_it(built):
    assert built["hrefs"] == {i: f"reader/{reader_file(i)}" for i in built["texts"]}
    assert len(set(built["hrefs"].values())) == len(built["texts"])
    assert reader_file("a/b c?.txt") != reader_file("a/b_c_.txt")
    assert reader_file("a/b c?.txt").startswith("b_c-")


def test_reader_highlights_each_span_at_its_characters(built):
    for identifier, doc in built["docs"].items():
        page = _page(built, identifier)
        shown = Coverage(_markup(page))
        assert "".join(shown.text) == built["texts"][identifier]
        spans = _data(page)["spans"]
        assert len(spans) == len(doc.spans)
        for i, (_layer, start, end, *_rest) in enumerate(spans):
            covered = [k for k, c in enumerate(shown.covers) if i in c]
            text = built["texts"][identifier]
            assert covered == [k for k in range(start, end) if text[k] != "\n"]


def test_reader_shows_verdicts_footnotes_and_links_to_the_view(built):
    data = _data(_page(built, "compilation.txt"))
    verdicts = {data["info"][s[3]].get("verdict") for s in data["spans"]}
    assert {"verbatim", "variant", "altered", "abridged", "partial", "not-found",
            "source-absent"} <= verdicts
    markup = _markup(_page(built, "compilation.txt"))
    assert 'data-v="altered"' in markup and 'data-v="not-found"' in markup
    union = _data(_page(built, "union.txt"))
    layers = union["layers"]
    [first] = [s for s in union["spans"] if layers[s[0]] == "passage" and s[1] < 100]
    links = union["info"][first[3]]["links"]
    cited = [link for link in links if link[1] == "span"]
    assert [link[0] for link in cited] == ["Cites The Union Years (1968), p. 51",
                                           "Cites Dockers of the Black Sea (1979), p. 12"]
    for _text, _kind, target in cited:  # each leads to its reference in the note, and back
        assert layers[union["spans"][target][0]] == "citation"
        back = union["info"][union["spans"][target][3]]["links"]
        assert ["The claim that cites it", "span", union["spans"].index(first)] in back
    other = [link for s in data["spans"] for link in data["info"][s[3]].get("links", ())
             if link[1] == "href"]
    book = reader_file("book.txt")
    assert other and all(link[2].startswith(book + "#node=https%3A%2F%2F") for link in other)


def test_reader_is_the_same_bytes_for_the_same_input(built, tmp_path):
    again = write_readers(built["store"], built["texts"], tmp_path / "reader")
    for identifier, href in again.items():
        assert (tmp_path / href).read_bytes() == _page(built, identifier).read_bytes()


def test_reader_leaves_out_spans_a_changed_text_no_longer_holds(built, tmp_path):
    text = built["texts"]["union.txt"]
    at = text.index("Boris Kuznetsov")
    changed = text[:at] + "Boris Kuznetsow" + text[at + 15:]  # same length, one letter off
    hrefs = write_readers(built["store"], {"union.txt": changed}, tmp_path / "r")
    kept = {(s[1], s[2]) for s in _data(tmp_path / hrefs["union.txt"])["spans"]}
    spans = built["docs"]["union.txt"].spans
    assert kept == {(s.start, s.end) for s in spans if not s.start <= at + 14 < s.end}
    assert len(kept) == len(spans) - 2  # the mention and the passage holding it


def test_reader_skips_documents_without_text(built, tmp_path):
    assert write_readers(built["store"], {}, tmp_path / "none") == {}
    assert not (tmp_path / "none").exists()


def _span_of(built, identifier: str, predicate) -> tuple[int, list]:
    """The first span of the page that `predicate(data, span)` accepts, and its index."""
    data = _data(_page(built, identifier))
    return next((i, s) for i, s in enumerate(data["spans"]) if predicate(data, s))


@pytest.mark.browser
def test_reader_jumps_to_node_and_offsets_and_links_to_the_view(built, tmp_path):
    page_file = _page(built, "compilation.txt")
    data = _data(page_file)
    altered, claim = _span_of(built, "compilation.txt",
                              lambda d, s: d["info"][s[3]].get("verdict") == "altered")
    iri = data["base"] + data["info"][claim[3]]["node"]
    person, mention = _span_of(built, "compilation.txt",
                               lambda d, s: d["layers"][s[0]] == "person" and s[1] > 2000)
    [annotation] = [s.annotation for s in built["docs"]["compilation.txt"].spans
                    if (s.layer, s.start, s.end) == ("person", mention[1], mention[2])]
    url = f"{page_file.as_uri()}#node={encode_iri(iri)}"
    with browser.open_page(url, tmp_path, size=(1200, 500)) as page:
        page.wait_for(READY)
        assert page.evaluate(HITS_IN_VIEW)
        assert altered in page.evaluate(HIT_IDS)
        details = page.evaluate("document.getElementById('rd-details').textContent")
        assert "quotation check: altered" in details and "Differences" in details
        href = page.evaluate("document.querySelector('#rd-details a.to-network')"
                             ".getAttribute('href')")
        assert href == f"../graph.html#node={encode_iri(iri)}"
        badge = page.evaluate("getComputedStyle(document.querySelector("
                              f"'mark[data-i=\"{altered}\"]'), '::before').content")
        assert "altered" in badge
        page.evaluate(f"location.hash = '#at={mention[1]}-{mention[2]}'")
        page.wait_for(f"{HIT_IDS}.includes({person})")
        assert page.evaluate(HITS_IN_VIEW)
        assert page.evaluate(HIT_IDS) == [person]
        page.evaluate(f"location.hash = '#at={claim[1]}-{claim[2]}'")
        page.wait_for(f"{HIT_IDS}.includes({altered})")
        page.evaluate(f"location.hash = '#node={encode_iri(annotation)}'")  # a mention's IRI
        page.wait_for(f"{HIT_IDS}.includes({person})")
        assert page.evaluate(HITS_IN_VIEW)
        page.evaluate("document.querySelector('#rd-legend input[data-layer=\"p\"]').click()")
        assert page.evaluate("document.getElementById('rd-text').classList.contains('no-p')")
        page.evaluate("location.hash = '#at=5-9'")  # no span there: the line is marked
        page.wait_for("!!document.querySelector('#rd-text .l.hit')")
        assert page.evaluate("document.querySelector('#rd-text .l.hit').dataset.n") == "1"
        assert page.external_requests() == []
        assert page.errors == []


@pytest.mark.browser
def test_reader_footnote_links_lead_to_the_reference(built, tmp_path):
    page_file = _page(built, "union.txt")
    with browser.open_page(page_file.as_uri(), tmp_path, size=(1200, 500)) as page:
        page.wait_for(READY)
        page.evaluate("document.querySelector('#rd-text mark.pa').click()")
        links = page.evaluate("[...document.querySelectorAll('#rd-details a')]"
                              ".map(a => a.textContent)")
        assert links[0] == "Open in the network" and "Cites The Union Years (1968), p. 51" in links
        page.evaluate("[...document.querySelectorAll('#rd-details a')][1].click()")
        marked = page.evaluate("[...document.querySelectorAll('#rd-text mark.hit')]"
                               ".map(m => m.textContent).join('')")
        assert marked == "Boris Kuznetsov, *The Union Years* (Sofia: Labour Press, 1968), 51"
        assert page.evaluate(HITS_IN_VIEW)
        assert page.errors == [] and page.external_requests() == []


@pytest.mark.browser
def test_reader_shows_markup_in_a_source_as_text(built, tmp_path):
    page_file = _page(built, "hostile.txt")
    text = page_file.read_text("utf-8")
    assert "<script>document.body" not in text and "<img src=x" not in text
    with browser.open_page(page_file.as_uri(), tmp_path) as page:
        page.wait_for(READY)
        page.evaluate("document.querySelector('#rd-text mark.c[data-v]').click()")
        assert page.evaluate("document.body.dataset.pwned") is None
        assert page.evaluate("document.querySelectorAll('#rd-text img, #rd-text script, "
                             "#rd-details img, #rd-details script').length") == 0
        shown = page.evaluate("document.getElementById('rd-text').textContent")
        assert HOSTILE["script"] in shown and HOSTILE["img"] in shown
        assert HOSTILE["breakout"] in shown
        panel = page.evaluate("document.getElementById('rd-details').textContent")
        assert HOSTILE["script"] in panel
        assert page.evaluate("document.scripts.length") == 2
        assert page.errors == [] and page.external_requests() == []
    assert unescape(_markup(page_file)).count(HOSTILE["breakout"]) == 1
