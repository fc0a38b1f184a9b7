"""Hard-wrapped, hyphenated and paginated text: one passage per paragraph, exact spans,
the printed page kept (graph_builder.read.wrapping, read.reading, read.segment)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from graph_builder.pipeline import build_graph
from graph_builder.read.reading import ReadingText
from graph_builder.read.segment import blocks_of, paged_blocks
from graph_builder.read.wrapping import wrap_width
from graph_builder.records import BlockKind, ClaimKind, page_at
from tests.test_provenance import _span_mismatches

# Our own sentences (the Belgian revolution of 1830); facts only, no corpus text.
PARAGRAPHS = [
    "In August 1830 a performance of an opera at the Brussels theatre turned into a riot, "
    "and within weeks the southern provinces had risen against King William of the "
    "Netherlands.",
    "Charles Rogier led a column of volunteers from Liège to the capital, where a "
    "provisional administration had been formed in the town hall. Rogier argued that the "
    "Dutch troops under Prince Frederick could be held in the park.",
    "The fighting of late September lasted four days. When Frederick withdrew his soldiers "
    "on the night of 26 September, the provisional government proclaimed independence, "
    "and Sylvain Van de Weyer drafted its first decrees.",
    "The National Congress that met in November chose a constitutional monarchy. After the "
    "Duke of Nemours declined the crown, the congress elected Leopold of Saxe-Coburg, who "
    "took the oath on 21 July 1831.",
]


def wrapped(paragraphs: list[str], width: int = 62) -> list[str]:
    lines = ["THE BELGIAN REVOLUTION", ""]
    for paragraph in paragraphs:
        lines += [*textwrap.wrap(paragraph, width), ""]
    return lines


def hyphenate(text: str, word: str, at: int) -> str:
    """Break the first ``word`` that begins a line or follows a space across a line end."""
    return text.replace(f" {word}", f" {word[:at]}-\n{word[at:]}", 1)


def paginate(lines: list[str], per_page: int, first: int, head: str, *,
             numbers_at_foot: bool = False) -> str:
    """Pages of ``per_page`` lines, with a running head and number on top (or a bare
    number at the foot)."""
    out = []
    for n, i in enumerate(range(0, len(lines), per_page)):
        body = lines[i:i + per_page]
        if numbers_at_foot:
            out += [*body, "", str(first + n), ""]
        else:
            out += [f"{head}{' ' * 12}{first + n}", "", *body, ""]
    return "\n".join(out)


def build_one(tmp_path: Path, name: str, text: str):
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return build_graph(folder)


def passages(result) -> list:
    return [c for e in result.extractions for c in e.claims if c.kind is ClaimKind.PASSAGE]


def test_wrap_width_tells_wrapped_text_from_one_paragraph_per_line():
    assert wrap_width(wrapped(PARAGRAPHS)) in range(55, 63)
    assert wrap_width(["Title", "", *PARAGRAPHS]) is None
    assert wrap_width(["A poem", "", "Short line", "and a longer line it is", "end"]) is None


def test_wrapped_paragraphs_are_one_passage_each_with_exact_spans(tmp_path):
    text = "\n".join(wrapped(PARAGRAPHS))
    result = build_one(tmp_path, "belgium.txt", text)
    found = passages(result)
    assert [c.reading for c in found] == PARAGRAPHS
    for claim in found:  # the span is the printed text, line breaks included
        assert "\n" in claim.span.slice(text)
        assert claim.text == claim.span.slice(text).replace("\n", " ")
    checked, wrong = _span_mismatches(result.store(), {"belgium.txt": text})
    assert checked >= 8 and wrong == []


def test_one_paragraph_per_line_is_read_as_before():
    text = "Title\n\n" + "\n".join(PARAGRAPHS) + "\n"
    blocks = blocks_of(text)
    assert [b.kind for b in blocks] == [BlockKind.TITLE] + [BlockKind.PARAGRAPH] * 4
    assert all(b.text == b.span.slice(text) for b in blocks)


def test_a_name_broken_by_a_hyphen_is_found_whole_and_spans_the_break(tmp_path):
    text = hyphenate("\n".join(wrapped(PARAGRAPHS)), "Frederick", 5)
    assert "Frede-\nrick" in text
    result = build_one(tmp_path, "belgium.txt", text)
    exacts = {text[m.span.start:m.span.end] for m in result.resolution.person_mentions}
    assert "Frede-\nrick" in exacts and "Frederick" in exacts
    people = {m.person for m in result.resolution.person_mentions
              if text[m.span.start:m.span.end] in ("Frede-\nrick", "Frederick")}
    assert len(people) == 1  # the broken name and the whole one are one person
    assert "Prince Frederick could" in passages(result)[1].reading
    checked, wrong = _span_mismatches(result.store(), {"belgium.txt": text})
    assert wrong == []


def test_ocr_line_end_sign_and_indented_paragraphs(tmp_path):
    text = ("THE EVENING COURIER.\n\n"
            "    LONDON, Dec. 3.--The Chancellor told the House last night that the\n"
            "revenue of the quarter had fallen short of the estimate, and that Mr.\n"
            "Gladstone would move for a select commit¬\n"
            "tee on the duties before the recess of the House.\n"
            "    Lord Palmerston, who followed him, said that the country would\n"
            "not consent to a new tax on malt while the harvest was so poor and\n"
            "the price of bread so high in every town of the north.\n")
    found = passages(build_one(tmp_path, "courier.txt", text))
    assert len(found) == 2
    assert "select committee on the duties" in found[0].reading
    assert found[1].reading.startswith("Lord Palmerston, who followed him")


def test_running_heads_and_page_numbers_leave_passages_and_give_their_page(tmp_path):
    text = paginate(wrapped(PARAGRAPHS)[2:], 6, 41, "THE BELGIAN REVOLUTION")
    blocks, pages = paged_blocks(text)
    assert [label for _, label in pages] == ["41", "42", "43", "44"]
    # furniture between paragraphs is a block of its own; inside one, part of its span
    assert [b.text.split()[-1] for b in blocks if b.kind is BlockKind.PAGE] == ["41", "44"]
    result = build_one(tmp_path, "paged.txt", text)
    found = passages(result)
    assert [c.reading for c in found] == PARAGRAPHS  # a paragraph a page break cuts is one
    assert [c.page for c in found] == ["41", "41", "42", "43"]
    assert all("REVOLUTION" not in c.reading for c in found)
    heads = [m for m in result.resolution.person_mentions
             if "REVOLUTION" in text[m.span.start:m.span.end]]
    assert heads == []
    checked, wrong = _span_mismatches(result.store(), {"paged.txt": text})
    assert wrong == []


def test_page_numbers_at_the_foot_label_the_page_above_them():
    text = paginate(wrapped(PARAGRAPHS)[2:], 6, 7, "", numbers_at_foot=True)
    blocks, pages = paged_blocks(text)
    assert [label for _, label in pages] == ["7", "8", "9", "10"]
    first_text = next(b for b in blocks if b.kind is BlockKind.PARAGRAPH)
    assert page_at(pages, first_text.span.start) == "7"


def test_verso_and_recto_heads_with_their_numbers_are_furniture():
    body = wrapped(PARAGRAPHS)[2:]
    text = "\n".join(["5  The Revolution of 1830", "", *body[:6], "", "88\tTHE LOW COUNTRIES",
                      "", *body[6:12], "", "THE BELGIAN REVOLUTION\t89", "", *body[12:]])
    blocks, pages = paged_blocks(text)
    assert [label for _, label in pages] == ["87", "88", "89"]
    assert blocks[0].kind is BlockKind.TITLE  # "5  The Revolution of 1830": a chapter title
    for block in blocks:  # a head is a PAGE block, or blanked inside the paragraph it cuts
        if block.kind is not BlockKind.PAGE:
            assert "LOW COUNTRIES" not in block.text and "\t89" not in block.text


@pytest.mark.parametrize("text", [
    "Napoleon crossed the Alps in May 1800 and won at Marengo a month later.\n",
    textwrap.fill(" ".join(PARAGRAPHS[:2]), 64) + "\n",
])
def test_a_document_of_one_paragraph_is_a_passage_not_a_title(tmp_path, text):
    found = passages(build_one(tmp_path, "one.txt", text))
    assert len(found) == 1 and found[0].span.start == 0


def test_reading_text_maps_every_prose_offset_back_to_the_printed_letter():
    text = hyphenate("\n".join(wrapped(PARAGRAPHS)), "Frederick", 5)
    reading = ReadingText.of(text, blocks_of(text))
    assert "Prince Frederick could" in reading.text
    for i, char in enumerate(reading.text):
        if char.isalnum():  # every letter is the printed letter it came from
            assert text[reading.printed(i)] == char
            assert reading.prose(reading.printed(i)) == i
    start = reading.text.index("Frederick could")
    assert text[slice(*reading.printed_span(start, start + 9))] == "Frede-\nrick"


def test_a_newspaper_column_head_in_capitals_with_a_full_stop_is_a_heading():
    text = ("THE WEEKLY RECORD\n\nWASHINGTON.\n\nCongress met at noon and chose its speaker "
            "after three ballots.\n\nThe clerk read the roll: PRESENT.\n")
    kinds = [(b.kind, b.text) for b in blocks_of(text)]
    assert (BlockKind.HEADING, "WASHINGTON.") in kinds
    assert (BlockKind.PARAGRAPH, "The clerk read the roll: PRESENT.") in kinds


def test_a_compilation_of_one_line_quotes_is_not_read_as_wrapped():
    quotes = [("The assembly voted the abolition of feudal dues late in the night of the "
               "fourth.", "Lefebvre, Georges. The Great Fear. Paris: Colin, 1932, p. 12"),
              ("Within a week the peasants had stopped paying the tithe in most of the "
               "villages.", "Jones, Peter. The Peasantry. Cambridge: CUP, 1988, p. 80"),
              ("The nobles of Brittany protested that their rights had been taken without a "
               "word.", "Doyle, William. Origins. Oxford: OUP, 1980, p. 150")]
    lines = ["Voices of 1789", ""]
    for quote, source in quotes:
        lines += [quote, source, ""]
    assert wrap_width(lines) is None
    kinds = [b.kind for b in blocks_of("\n".join(lines))]
    assert kinds.count(BlockKind.CITATION) == 3 and kinds.count(BlockKind.PARAGRAPH) == 3


def test_a_wrapped_quote_stops_at_the_source_line_below_it(tmp_path):
    quote = textwrap.wrap(PARAGRAPHS[1] + " " + PARAGRAPHS[2], 60)
    source = "Witte, Els. Belgian Politics. Brussels: VUB Press, 2009, p. 41"
    text = "\n".join(["Voices of 1830", "", *[*quote, source, ""] * 3])
    result = build_one(tmp_path, "quotes.txt", text)
    quotes = [c for e in result.extractions for c in e.claims if c.kind is ClaimKind.QUOTATION]
    assert [c.reading for c in quotes] == [PARAGRAPHS[1] + " " + PARAGRAPHS[2]] * 3
    assert all(c.citations and c.citations[0].text == source for c in quotes)
