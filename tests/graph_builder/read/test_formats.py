"""read/formats (issue 14): HTML, TEI, PDF and EPUB files build like text files.

One corpus holds the same text written in each format (tests/support/make_formats), built
once through ``build_folder`` as the CLI builds it. Each format must give one passage per
paragraph, find the people the text names, ship its extracted text in DIR/texts/ named from
the document node, and every span must index that shipped text. Broken and hostile files
each give one warning line naming the file, and the rest of the corpus still builds.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.outputs import build_folder
from graph_builder.pipeline import build_graph
from graph_builder.read.formats import FormatError, extract_text
from tests.conftest import require_tool
from tests.support.make_formats import write_epub, write_html, write_pdf, write_tei

TITLE = "The Spring of the Republic, 1848"
PARAGRAPHS = [
    "In February 1848 the crowds of Paris pulled down the July Monarchy in three days, and "
    "Louis-Philippe left the capital in a hired cab under an assumed name.",
    "Alphonse de Lamartine read the list of the provisional government from the steps of the "
    "Hôtel de Ville, and his speech against the red flag was repeated in every province.",
    "Louis Blanc asked the new ministers for a ministry of labour; they gave him instead a "
    "commission that sat in the Luxembourg palace without money or power.",
    "The national workshops were meant to employ the men of Paris on public works, but the "
    "government ran them as a dole and the provinces resented the cost.",
    "Alexis de Tocqueville sat in the Constituent Assembly and noted that the deputies from "
    "the countryside feared the capital more than they feared any king.",
    "When the workshops were closed in June, the eastern districts of Paris rose, and General "
    "Cavaignac took three days to crush the barricades with the army.",
    "In December the voters chose Louis-Napoléon Bonaparte as president by more than five "
    "million votes, a result that astonished almost every politician in the Assembly.",
    "Three years later the president dissolved the Assembly by force, and the republic of "
    "1848 ended in the same city where it had begun.",
]
# TEI notes: (paragraph, reference); three of them make the document read as a book
NOTES = [
    (0, "Maurice Agulhon, *The Republican Experiment, 1848-1852* (Cambridge: Cambridge "
        "University Press, 1983), 23."),
    (4, "Alexis de Tocqueville, *Recollections* (New York: Macmillan, 1896), 112."),
    (5, "Agulhon, *Republican Experiment*, 61."),
]
FIRST_PAGE = 41  # the PDF's page labels start here, so a label is not a physical number
WRITERS = {
    "html": ("spring.html", lambda p: write_html(p, TITLE, PARAGRAPHS)),
    "tei": ("spring.xml", lambda p: write_tei(p, TITLE, PARAGRAPHS, NOTES)),
    "pdf": ("spring.pdf", lambda p: write_pdf(p, TITLE, PARAGRAPHS * 2,
                                              first_page=FIRST_PAGE)),
    "epub": ("spring.epub", lambda p: write_epub(p, TITLE, PARAGRAPHS)),
}
MEDIA = {"html": "text/html", "tei": "application/tei+xml", "pdf": "application/pdf",
         "epub": "application/epub+zip"}
PREFIXES = ("PREFIX schema: <https://schema.org/> PREFIX oa: <http://www.w3.org/ns/oa#> "
            "PREFIX cg: <https://w3id.org/claimgraph/ns#> ")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("formats")
    for name, write in WRITERS.values():
        write(corpus / name)
    (corpus / "plain.txt").write_text(TITLE + "\n\n" + PARAGRAPHS[0] + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("formats-out") / "out"
    result, _ = build_folder(corpus, out, cache=False)
    return corpus, out, result


def _doc(result, fmt):
    name = WRITERS[fmt][0]
    return next(d for d in result.documents if d.doc_id == name)


def _rows(result, query):
    return [[term.value for term in row] for row in result.store().query(PREFIXES + query)]


def _doc_iri(result, doc_id):
    return _rows(result, f'SELECT ?d WHERE {{ ?d a cg:SourceDocument ; '
                         f'schema:identifier "{doc_id}" }}')[0][0]


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_formats_one_passage_per_paragraph(built, fmt):
    _corpus, _out, result = built
    doc = _doc(result, fmt)
    extraction = next(e for e in result.extractions if e.layout.document is doc)
    texts = [c.text.rstrip("¹²³") for c in extraction.claims]
    expected = PARAGRAPHS * 2 if fmt == "pdf" else PARAGRAPHS
    assert texts == expected
    assert doc.title == TITLE
    assert doc.source_format == fmt


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_formats_people_named_in_the_text_are_found(built, fmt):
    _corpus, _out, result = built
    doc_iri = _doc_iri(result, WRITERS[fmt][0])
    names = {row[0] for row in _rows(result, f"""SELECT DISTINCT ?name WHERE {{
        ?claim schema:isPartOf <{doc_iri}> ; schema:mentions ?p . ?p schema:name ?name }}""")}
    assert any("Tocqueville" in n for n in names), names
    assert any("Lamartine" in n for n in names), names


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_formats_extracted_text_is_shipped_and_named(built, fmt):
    corpus, out, result = built
    doc = _doc(result, fmt)
    rows = _rows(result, f"""SELECT ?file ?media ?sha WHERE {{
        <{_doc_iri(result, doc.doc_id)}> cg:extractedText ?file ; schema:encodingFormat ?media ;
        schema:sha256 ?sha }}""")
    assert rows == [[f"texts/{doc.doc_id}.txt", MEDIA[fmt],
                     hashlib.sha256((corpus / doc.doc_id).read_bytes()).hexdigest()]]
    assert (out / rows[0][0]).read_text(encoding="utf-8") == doc.text
    assert "\n\n".join(PARAGRAPHS[:2]) in doc.text.replace("¹", "")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_formats_every_span_indexes_the_shipped_text(built, fmt):
    _corpus, out, result = built
    doc = _doc(result, fmt)
    shipped = (out / doc.text_file).read_text(encoding="utf-8")
    spans = _rows(result, f"""SELECT ?start ?end ?exact WHERE {{
        ?t oa:hasSource <{_doc_iri(result, doc.doc_id)}> ; oa:hasSelector ?p, ?q .
        ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }}""")
    assert len(spans) > len(PARAGRAPHS)
    for start, end, exact in spans:
        assert shipped[int(start):int(end)] == exact


def test_formats_plain_text_names_no_extracted_text(built):
    _corpus, out, result = built
    assert not _rows(result, f"""SELECT ?f WHERE {{
        <{_doc_iri(result, "plain.txt")}> cg:extractedText ?f }}""")
    assert sorted(p.name for p in (out / "texts").iterdir()) == sorted(
        f"{name}.txt" for name, _ in WRITERS.values())


def test_formats_pdf_keeps_its_page_labels(built):
    _corpus, _out, result = built
    doc = _doc(result, "pdf")
    assert [label for _, label in doc.pages] == ["41", "42", "43"][:len(doc.pages)]
    assert len(doc.pages) >= 2
    # each page starts at a paragraph: the title, then a paragraph moved whole to it
    assert doc.text[doc.pages[0][0]:].startswith(TITLE)
    assert doc.text[doc.pages[1][0]:].startswith(tuple(PARAGRAPHS))
    rows = _rows(result, f"""SELECT ?start ?page WHERE {{
        ?c a schema:Claim ; schema:isPartOf <{_doc_iri(result, doc.doc_id)}> ;
           schema:pagination ?page . ?a oa:hasBody ?c ; oa:hasTarget/oa:hasSelector/oa:start
           ?start }}""")
    assert len(rows) == len(PARAGRAPHS) * 2
    assert {page for _, page in rows} == {label for _, label in doc.pages}
    for start, page in rows:
        assert doc.page_at(int(start)) == page


def test_formats_tei_notes_cite_for_their_passages(built):
    _corpus, _out, result = built
    doc = _doc(result, "tei")
    assert "¹ Maurice Agulhon, *The Republican Experiment, 1848-1852* (Cambridge" in doc.text
    extraction = next(e for e in result.extractions if e.layout.document is doc)
    assert extraction.layout.shape == "book"
    cited = {c.text[:40]: [x.text for x in c.citations] for c in extraction.claims
             if c.citations}
    assert set(cited) == {PARAGRAPHS[i][:40] for i, _ in NOTES}


def test_formats_html_boilerplate_is_dropped(built):
    _corpus, _out, result = built
    text = _doc(result, "html").text
    for boilerplate in ("tracker", "Copyright", "Archive", "Site home", "styled"):
        assert boilerplate not in text


def test_formats_graph_parses_with_rapper(built):
    rapper = require_tool("rapper")
    _corpus, out, result = built
    proc = subprocess.run([rapper, "-i", "turtle", "-c", str(out / "graph.ttl")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-500:]
    assert f"returned {len(result.triples)} triples" in proc.stderr


def test_formats_graph_conforms_to_the_shapes(built):
    from graph_builder.query.validate import validate_graph

    _corpus, out, _result = built
    report = validate_graph(out)
    assert report.conforms, [f.shape for f in report.failures]


def test_formats_tei_marks_names_and_pages():
    raw = (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><pb n="xii"/><p>The deputy '
           b'<persName>Ledru-Rollin</persName> spoke<lb/>for the <choice><sic>Mountian</sic>'
           b'<corr>Mountain</corr></choice>.</p><pb n="xiii"/><fw>xiii</fw>'
           b'<p><persName>George Sand</persName> wrote his bulletins.</p></body></text></TEI>')
    found = extract_text(".xml", raw)
    assert found.text == ("The deputy Ledru-Rollin spoke for the Mountain.\n\n"
                          "George Sand wrote his bulletins.\n")
    assert [found.text[s:e] for s, e in found.names] == ["Ledru-Rollin", "George Sand"]
    assert [(found.text[o:o + 6], label) for o, label in found.pages] == [
        ("The de", "xii"), ("George", "xiii")]


# -- broken and hostile files -----------------------------------------------------------------

def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    write_pdf(path, TITLE, PARAGRAPHS)
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    writer.write(path)


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _drm_epub(path: Path) -> None:
    write_epub(path, TITLE, PARAGRAPHS)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("META-INF/encryption.xml", (
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
            '<enc:CipherReference URI="OEBPS/chapter1.xhtml"/></enc:CipherData>'
            '</enc:EncryptedData></encryption>'))


_TEI = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{}</p></body></text></TEI>'
BROKEN = {
    "scanned.pdf": (lambda p: write_pdf(p, TITLE, PARAGRAPHS, text_layer=False),
                    "no text layer"),
    "encrypted.pdf": (_encrypted_pdf, "encrypted"),
    "truncated.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
                      "not a readable PDF"),
    "notazip.epub": (lambda p: p.write_bytes(b"PK\x03\x04 this is no zip"), "no zip file"),
    "nocontainer.epub": (lambda p: _zip(p, {"mimetype": b"application/epub+zip"}),
                         "no META-INF/container.xml"),
    "bomb.epub": (lambda p: _zip(p, {"META-INF/container.xml": b"<container/>",
                                     "big.xhtml": b"\0" * (40 * 1024 * 1024)}), "zip bomb"),
    "drm.epub": (lambda p: _drm_epub(p), "encrypted (DRM)"),
    "malformed.xml": (lambda p: p.write_text(_TEI.format("unclosed <hi>emphasis")),
                      "not well-formed"),
    "xxe.xml": (lambda p: p.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        + _TEI.format("&x;")), "declares entities"),
    "laughs.xml": (lambda p: p.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;">]>\n' + _TEI.format("&c;")), "declares entities"),
    "other.xml": (lambda p: p.write_text("<rss><channel>news</channel></rss>"), "not TEI"),
    "empty.html": (lambda p: p.write_text("<html><script>x()</script></html>"),
                   "no readable text"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_formats_broken_file_gives_one_warning_and_the_rest_builds(tmp_path, name):
    write, what = BROKEN[name]
    write(tmp_path / name)
    write_html(tmp_path / "good.html", TITLE, PARAGRAPHS)
    result = build_graph(tmp_path)
    lines = [str(w) for w in result.warnings if name in str(w)]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{name}: ") and what in lines[0] and "\n" not in lines[0]
    assert "skipped" in lines[0]
    assert [d.doc_id for d in result.documents] == ["good.html"]
    assert result.counts()["passages"] == len(PARAGRAPHS)
    assert "root:" not in "".join(d.text for d in result.documents)  # XXE read nothing


def test_formats_unknown_format_error_names_the_format():
    with pytest.raises(FormatError, match="could not be read as a PDF|not a readable PDF"):
        extract_text(".pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4)


def test_formats_epub_spine_order_wins_over_manifest(tmp_path):
    write_epub(tmp_path / "b.epub", TITLE, PARAGRAPHS)
    text = extract_text(".epub", (tmp_path / "b.epub").read_bytes()).text
    positions = [text.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)
    assert text.startswith(TITLE + "\n\n")


def test_formats_pdf_joins_hyphenated_lines_and_drops_folios():
    from graph_builder.read.formats.pdf import _lines, _paragraphs

    page = "  12\n\nThe revo-\nlution of the   Second\nRepublic.\n\n\nNext one.\n\n   12  \n"
    assert _paragraphs(_lines(page), "12") == ["The revolution of the Second Republic.",
                                                "Next one."]


def test_formats_pdf_drops_running_heads():
    from graph_builder.read.formats.pdf import _lines, _paragraphs, running_heads

    pages = [_lines(f"Chapter 2: The June Days   {n}\nText of page {n} goes on.\n\n{n}")
             for n in (37, 38, 39)]
    heads = running_heads(list(zip(("37", "38", "39"), pages, strict=True)))
    assert [_paragraphs(p, str(n), heads) for p, n in zip(pages, (37, 38, 39), strict=True)] \
        == [[f"Text of page {n} goes on."] for n in (37, 38, 39)]


def test_formats_documents_pickle(built):
    import pickle

    _corpus, _out, result = built
    doc = _doc(result, "pdf")
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_formats_stale_texts_are_removed(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_html(corpus / "a.html", TITLE, PARAGRAPHS)
    write_html(corpus / "b.htm", TITLE, PARAGRAPHS[:3])
    out = tmp_path / "out"
    build_folder(corpus, out, cache=False)
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["a.html.txt", "b.htm.txt"]
    (corpus / "b.htm").unlink()
    build_folder(corpus, out, cache=False)
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["a.html.txt"]


def test_formats_store_reads_graph(built):
    _corpus, out, result = built
    store = ox.Store()
    store.load(io.BytesIO((out / "graph.ttl").read_bytes()), format=ox.RdfFormat.TURTLE)
    assert len(store) == len(result.triples)


def test_formats_tei_speeches_are_turns():
    raw = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><div><sp><speaker>VERGNIAUD'
           '</speaker><p>The revolution devours its children.</p></sp><stage>Noise.</stage>'
           '<sp><speaker>MARAT</speaker><p>Then let it eat.</p></sp></div></body></text></TEI>')
    assert extract_text(".xml", raw.encode()).text == (
        "VERGNIAUD: The revolution devours its children.\n\nNoise.\n\nMARAT: Then let it eat.\n")


def test_formats_tei_persname_is_a_person_even_where_its_shape_alone_is_not(tmp_path):
    """A lone surname the finder would not take alone becomes a person when the edition's
    markup says so; unmarked text is read as ordinary text."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "edition.xml").write_bytes(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>'
        b'Letters of 1848</title></titleStmt></fileDesc></teiHeader><text><body>'
        b'<p>On Tuesday <persName>Marrast</persName> drafted the decree at the Hotel de Ville '
        b'while the crowd waited in the square.</p><p>The decree was read in Lyon on Thursday '
        b'and in Rouen a day later.</p></body></text></TEI>')
    result = build_graph(corpus)
    doc = result.documents[0]
    found = {doc.text[m.span.start:m.span.end]: m.person
             for m in result.resolution.person_mentions}
    assert "Marrast" in found
    assert result.resolution.persons[found["Marrast"]].family == "Marrast"
    assert not {"Lyon", "Rouen", "Tuesday"} & set(found)
