"""Score who-said-it against bench/attribution_gold.jsonl (issue 15).

The gold was written by a separate session reading the texts, blind to the tool's
rules: 185 quotations of the two quote compilations of ../shared/corpus (000 and
004) and of the demo compilation, each labelled with who uttered or wrote its
words and on what basis (speaker-label, headnote, in-text, work-subject,
cited-author, unknown), the speaker labels of its turns and the speakers of the
quotations inside it. Sampling: every quotation citing *Molotov Remembers*, every
one with a bracketed headnote, all of the demo's, and every 8th of the rest.
Only names and labels are kept here, none of the texts' words.

A gold quotation is the claim closed by the citation line it names. Its speaker
is right when the claim's schema:author has the gold family name (family keys,
so transliterations meet), or when both say nobody (a dialogue, an unknown
voice). Figures: accuracy per gold basis and overall; turns whose speaker is
right; inner quotations found (recall by family) and right (precision); and the
*Molotov Remembers* check: of its quotations that are not dialogues, the share
given to Molotov and to Chuev.

    python bench/score_attribution.py [CORPUS] [--gold FILE] [--wrong]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from graph_builder.people.names import family_key  # noqa: E402
from graph_builder.pipeline import build_graph  # noqa: E402
from graph_builder.records import ClaimKind  # noqa: E402

GOLD = ROOT / "bench" / "attribution_gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
DEMO = ROOT / "graph_builder" / "demo" / "quotes_compilation.txt"


def _folder(corpus: Path, gold: list[dict], into: Path) -> None:
    """The gold's documents, copied into one folder (the demo under demo/)."""
    for doc in sorted({g["doc"] for g in gold}):
        source = DEMO if doc.startswith("demo/") else corpus / doc
        target = into / doc
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _families(keys, persons) -> set[str]:
    return {family_key(persons[k].family) for k in keys if k in persons}


def score(corpus: Path, gold_path: Path, show_wrong: bool) -> int:
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _folder(corpus, gold, folder)
        result = build_graph(folder)
    res = result.resolution
    persons = res.persons
    quote_at: dict[tuple[str, int], object] = {}
    children: dict[str, list] = defaultdict(list)
    for extraction in result.extractions:
        for claim in extraction.claims:
            if claim.parent is not None:
                children[claim.parent.key].append(claim)
            if claim.kind is ClaimKind.QUOTATION:
                for citation in claim.citations:
                    quote_at.setdefault((claim.doc_id, citation.line), claim)
    per_basis: dict[str, Counter] = defaultdict(Counter)
    turns = Counter()
    inner = Counter()
    wrong = []
    for g in gold:
        claim = quote_at.get((g["doc"], g["citation_line"]))
        basis = g["basis"]
        per_basis[basis]["n"] += 1
        if claim is None:
            per_basis[basis]["no claim"] += 1
            wrong.append(f"{g['doc']}:{g['citation_line']} no quotation claim there")
            continue
        attribution = res.attributions.get(claim.key)
        said = _families(attribution.persons, persons) if attribution else set()
        want = family_key(g["speaker_family"]) if g["speaker_family"] else ""
        right = (want in said) if want else not said
        per_basis[basis]["right"] += right
        if not right:
            ours = (f"{attribution.basis.value} {sorted(said)}" if attribution else "nobody")
            wrong.append(f"{g['doc']}:{g['citation_line']} gold {basis} {want or 'nobody'}"
                         f" / ours {ours}")
        kids = children.get(claim.key, [])
        for turn in (k for k in kids if k.kind is ClaimKind.TURN):
            turns["n"] += 1
            a = res.attributions.get(turn.key)
            label = family_key(turn.speaker.split()[-1]) if turn.speaker else ""
            turns["right"] += bool(a and label in _families(a.persons, persons))
        found = [k for k in kids if k.kind is ClaimKind.INNER] + [
            g2 for k in kids for g2 in children.get(k.key, []) if g2.kind is ClaimKind.INNER]
        found_families = [next(iter(_families(res.attributions[k.key].persons, persons)), "")
                          for k in found]
        want_inner = [family_key(f) for f in g["inner"]]
        inner["gold"] += len(want_inner)
        inner["found"] += sum(1 for f in want_inner if f in found_families)
        inner["ours"] += len(found_families)
        inner["ours right"] += sum(1 for f in found_families if f in want_inner)
        if sorted(found_families) != sorted(want_inner):
            wrong.append(f"{g['doc']}:{g['citation_line']} inner gold {sorted(want_inner)}"
                         f" / ours {sorted(found_families)}")
    total_n = sum(c["n"] for c in per_basis.values())
    total_right = sum(c["right"] for c in per_basis.values())
    print(f"{'gold basis':<14} {'n':>4} {'right':>6} {'accuracy':>9}")
    for basis in ("speaker-label", "headnote", "in-text", "work-subject", "cited-author",
                  "unknown"):
        c = per_basis.get(basis, Counter())
        if c["n"]:
            print(f"{basis:<14} {c['n']:>4} {c['right']:>6} {c['right'] / c['n']:>9.2f}")
    print(f"{'all':<14} {total_n:>4} {total_right:>6} {total_right / max(total_n, 1):>9.2f}")
    print(f"turns: {turns['right']} of {turns['n']} keep their speaker")
    print(f"inner quotations: gold {inner['gold']}, found {inner['found']} "
          f"(recall {inner['found'] / max(inner['gold'], 1):.2f}); ours {inner['ours']}, "
          f"right {inner['ours right']} "
          f"(precision {inner['ours right'] / max(inner['ours'], 1):.2f})")
    _molotov_check(result, res, children)
    if show_wrong:
        print("\n".join(["", "wrong:", *wrong]))
    return 0


def _molotov_check(result, res, children) -> None:
    """Quotations citing Molotov Remembers that are no dialogue: Molotov's and Chuev's shares."""
    said = Counter()
    for extraction in result.extractions:
        for claim in extraction.claims:
            if claim.kind is not ClaimKind.QUOTATION or any(
                    k.kind is ClaimKind.TURN for k in children.get(claim.key, [])):
                continue
            works = [res.works.get(res.work_of_citation.get(c.key, "")) for c in claim.citations]
            if not any(w is not None and "molotov remembers" in w.title.casefold() for w in works):
                continue
            a = res.attributions.get(claim.key)
            families = _families(a.persons, res.persons) if a else set()
            said["n"] += 1
            said["molotov"] += "molotov" in families
            said["chuev"] += bool(families & {family_key("Chuev"), family_key("Chuyev")})
    if said["n"]:
        print(f"Molotov Remembers, quotations without turns: {said['n']}; Molotov "
              f"{said['molotov'] / said['n']:.2f}, Chuev {said['chuev'] / said['n']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--wrong", action="store_true", help="list every wrong quotation")
    args = parser.parse_args(argv)
    return score(args.corpus, args.gold, args.wrong)


if __name__ == "__main__":
    sys.exit(main())
