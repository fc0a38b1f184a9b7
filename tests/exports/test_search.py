"""The network page's search box: names, every other spelling and claim text, people first.

The graphs are invented; the browser tests type through the DevTools protocol or set the
box's value and dispatch an 'input' event, as a keystroke would.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from exports.html import write_html
from tests import browser
from tests.exports.test_html import HOSTILE, HOSTILE_MARKER, claim_graph

PERSON = "Nikolai Ivanovich Yezhov"
LONG_TEXT = ("At the spring meeting the delegate from the river port read a long statement about "
             "grain quotas, and only near its end did he mention the marmalade cooperative.")
HOSTILE_PERSON = "Hostile " + HOSTILE["script"]
DRAWN = "document.body && document.body.dataset.drawn === 'yes'"
RESULTS = ("[...document.querySelectorAll('#cg-results button')].map(b =>"
           " [b.querySelector('.result-label').textContent, b.querySelector('.result-kind')"
           ".textContent, b.querySelector('.result-text')?.textContent || ''])")
INJECTED = "document.querySelectorAll('#cg-side img, #cg-side script, #cg-side b').length"


def search_graph() -> nx.MultiDiGraph:
    """`claim_graph` plus a person with several spellings, things named after him, a claim
    whose key word lies past its label, and a person whose name and spellings are markup."""
    graph = claim_graph(120)
    graph.add_node("person/yezhov", kind="person", label=PERSON,
                   names=[PERSON, "Ezhov", "N. I. Yezhov", "Ježov"],
                   details={"Name": PERSON})
    graph.add_node("work/ezhov", kind="work", label="Ezhov and the River Port",
                   details={"Title": "Ezhov and the River Port"})
    graph.add_node("quotation/ezhov", kind="quotation", label="Ezhov spoke first",
                   details={"Text": "Ezhov spoke first, then the chairman closed the meeting."})
    graph.add_node("quotation/long", kind="quotation", label=LONG_TEXT[:40] + "\u2026",
                   details={"Text": LONG_TEXT, "Source": "invented.txt, line 3"})
    graph.add_node("person/hostile", kind="person", label=HOSTILE_PERSON,
                   names=[HOSTILE_PERSON, "Hostile " + HOSTILE["img"]],
                   details={"Name": HOSTILE_PERSON})
    graph.add_edge("work/ezhov", "person/yezhov", kind="author")
    graph.add_edge("quotation/ezhov", "person/yezhov", kind="speaker")
    graph.add_edge("quotation/long", "person/hostile", kind="speaker")
    return graph


@pytest.fixture(scope="module")
def search_page(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("search") / "graph.html"
    write_html(search_graph(), dest, title="search")
    return dest


def type_query(page: browser.Page, text: str) -> None:
    page.evaluate("(() => { const box = document.getElementById('cg-search');"
                  f" box.value = {json.dumps(text)}; box.dispatchEvent(new Event('input')); }})()")


def press_enter(page: browser.Page) -> None:
    for kind in ("keyDown", "keyUp"):
        page.call("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                             "windowsVirtualKeyCode": 13})


@pytest.mark.browser
def test_search_lists_people_first_and_finds_other_spellings(search_page, tmp_path):
    with browser.open_page(search_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        type_query(page, "ezhov")
        by_alias = page.evaluate(RESULTS)
        note = page.evaluate("document.getElementById('cg-matches').textContent")
        type_query(page, "JEZOV")  # the accent of "Ježov" folded away, case ignored
        folded = page.evaluate(RESULTS)
        type_query(page, "ježov")
        accented = page.evaluate(RESULTS)
        errors = page.errors
    assert by_alias[0] == [PERSON, "person", ""]
    assert {(label, kind) for label, kind, _ in by_alias[1:]} == {
        ("Ezhov and the River Port", "work"), ("Ezhov spoke first", "quotation")}
    assert note == "3 matches"
    assert folded == accented == [[PERSON, "person", ""]]
    assert errors == []


@pytest.mark.browser
def test_search_finds_claim_text_past_the_label(search_page, tmp_path):
    with browser.open_page(search_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        type_query(page, "Marmalade  Cooperative")
        found = page.evaluate(RESULTS)
        page.evaluate("document.querySelector('#cg-results button').click()")
        heading = page.wait_for("document.querySelector('#cg-details h2')?.textContent")
        selected = page.evaluate("claimgraph.network.getSelectedNodes().length")
        errors = page.errors
    [(label, kind, text)] = found
    assert kind == "quotation" and label == LONG_TEXT[:40] + "\u2026"
    assert "mention the marmalade cooperative." in text and text.startswith("\u2026")
    assert heading == label and selected == 1
    assert errors == []


@pytest.mark.browser
def test_search_enter_goes_to_the_best_person(search_page, tmp_path):
    with browser.open_page(search_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        page.evaluate("document.getElementById('cg-search').focus()")
        page.call("Input.insertText", {"text": "Ezhov"})
        page.wait_for("document.getElementById('cg-matches').textContent")
        press_enter(page)
        heading = page.wait_for("document.querySelector('#cg-details h2')?.textContent")
        type_query(page, "chairman")  # no person matches: Enter takes the best result
        press_enter(page)
        page.wait_for("document.querySelector('#cg-details h2')?.textContent !== "
                      f"{json.dumps(PERSON)}")
        second = page.evaluate("document.querySelector('#cg-details h2').textContent")
        selected = page.evaluate("claimgraph.network.getSelectedNodes().length")
        errors = page.errors
    assert heading == PERSON
    assert second == "Ezhov spoke first" and selected == 1
    assert errors == []


@pytest.mark.browser
def test_search_caps_the_list_and_counts_every_match(search_page, tmp_path):
    matching = sum(1 for _, attrs in search_graph().nodes(data=True)
                 if str(attrs.get("details", {}).get("Text", "")).startswith("Text of "))
    with browser.open_page(search_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        type_query(page, "text of")
        listed = page.evaluate("document.querySelectorAll('#cg-results li').length")
        note = page.evaluate("document.getElementById('cg-matches').textContent")
        page.wait_for(f"claimgraph.network.getSelectedNodes().length === {matching}")
        type_query(page, "")
        cleared = page.evaluate("document.querySelectorAll('#cg-results li').length")
        errors = page.errors
    assert matching > 30
    assert listed == 30 and note == f"{matching} matches, the first 30 listed"
    assert cleared == 0 and errors == []


@pytest.mark.browser
def test_search_hostile_names_stay_text_in_the_results(search_page, tmp_path):
    with browser.open_page(search_page.as_uri(), tmp_path) as page:
        page.wait_for(DRAWN)
        type_query(page, "hostile")
        found = page.evaluate(RESULTS)
        type_query(page, "onerror")  # only the markup spelling holds it
        by_alias = page.evaluate(RESULTS)
        injected = page.evaluate(INJECTED)
        pwned = page.evaluate(HOSTILE_MARKER)
        requests, errors = page.requests, page.errors
    assert [HOSTILE_PERSON, "person", ""] in found
    assert by_alias == [[HOSTILE_PERSON, "person", ""]]
    assert injected == 0 and pwned == ""
    assert requests == [search_page.as_uri()] and errors == []


def corpus_sized_graph(seed: int = 5) -> nx.MultiDiGraph:
    """About as many nodes and as much claim text as the corpus page (2,300 nodes, 0.9 MB)."""
    rng = random.Random(seed)
    words = [f"w{n:x}" for n in range(3000)]
    graph = claim_graph(2300, seed=seed)
    for node, attrs in graph.nodes(data=True):
        if attrs["kind"] in ("quotation", "claim", "turn", "passage"):
            attrs["details"]["Text"] = " ".join(rng.choice(words) for _ in range(90))
        if attrs["kind"] == "person":
            attrs["names"] = [attrs["label"], *(f"Alias {node} {k}" for k in range(4))]
    return graph
