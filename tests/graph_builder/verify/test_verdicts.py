"""Issue 16: every verdict, at least five times, on quotations altered on purpose.

The fixture (``verdicts/``) is invented: a hard-wrapped book on a canal company, with
page numbers and footnotes printed at the foot of their pages and an edition statement
(first published 1974, second edition 1998), and two compilations quoting it. Each of
their 50 quotations was altered in one known way (a word swapped, a tense changed, a clause or
a bracketed word inserted, sentences moved, words left out with or without an ellipsis,
case, quotes, dashes, spellings, number formats, an invented sentence added, a quotation
invented outright, a work the corpus does not hold) and ``verdicts/gold.jsonl`` records,
by hand, the verdict, the source span and the changed words each should get.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_builder.pipeline import build_graph
from graph_builder.records import Block, BlockKind, Document, DocumentLayout, Span
from graph_builder.verify import VERDICTS
from graph_builder.verify.align import align_in
from graph_builder.verify.index import SourceIndex
from graph_builder.verify.tokens import normalise
from tests.graph_builder.verify.one_book import quote_checks

FIXTURE = Path(__file__).parent / "verdicts"
GOLD = [json.loads(line) for line in (FIXTURE / "gold.jsonl").read_text("utf-8").splitlines()
        if line.strip()]
# Citations the references stage does not link to the work they cite, so the quotation
# is never checked: a limit of citation reading, not of the check. ("Ibid." and a short
# form without a year are now completed from the citation lines above them.)
UNLINKED: dict[tuple[str, int], str] = {}  # (document, citation line): why


def _case_id(gold: dict) -> str:
    where = f"{gold['doc'].split('.')[0]}:{gold['citation_line']}"
    return f"{where}-{gold['verdict']}-{gold['kind'].split(',')[0]}"


def _cases():
    for gold in GOLD:
        reason = UNLINKED.get((gold["doc"], gold["citation_line"]))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        yield pytest.param(gold, id=_case_id(gold), marks=marks)


@pytest.fixture(scope="module")
def built():
    return build_graph(FIXTURE)


@pytest.fixture(scope="module")
def checks(built):
    """(document, citation line) of each checked quotation -> its check."""
    found = {}
    for extraction in built.extractions:
        document = extraction.layout.document
        for claim in extraction.claims:
            check = built.resolution.quote_checks.get(claim.key)
            if check is not None and claim.citations:
                found[document.doc_id, document.line_of(claim.citations[0].span.start)] = check
    return found


def _named_words(entry: str) -> list[str]:
    """The words of a gold difference a reader must find named (as bench/score_quotes)."""
    words = []
    for part in entry.replace("->", " ").split():
        word = part.strip("+-−\"'“”‘’.,;:()[]…").casefold()
        if len(word) > 2 and word not in ("not", "the", "source", "moved"):
            words.append(word)
    return words


def test_verdicts_gold_has_every_verdict_five_times():
    for verdict in VERDICTS:
        linked = [g for g in GOLD if g["verdict"] == verdict and
                  (g["doc"], g["citation_line"]) not in UNLINKED]
        assert len(linked) >= 5, verdict


@pytest.mark.parametrize("gold", list(_cases()))
def test_verdicts_quotation(built, checks, gold):
    check = checks.get((gold["doc"], gold["citation_line"]))
    assert check is not None, "quotation not checked"
    assert check.verdict == gold["verdict"], check.differences
    differences = check.differences.casefold()
    for entry in gold["differences"]:
        words = _named_words(entry)
        if words:  # the first and last changed words (a long run is shown shortened)
            assert words[0] in differences and words[-1] in differences, (entry, differences)
    if gold["found"]:
        span = check.source_span
        assert span is not None
        assert span.start < gold["source_end"] and gold["source_start"] < span.end
        book = next(d for d in built.documents if d.doc_id == "book.txt")
        assert check.source_exact == span.slice(book.text)
    else:
        assert check.source_span is None
    if gold["verdict"] in ("verbatim", "variant"):
        assert check.matched == 1.0
    if gold["verdict"] != "source-absent":
        assert bool(check.edition_note) is gold["edition_note"]
        if gold["edition_note"]:
            assert "1974" in check.edition_note and "1998" in check.edition_note


# A paragraph broken by a page's foot goes on after the note printed there; the reader
# may take its next lines for the note's, and the index reads notes last.
_PAGE_FOOT = (
    "The ferrymen of the lower reach kept their own tally of every crossing and\n"
    "\n"
    "¹ Ferry accounts of the lower reach, volume two.\n"
    "wrote it in chalk on the door of the ferry house each evening after dark.\n"
    "\n"
    "The toll on the bridge was abolished in the spring after the great flood.\n")


def _layout(text: str, kinds: list[BlockKind]) -> DocumentLayout:
    document = Document("ferry.txt", Path("ferry.txt"), text, "utf-8", "0")
    paragraphs = text.split("\n\n")
    blocks, at = [], 0
    for kind, paragraph in zip(kinds, paragraphs, strict=True):
        blocks.append(Block(kind, Span(at, at + len(paragraph)), paragraph, 1))
        at += len(paragraph) + 2
    return DocumentLayout(document, "book", blocks)


def test_verdicts_paragraph_continued_after_a_page_foot_is_in_order_not_moved():
    index = SourceIndex(_layout(_PAGE_FOOT, [BlockKind.PARAGRAPH, BlockKind.FOOTNOTE,
                                             BlockKind.PARAGRAPH]))
    quote = ("The ferrymen of the lower reach kept their own tally of every crossing and "
             "wrote it in chalk on the door of the ferry house each evening after dark.")
    alignment = align_in(index, [normalise(w) for w in quote.replace(".", "").split()])
    assert alignment.moved == []
    assert {tag for tag, *_ in alignment.ops} == {"equal"}


def test_verdicts_sentences_printed_in_another_order_are_still_moved():
    text = ("The ferrymen of the lower reach kept their own tally of every crossing. "
            "They wrote it in chalk on the door of the ferry house each evening after dark."
            "\n\nThe toll on the bridge was abolished in the spring after the great flood.\n")
    index = SourceIndex(_layout(text, [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]))
    quote = ("They wrote it in chalk on the door of the ferry house each evening after dark. "
             "The ferrymen of the lower reach kept their own tally of every crossing.")
    alignment = align_in(index, [normalise(w) for w in quote.replace(".", "").split()])
    assert len(alignment.moved) == 1


def test_verdicts_words_moved_within_a_sentence_are_named_as_moved(tmp_path):
    [check] = quote_checks(
        tmp_path,
        "The opening of the bridge was attended by the mayor, the ferrymen and a crowd of "
        "several hundred who cheered the first cart.",
        "The opening of the bridge was attended by the ferrymen, the mayor and a crowd of "
        "several hundred who cheered the first cart.")
    assert check.verdict == "altered" and check.matched == 1.0
    assert check.differences.startswith("moved within the sentence:")
