"""Score figures and their groups against bench/figures_gold.jsonl (issue 17).

The gold was written by a separate session that read the texts, not the tool: every
count or share of people (members, prisoners, appeals ...) in documents 000-002 of
../shared/corpus, and in a few passages of 003 and 004 (the `coverage` records), with its
span as printed including its qualifier, its normalised value (share 0-1, count as a
number, range as midpoint with low/high), the qualifier, what it counts, the time it
refers to, and the group of figures that measure the same thing at the same time. Groups
say whether their values disagree beyond qualifiers and rounding (`disputed`). Figures
marked `optional` (vague plurals such as "tens of thousands", small counts in words) are
neither required for recall nor held against precision. Only offsets, numbers and short
labels are kept, none of the texts' sentences.

The corpus is built as the CLI builds it and the cg:Figure annotations are read back. A
found figure matches a gold figure of the same document whose span it overlaps. Figures:

- recall over the gold's required figures; precision over our figures inside the coverage
  ranges (a figure matching an optional gold figure counts as right);
- value accuracy over matched figures: normalised value within 1% (relative), and low and
  high within 1%; qualifier accuracy (same qualifier, case and surrounding space ignored);
- grouping, pairwise over matched figures: precision over pairs we put in one group,
  recall over pairs the gold puts in one group;
- disputed flags: for each gold group, our group is the one most of its matched figures
  are in; right when our cg:disputed equals the gold's (no group of ours counts as wrong).

    python bench/score_figures.py [CORPUS] [--gold FILE] [--wrong]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere

from graph_builder.outputs import write_outputs  # noqa: E402
from graph_builder.pipeline import build_graph  # noqa: E402
from graph_builder.query.sparql import run_query  # noqa: E402
from graph_builder.query.store import open_store  # noqa: E402

GOLD = ROOT / "bench" / "figures_gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
FIGURES = """
SELECT ?f ?doc ?start ?end ?value ?normalized ?low ?high ?q ?measure ?time ?g ?disputed
WHERE {
  ?f a cg:Figure . ?a oa:hasBody ?f ; oa:hasTarget ?t .
  ?t oa:hasSource/schema:identifier ?doc ; oa:hasSelector ?s .
  ?s oa:start ?start ; oa:end ?end .
  OPTIONAL { ?f cg:printedValue ?value }
  OPTIONAL { ?f cg:normalizedValue ?normalized }
  OPTIONAL { ?f cg:lowValue ?low }
  OPTIONAL { ?f cg:highValue ?high }
  OPTIONAL { ?f cg:qualifier ?q }
  OPTIONAL { ?f cg:measure ?measure }
  OPTIONAL { ?f cg:referenceTime ?time }
  OPTIONAL { ?f cg:inFigureGroup ?g . OPTIONAL { ?g cg:disputed ?disputed } } }"""


def _value(term) -> str | None:
    return None if term is None else term.value


def _number(term) -> float | None:
    try:
        return None if term is None else float(term.value)
    except ValueError:
        return None


def read_ours(corpus: Path) -> list[dict]:
    """Our figures, one dict per cg:Figure (first group if a figure has several)."""
    with tempfile.TemporaryDirectory() as tmp:
        result = build_graph(corpus)
        write_outputs(result, Path(tmp), corpus)
        rows = run_query(open_store(Path(tmp)), FIGURES).value
        ours: dict[str, dict] = {}
        for row in rows:
            key = str(row["f"])
            if key in ours:
                continue
            disputed = _value(row["disputed"])
            ours[key] = {
                "id": key, "doc": row["doc"].value,
                "start": int(row["start"].value), "end": int(row["end"].value),
                "printed": _value(row["value"]) or "",
                "normalized": _number(row["normalized"]),
                "low": _number(row["low"]), "high": _number(row["high"]),
                "qualifier": _value(row["q"]) or "",
                "measure": _value(row["measure"]) or "", "time": _value(row["time"]) or "",
                "group": _value(row["g"]),
                "disputed": None if disputed is None else disputed in ("true", "1")}
    return list(ours.values())


def _close(ours: float | None, gold: float) -> bool:
    if ours is None:
        return False
    return abs(ours - gold) <= 0.01 * max(abs(gold), 1e-9)


def _covered(fig: dict, coverage: dict[str, list]) -> bool:
    return any(a <= fig["start"] < b for a, b in coverage.get(fig["doc"], []))


def _match(gold_figs: list[dict], ours: list[dict]) -> dict[str, dict]:
    """Gold id -> our figure overlapping it (the one overlapping most), same document."""
    by_doc: dict[str, list[dict]] = {}
    for fig in ours:
        by_doc.setdefault(fig["doc"], []).append(fig)
    matched = {}
    for g in gold_figs:
        best, best_overlap = None, 0
        for fig in by_doc.get(g["doc"], []):
            overlap = min(fig["end"], g["end"]) - max(fig["start"], g["start"])
            if overlap > best_overlap:
                best, best_overlap = fig, overlap
        if best is not None:
            matched[g["id"]] = best
    return matched


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b if b else 0:.2f})"


def score(corpus: Path, gold_path: Path, show_wrong: bool) -> int:
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    gold_figs = [r for r in records if r["type"] == "figure"]
    gold_groups = {r["id"]: r for r in records if r["type"] == "group"}
    coverage = {r["doc"]: r["ranges"] for r in records if r["type"] == "coverage"}
    ours = read_ours(corpus)
    matched = _match(gold_figs, ours)
    wrong: list[str] = []

    required = [g for g in gold_figs if not g.get("optional")]
    found = [g for g in required if g["id"] in matched]
    print(f"our figures: {len(ours)}, gold figures: {len(required)} required"
          f" + {len(gold_figs) - len(required)} optional, {len(gold_groups)} groups")
    print(f"figure recall: {_ratio(len(found), len(required))}")
    wrong += [f"missed {g['doc'][:3]}:{g['start']} {g['printed']!r}"
              for g in required if g["id"] not in matched]

    matched_ours = {id(fig) for fig in matched.values()}
    in_cover = [fig for fig in ours if _covered(fig, coverage)]
    right = [fig for fig in in_cover if id(fig) in matched_ours]
    print(f"figure precision (in coverage): {_ratio(len(right), len(in_cover))}")
    wrong += [f"spurious {fig['doc'][:3]}:{fig['start']} {fig['printed']!r}"
              for fig in in_cover if id(fig) not in matched_ours]

    value_ok = bounds_ok = qual_ok = 0
    scored = [g for g in gold_figs if g["id"] in matched]
    for g in scored:
        fig = matched[g["id"]]
        ok = _close(fig["normalized"], g["normalized"])
        value_ok += ok
        bounds_ok += _close(fig["low"], g["low"]) and _close(fig["high"], g["high"])
        same_q = fig["qualifier"].strip().casefold() == g["qualifier"].strip().casefold()
        qual_ok += same_q
        if not ok:
            wrong.append(f"value {g['doc'][:3]}:{g['start']} {g['printed']!r}"
                         f" gold {g['normalized']} / ours {fig['normalized']}")
        if not same_q:
            wrong.append(f"qualifier {g['doc'][:3]}:{g['start']} {g['printed']!r}"
                         f" gold {g['qualifier']!r} / ours {fig['qualifier']!r}")
    print(f"normalised value right: {_ratio(value_ok, len(scored))}")
    print(f"low and high right: {_ratio(bounds_ok, len(scored))}")
    print(f"qualifier right: {_ratio(qual_ok, len(scored))}")

    # Pairwise grouping over matched figures; a figure of ours matched by two gold figures
    # counts once per gold figure, so the pairs are those of gold figures.
    tp = ours_pairs = gold_pairs = 0
    for a, b in combinations(scored, 2):
        same_gold = a["group"] is not None and a["group"] == b["group"]
        ga, gb = matched[a["id"]]["group"], matched[b["id"]]["group"]
        same_ours = ga is not None and ga == gb and matched[a["id"]] is not matched[b["id"]]
        gold_pairs += same_gold
        ours_pairs += same_ours
        tp += same_gold and same_ours
        if same_ours and not same_gold:
            wrong.append(f"grouped apart in gold: {a['doc'][:3]}:{a['start']} {a['printed']!r}"
                         f" + {b['doc'][:3]}:{b['start']} {b['printed']!r}")
    print(f"grouping pairwise precision: {_ratio(tp, ours_pairs)}")
    print(f"grouping pairwise recall: {_ratio(tp, gold_pairs)}")

    flags_ok = 0
    for gid, group in gold_groups.items():
        members = [matched[g["id"]]["group"] for g in gold_figs
                   if g["group"] == gid and g["id"] in matched]
        members = [m for m in members if m is not None]
        ours_group = Counter(members).most_common(1)[0][0] if members else None
        flag = next((fig["disputed"] for fig in ours if fig["group"] == ours_group),
                    None) if ours_group else None
        ok = flag is not None and flag == group["disputed"]
        flags_ok += ok
        if not ok:
            wrong.append(f"disputed {gid} ({group['label']}): gold {group['disputed']}"
                         f" / ours {flag if ours_group else '(no group)'}")
    print(f"disputed flag right: {_ratio(flags_ok, len(gold_groups))}")
    disputed = [gid for gid, g in gold_groups.items() if g["disputed"]]
    print(f"  of which disputed in gold: {len(disputed)}, agreeing: "
          f"{len(gold_groups) - len(disputed)}")
    if show_wrong:
        print("\n".join(["", "differences:", *wrong]))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--wrong", action="store_true", help="list every difference")
    args = parser.parse_args(argv)
    return score(args.corpus, args.gold, args.wrong)


if __name__ == "__main__":
    sys.exit(main())
