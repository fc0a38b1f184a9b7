"""Score the life dates in the whole built graph against bench/life_dates_gold.jsonl.

Each gold line is one person whose birth and/or death year a corpus text states,
with the facts copied from that text: ``{"person", "family", "given", "born",
"died", "doc", "line", "source"}`` (``source`` is ``note`` for a biographical
note, ``prose`` for a year stated in running text; ``alias``/``alias_given``
give a second family name the note prints, as in "Stalin (Dzhugashvili)").

The corpus folder is built with ``build_graph`` exactly as the CLI builds it,
and every schema:Person is read back by SPARQL with its familyName/givenName,
name, alternateNames, birthDate and deathDate. A gold person matches a graph
person when one of the graph person's names (familyName + givenName, or a name
or alternateName that has given names) has the same family key
(``names.family_key``) and compatible given names (``names.givens_compatible``).
When several graph persons match, the one whose years agree best counts, and
the person is listed as ambiguous. Figures: people in gold, people found, born
right (of those whose birth the gold states), died right (likewise), both right
(every stated year right, of all gold people); then every miss, and the dated
graph persons that no gold person matched.

    python bench/score_life_dates.py [CORPUS] [--gold FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from graph_builder.people.names import family_key, givens_compatible
from graph_builder.pipeline import build_graph
from ontology import SDO

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "life_dates_gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
SCHEMA = str(SDO._NS)

PERSONS = f"""PREFIX schema: <{SCHEMA}>
SELECT ?p ?prop ?value WHERE {{
  ?p a schema:Person ; ?prop ?value .
  VALUES ?prop {{ schema:name schema:alternateName schema:familyName schema:givenName
                 schema:birthDate schema:deathDate }}
}}"""


@dataclass
class GraphPerson:
    """One schema:Person node with the (family, given) pairs its names give."""

    iri: str
    family: str = ""
    given: str = ""
    forms: set[str] = field(default_factory=set)
    born: str = ""
    died: str = ""

    def names(self) -> list[tuple[str, str]]:
        pairs = [(self.family, self.given)] if self.family else []
        for form in self.forms:
            if "," in form:  # "Family, Given"
                family, _, given = form.partition(",")
            else:  # "Given ... Family"
                given, _, family = form.rpartition(" ")
            family, given = family.split(" (")[0].strip(), given.strip()
            if family and given:  # a bare surname form would match every namesake
                pairs.append((family, given))
        return pairs

    def label(self) -> str:
        name = f"{self.given} {self.family}".strip() or min(self.forms, default=self.iri)
        return f"{name} (born {self.born or '-'}, died {self.died or '-'})"


def load_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def graph_persons(corpus: Path) -> list[GraphPerson]:
    """Every schema:Person in the graph of ``corpus`` with its names and years."""
    store = build_graph(corpus).store()
    persons: dict[str, GraphPerson] = {}
    slots = {"familyName": "family", "givenName": "given", "birthDate": "born",
             "deathDate": "died"}
    for row in store.query(PERSONS):
        person = persons.setdefault(row["p"].value, GraphPerson(row["p"].value))
        prop = row["prop"].value.removeprefix(SCHEMA)
        if prop in slots:
            setattr(person, slots[prop], row["value"].value)
        else:
            person.forms.add(row["value"].value)
    return sorted(persons.values(), key=lambda p: p.iri)


def _matches(gold: dict, person: GraphPerson) -> bool:
    wanted = [(gold["family"], gold["given"])]
    if gold.get("alias"):
        wanted.append((gold["alias"], gold.get("alias_given", gold["given"])))
    return any(family_key(family) == family_key(g_family) and givens_compatible(given, g_given)
               for family, given in person.names() for g_family, g_given in wanted)


def _agreement(gold: dict, person: GraphPerson) -> int:
    return sum(bool(gold[slot]) and gold[slot] == getattr(person, slot)
               for slot in ("born", "died"))


def score(gold: list[dict], persons: list[GraphPerson]) -> dict:
    """Counts per gold source and overall, with the misses spelled out."""
    rows = {"all": dict.fromkeys(("people", "found", "born", "born_right", "died",
                                  "died_right", "both_right"), 0)}
    misses, ambiguous, used = [], [], set()
    for g in gold:
        counts = [rows["all"], rows.setdefault(g["source"], dict.fromkeys(rows["all"], 0))]
        candidates = [p for p in persons if _matches(g, p)]
        best = max(candidates, key=lambda p: (_agreement(g, p), bool(p.born or p.died)),
                   default=None)
        where = f'{g["doc"]}:{g["line"]}'
        stated = f'born {g["born"] or "-"}, died {g["died"] or "-"}'
        if len(candidates) > 1:
            ambiguous.append(f'{g["person"]}: ' + "; ".join(p.label() for p in candidates))
        if best is not None:
            used.add(best.iri)
        right = {slot: best is not None and g[slot] == getattr(best, slot)
                 for slot in ("born", "died") if g[slot]}
        for c in counts:
            c["people"] += 1
            c["found"] += best is not None
            for slot, ok in right.items():
                c[slot] += 1
                c[f"{slot}_right"] += ok
            c["both_right"] += all(right.values())
        if best is None:
            misses.append(f'{g["person"]} ({stated}; {where}): not in the graph')
        elif not all(right.values()):
            misses.append(f'{g["person"]} ({stated}; {where}): graph has {best.label()}')
    extra = [p.label() for p in persons if (p.born or p.died) and p.iri not in used]
    return {"rows": rows, "misses": misses, "ambiguous": ambiguous, "extra": extra}


def _pct(part: int, whole: int) -> str:
    return f"{part:>3}/{whole:<3} {100 * part / whole:5.1f}%" if whole else f"{'-':>14}"


def report(result: dict, persons: list[GraphPerson], corpus: Path, gold: Path) -> None:
    dated = sum(bool(p.born or p.died) for p in persons)
    print(f"life dates: corpus {corpus}, gold {gold.name}")
    print(f"graph: {len(persons)} persons, {dated} with a birth or death year")
    print(f"{'':8}{'people':>7}{'found':>16}{'born right':>16}{'died right':>16}"
          f"{'both right':>16}")
    for name, c in result["rows"].items():
        print(f"{name:8}{c['people']:>7}  {_pct(c['found'], c['people'])}  "
              f"{_pct(c['born_right'], c['born'])}  {_pct(c['died_right'], c['died'])}  "
              f"{_pct(c['both_right'], c['people'])}")
    for title, lines in (("misses", result["misses"]),
                         ("ambiguous (the best-agreeing graph person counted)",
                          result["ambiguous"]),
                         ("dated graph persons no gold person matched", result["extra"])):
        print(f"{title}: {len(lines)}")
        for line in lines:
            print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    persons = graph_persons(args.corpus)
    report(score(load_gold(args.gold), persons), persons, args.corpus, args.gold)


if __name__ == "__main__":
    main()
