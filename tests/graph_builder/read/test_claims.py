from graph_builder.records import ClaimKind


def _claims(build, doc_id):
    [extraction] = [e for e in build.extractions if e.layout.document.doc_id == doc_id]
    return extraction


def test_claims_quote_block_runs_to_its_citation_line(fixture_build):
    extraction = _claims(fixture_build, "compilation.txt")
    first = extraction.claims[0]
    assert first.kind is ClaimKind.QUOTATION
    assert first.text.startswith("The men who broke the frames") and first.text.endswith(
        "paid the agreed rates.")
    assert "\n" in first.text  # two paragraphs, one quote
    assert first.citations[0].reference.title == "The Making of the English Working Class"
    assert first.citations[0].reference.pages == "530"
    assert first.thesis.text.startswith("THE FRAME-BREAKERS")


def test_claims_spans_slice_back_to_their_text(fixture_build):
    for extraction in fixture_build.extractions:
        text = extraction.layout.document.text
        for claim in extraction.claims:
            assert claim.span.slice(text) == claim.text
        for citation in extraction.citations:
            assert citation.span.slice(text) == citation.text
            assert "\n" not in citation.text


def test_claims_headnote_is_kept_without_brackets(fixture_build):
    quotes = [c for c in _claims(fixture_build, "compilation.txt").claims if c.headnote]
    assert quotes[0].headnote == "From a debate in the House of Lords, 27 February 1812"


def test_claims_transcript_turns_are_claims_of_their_speakers(fixture_build):
    claims = _claims(fixture_build, "compilation.txt").claims
    turns = [c for c in claims if c.kind is ClaimKind.TURN]
    assert [t.speaker for t in turns] == ["CLERK", "PRISONER", "CLERK"]
    assert all(t.parent is not None and t.parent.kind is ClaimKind.QUOTATION for t in turns)
    assert all(t.citations and t.citations[0] is t.parent.citations[0] for t in turns)


def test_claims_uncited_compiler_text_is_a_passage(fixture_build):
    claims = _claims(fixture_build, "compilation.txt").claims
    assert claims[-1].kind is ClaimKind.PASSAGE
    assert claims[-1].text.startswith("The compiler notes")


def test_claims_source_lines_cite_every_passage(fixture_build):
    extraction = _claims(fixture_build, "resolution.txt")
    assert extraction.claims and all(len(c.citations) == 2 for c in extraction.claims)
    assert [c.text for c in extraction.citations][0].startswith("Statutes at Large")


def test_claims_book_note_bodies_are_not_passages(fixture_build):
    claims = _claims(fixture_build, "book.txt").claims
    assert len(claims) == 2 and not any(c.text.startswith(("¹", "²", "³")) for c in claims)


def test_claims_source_line_closes_a_quote_in_a_compilation(tmp_path):
    from graph_builder.pipeline import build_graph

    text = ("Quotes\n\nFIRST THESIS\n\nOne quoted line.\n"
            "Doe, Jane. A Book. London: P, 1990, p. 1\n\n"
            "Another quoted line.\nSource: Weekly Review, January 2005\n")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    claims = build_graph(tmp_path).extractions[0].claims
    assert [(c.kind, c.text) for c in claims] == [
        (ClaimKind.QUOTATION, "One quoted line."), (ClaimKind.QUOTATION, "Another quoted line.")]
    assert claims[1].citations[0].text == "Weekly Review, January 2005"


def test_claims_source_line_in_a_book_cites_only_what_is_above_it(tmp_path):
    from graph_builder.pipeline import build_graph

    text = ("A Book\n\nChapter 1. Start\n\nFirst passage of the chapter, a sentence.¹\n\n"
            "Table 1. Arrests by year\n\nSource: RGASPI, f. 17, op. 2, d. 5, l. 3.\n\n"
            "Second passage of the chapter, a sentence.²\n\nThird passage, a sentence.³\n\n"
            "¹ Ibid.\n² Doe, *A Book* (London, 1990), 4.\n³ Doe, *A Book*, 5.\n")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    extraction = build_graph(tmp_path).extractions[0]
    assert extraction.layout.shape == "book"
    cited = [c for c in extraction.claims if any(x.text.startswith("RGASPI") for x in c.citations)]
    assert [c.text for c in cited] == ["First passage of the chapter, a sentence.¹"]


def test_claims_a_passage_says_something_four_words_or_more():
    from graph_builder.read.claims import says_something

    assert says_something("The harvest failed twice.")
    assert says_something("Wages 1,620 63 3.9")  # a table row of figures: four tokens
    assert not says_something("Yours faithfully,")
    assert not says_something("12 March 1871.")  # a date line
    assert not says_something("— — — Marta Velez")  # dashes are not words
    assert says_something("— — " + "word " * 200_000)  # decided from the first words


def test_claims_fragments_of_running_text_are_no_passages_but_keep_their_names(tmp_path):
    from tests.graph_builder.read.test_wrapping import build_one

    text = ("Report of the district officer\n\n"
            "The grain store at Kessel burned on the night of the fair, and the officer "
            "wrote that nobody was hurt.\n\n"
            "Colonel A. Verbeek.\n\n"
            "Kessel, 4 May.\n\n"
            "Item\nseven\nDr. Bruno Harlan\n")
    result = build_one(tmp_path, "district.txt", text)
    [extraction] = result.extractions
    passages = [c.text for c in extraction.claims if c.kind is ClaimKind.PASSAGE]
    assert passages == ["The grain store at Kessel burned on the night of the fair, and the "
                        "officer wrote that nobody was hurt."]
    named = {m.person for m in result.resolution.person_mentions}
    assert any("verbeek" in p for p in named) and any("harlan" in p for p in named)
