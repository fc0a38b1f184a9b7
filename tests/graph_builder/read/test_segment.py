import time

import pytest

from graph_builder.read.segment import infer_shape, is_all_caps, segment, speaker_label
from graph_builder.records import BlockKind, Document


def _doc(text: str) -> Document:
    return Document("t.txt", None, text, "utf-8", "0")  # type: ignore[arg-type]


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in segment(_doc(text)).blocks]


@pytest.mark.parametrize(("line", "kind"), [
    ("THE WEAVERS WERE NOT MACHINE HATERS", BlockKind.THESIS),
    ("CLERK: How do you plead?", BlockKind.TURN),
    ("Source: Malcolm I. Thomis, ed., Luddism (London: Phillimore, 1972), p. 3.", BlockKind.SOURCE),
    ("Original Source: Statutes at Large, Vol. 52 (London, 1812), p. 120.", BlockKind.SOURCE),
    ("[From a debate in the House of Lords, 27 February 1812]", BlockKind.HEADNOTE),
    ("¹² Thompson, *Making*, 560.", BlockKind.FOOTNOTE),
    ("[Footnote]: Ludd was probably a legend.", BlockKind.FOOTNOTE),
    ("Chapter 2. The Spring of 1812\t41", BlockKind.CONTENTS),
    ("3. Magistrates may call out the militia.", BlockKind.LIST_ITEM),
    ("- Cartwright, W. (1773–1839). Mill owner at Rawfolds.", BlockKind.BIO_NOTE),
    ("Hobsbawm, Eric. Labouring Men. London: Weidenfeld & Nicolson, 1964, p. 7",
     BlockKind.CITATION),
])
def test_segment_classifies_each_block_kind(line, kind):
    text = f"A title\n\nSome opening prose goes here, ending well.\n\n{line}\n"
    blocks = segment(_doc(text)).blocks
    assert blocks[-1].kind is kind


def test_segment_first_line_is_the_title_and_spans_are_exact():
    text = "  Title line  \n\nBody text, which is a sentence.\n"
    layout = segment(_doc(text))
    assert [(b.kind, b.span.slice(text)) for b in layout.blocks] == [
        (BlockKind.TITLE, "Title line"), (BlockKind.PARAGRAPH, "Body text, which is a sentence.")]
    assert layout.blocks[1].line == 3


@pytest.mark.parametrize("line", [
    "Conclusion: Quicksand Politics",  # a heading with a colon
    "Part I: The Fork in the Road",
    "Note: the figures exclude the camps.",
])
def test_segment_headings_with_colons_are_not_turns(line):
    assert speaker_label(line, {"Conclusion", "Part I", "Note"}) is None


def test_segment_title_case_speaker_needs_two_lines():
    text = "T\n\nMayor: We shall see.\nCrowd noise.\n"
    assert all(k != "turn" for k, _ in _kinds(text))
    text2 = "T\n\nMayor: We shall see.\nVoices: Now!\nMayor: Patience, friends.\n"
    assert [k for k, _ in _kinds(text2)].count("turn") >= 2


def test_segment_index_section_lines_are_index_entries():
    text = "Book\n\nBody, a sentence.\n\nIndex\n\nLudd, Ned: legend of\n\nYork trials\n"
    assert [k for k, _ in _kinds(text)][-2:] == ["index_entry", "index_entry"]


def test_segment_all_caps_needs_words():
    assert is_all_caps("THE TRIAL AT YORK") and not is_all_caps("NKVD") and not is_all_caps("Abc")


@pytest.mark.parametrize(("name", "shape"), [
    ("compilation.txt", "compilation"), ("book.txt", "book"), ("article.txt", "article"),
    ("resolution.txt", "resolution"), ("empty.txt", "empty"),
])
def test_segment_infers_shape_from_content(fixture_build, name, shape):
    shapes = {e.layout.document.doc_id: e.layout.shape for e in fixture_build.extractions}
    assert shapes[name] == shape


def test_segment_empty_blocks_shape():
    assert infer_shape([]) == "empty"


@pytest.mark.parametrize(("line", "kind"), [
    ("We must begin to act.²²", BlockKind.PARAGRAPH),
    ("CLERK: The prisoner was released.⁹³", BlockKind.TURN),
])
def test_segment_trailing_note_marker_does_not_change_the_kind(line, kind):
    text = (f"A title\n\nSome opening prose goes here, ending well.\n\n{line}\n\n"
            "More prose follows.\n")
    assert segment(_doc(text)).blocks[2].kind is kind


@pytest.mark.parametrize("gap", [" " * 10_000, "\t" * 10_000, " \t" * 5_000],
                         ids=["spaces", "tabs", "spaces-and-tabs"])
def test_issue_12_a_run_of_spaces_is_classified_at_once(gap):
    """The contents-line pattern took 515 s on 10,000 spaces; the gap is now taken whole."""
    started = time.perf_counter()
    kinds = _kinds(f"A title\n\nThe report went on{gap}and ended there.\n\nContents{gap}12\n")
    assert time.perf_counter() - started < 1.0
    assert [kind for kind, _ in kinds] == ["title", "paragraph", "contents"]


_FENS = ("Reading on the Fens\n\n"
         "The new drains carried the water off within a week, and oats were sown.\n"
         "Hale, Thomas. A Walk to the Fens. London: Quay Press, 1822, p. 9\n\n"
         "The windmills along the bank lifted the water into the river day and night.\n"
         "{short}\n\n"
         "Every third winter the banks gave way and the water lay on the fields.\n"
         "Ibid.\n")


@pytest.mark.parametrize("short", ["Hale, Walk to the Fens, 12.", "Hale, Walk to the Fens, p. 12",
                                   "Hale, Walk to the Fens (1822), 12."])
def test_segment_short_form_closing_a_quote_is_a_citation_line(short):
    kinds = [b.kind for b in segment(_doc(_FENS.format(short=short))).blocks]
    assert kinds[1:] == [BlockKind.PARAGRAPH, BlockKind.CITATION] * 3


@pytest.mark.parametrize("text", [
    # no full citation above that the short form abbreviates
    _FENS.replace("Walk to the Fens. London", "Tour of the Marsh. London").format(
        short="Hale, Walk to the Fens, 12."),
    # not directly under a quotation's last line
    "Reading on the Fens\n\nHale, Thomas. A Walk to the Fens. London: Quay Press, 1822, p. 9\n"
    "\nHale, Walk to the Fens, 12.\n",
])
def test_segment_short_form_with_a_bare_page_needs_a_full_line_and_a_quote(text):
    kinds = {b.text: b.kind for b in segment(_doc(text)).blocks}
    assert kinds["Hale, Walk to the Fens, 12."] is not BlockKind.CITATION
