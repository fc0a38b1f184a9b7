"""Score quote verification against bench/quote_gold.jsonl (issue 16).

The gold was written by a separate session that read the texts, not the tool: every
quotation of the compilations 000 and 004 of ../shared/corpus that cites *The Road to
Terror* (44), found by hand in 003 (the book's 2010 edition) or not, with the span it
matches there (character offsets), a verdict (verbatim, variant, altered, abridged,
partial, not-found) and the changed words. Only offsets, verdicts and single changed
words are kept here, none of the texts' sentences.

The corpus is built as the CLI builds it and each gold quotation is the claim closed by
its citation line. Figures: the verdict confusion matrix (gold rows, ours columns);
found/not-found right; for quotations found by both, how many matched spans overlap the
gold's; quotations that differ in words but are called verbatim or variant (must be 0);
and of the gold's changed words, how many our differences name.

    python bench/score_quotes.py [CORPUS] [--gold FILE] [--wrong]

Any corpus with a gold of the same shape scores the same way, e.g. the fixture of
quotations altered on purpose, at least five of each verdict:

    python bench/score_quotes.py tests/graph_builder/verify/verdicts \
        --gold tests/graph_builder/verify/verdicts/gold.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from graph_builder.outputs import write_outputs  # noqa: E402
from graph_builder.pipeline import build_graph  # noqa: E402
from graph_builder.query.sparql import run_query  # noqa: E402
from graph_builder.query.store import open_store  # noqa: E402

GOLD = ROOT / "bench" / "quote_gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
VERDICTS = ("verbatim", "variant", "altered", "abridged", "partial", "not-found",
            "source-absent")
CHECKS = """
SELECT ?doc ?start ?verdict ?sstart ?send ?differences WHERE {
  ?c cg:quoteCheck ?q ; schema:isPartOf/schema:identifier ?doc .
  FILTER NOT EXISTS { ?c a cg:InnerQuotation }  # the quotation itself, not words it quotes
  FILTER NOT EXISTS { ?c a cg:TranscriptTurn }
  ?cit cito:hasCitingEntity ?c . ?a oa:hasBody ?cit ;
       oa:hasTarget/oa:hasSelector/oa:start ?start .
  ?q cg:verdict ?verdict .
  OPTIONAL { ?q cg:differences ?differences }
  OPTIONAL { ?q cg:matchedIn/oa:hasTarget/oa:hasSelector ?sel .
             ?sel oa:start ?sstart ; oa:end ?send } }"""


def _changed_words(differences: list[str]) -> set[str]:
    words = set()
    for entry in differences:
        for part in entry.replace("->", " ").replace("→", " ").split():
            word = part.strip("+-−\"'“”‘’.,;:()[]").casefold()
            if len(word) > 2:
                words.add(word)
    return words


def score(corpus: Path, gold_path: Path, show_wrong: bool) -> int:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        result = build_graph(corpus)
        write_outputs(result, Path(tmp), corpus)
        rows = run_query(open_store(Path(tmp)), CHECKS).value
        texts = {d.doc_id: d for d in result.documents}
        ours: dict[tuple[str, int], dict] = {}
        for row in rows:
            doc = row["doc"].value
            line = texts[doc].line_of(int(row["start"].value))
            ours[(doc, line)] = {
                "verdict": row["verdict"].value,
                "span": (int(row["sstart"].value), int(row["send"].value))
                if row["sstart"] is not None else None,
                "differences": row["differences"].value if row["differences"] else ""}
    matrix: dict[str, Counter] = {v: Counter() for v in VERDICTS}
    found_right = overlap = both_found = word_slips = named = changed = 0
    wrong = []
    for g in gold:
        mine = ours.get((g["doc"], g["citation_line"]))
        verdict = mine["verdict"] if mine else "(unchecked)"
        matrix[g["verdict"]][verdict] += 1
        gold_found = g["verdict"] not in ("not-found", "source-absent")
        our_found = verdict not in ("not-found", "source-absent", "(unchecked)")
        found_right += gold_found == our_found
        if gold_found and our_found and mine["span"]:
            both_found += 1
            start, end = mine["span"]
            overlap += start < g["source_end"] and g["source_start"] < end
        if g["verdict"] in ("altered", "abridged", "partial") and verdict in (
                "verbatim", "variant"):
            word_slips += 1
        want = _changed_words(g.get("differences", []))
        if want and our_found:
            text = mine["differences"].casefold()
            changed += len(want)
            named += sum(1 for w in want if w in text)
        if verdict != g["verdict"]:
            wrong.append(f"{g['doc']}:{g['citation_line']} gold {g['verdict']} / ours {verdict}")
    columns = [*VERDICTS, "(unchecked)"]
    print("gold \\ ours     " + " ".join(f"{c[:9]:>9}" for c in columns))
    for verdict in VERDICTS:
        if sum(matrix[verdict].values()):
            print(f"{verdict:<15} " + " ".join(f"{matrix[verdict][c]:>9}" for c in columns))
    n = len(gold)
    print(f"found or not-found right: {found_right}/{n} ({found_right / n:.2f})")
    print(f"matched span overlaps the gold's: {overlap}/{both_found}"
          f" ({overlap / max(both_found, 1):.2f})")
    print(f"differ in words but called verbatim or variant: {word_slips}")
    print(f"changed words named in the differences: {named}/{changed}"
          f" ({named / max(changed, 1):.2f})")
    if show_wrong:
        print("\n".join(["", "verdicts that differ:", *wrong]))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--wrong", action="store_true", help="list every differing verdict")
    args = parser.parse_args(argv)
    return score(args.corpus, args.gold, args.wrong)


if __name__ == "__main__":
    sys.exit(main())
