"""Score a reference parser field by field against a gold set of reference strings.

``python bench/score_references.py [GOLD.jsonl ...] [--parser rules|model|combined]
[--json FILE] [--errors N]``

Gold files are JSON lines in the schema of AnyStyle's gold set as converted in
``../shared/benchmarks/references`` (``raw``, ``authors`` [{family, given} or
{literal}], ``editors``, ``translators``, ``title``, ``container``, ``volume``,
``issue``, ``pages``, ``publisher``, ``place``, ``year``); the corpus's own
``tests/fixtures/references/corpus_gold.jsonl`` uses the same schema.

Scoring rule (issue 3). Each of the fields below is compared on its own. A
value is right when gold and prediction are equal after Unicode NFKC,
lower-casing, dropping punctuation other than hyphens and collapsing spaces;
names are compared as the ordered list of family names (a corporate author as
its name), pages with ``p.``/``pp.`` removed and dashes unified (any dash, with
the spaces around it, becomes ``-``), the year as its four digits. A right
value is a true positive; a wrong one counts as a false positive *and* a false
negative; a predicted value the gold lacks is a false positive; a gold value
not predicted is a false negative. Reported: micro P/R/F1 over all fields,
per-field P/R/F1, the share of references with every field right, and
references per second counting parse time only.
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "references" / (
    "gold.jsonl"
)
FIELDS = (
    "author", "editor", "translator", "title", "container-title", "volume", "issue", "page",
    "publisher", "publisher-place", "year",
)
# gold JSON key -> scored field (README of the benchmark: "container" comes from the
# journal or container-title label, "place" from location, "pages" from pages)
GOLD_KEYS = {
    "authors": "author", "editors": "editor", "translators": "translator", "title": "title",
    "container": "container-title", "volume": "volume", "issue": "issue", "pages": "page",
    "publisher": "publisher", "place": "publisher-place", "year": "year",
}
NAME_FIELDS = {"author", "editor", "translator"}

_ASCII_PUNCTUATION = frozenset(string.punctuation)
_spaces = re.compile(r"\s+")
_dash = re.compile(r"\s*[-‐‑‒–—―−]+\s*")
_page_prefix = re.compile(r"\b(?:pp|p)\.\s*", re.I)
_four_digits = re.compile(r"(?<!\d)\d{4}(?!\d)")


def normalise(value: str) -> str:
    """NFKC, lower case, punctuation other than '-' dropped, spaces collapsed.

    Punctuation is every Unicode punctuation character (categories P*) and every
    ASCII one in ``string.punctuation``, so the grave accents of LaTeX quotes
    (`` `` ``) go too.
    """
    text = unicodedata.normalize("NFKC", str(value)).lower()
    kept = "".join(
        c for c in text
        if c == "-" or not (c in _ASCII_PUNCTUATION or unicodedata.category(c).startswith("P"))
    )
    return _spaces.sub(" ", kept).strip()


def normalise_pages(value: str) -> str:
    return normalise(_dash.sub("-", _page_prefix.sub("", str(value))))


def normalise_year(value) -> str:
    m = _four_digits.search(str(value))
    return m.group() if m else ""


def normalise_names(names: Iterable) -> tuple[str, ...]:
    """Ordered family names; a gold ``{literal}`` or a plain string counts as a name."""
    out = []
    for name in names:
        if isinstance(name, dict):
            name = name.get("family") or name.get("literal") or ""
        elif not isinstance(name, str):
            name = getattr(name, "family", "")
        out.append(normalise(name))
    return tuple(n for n in out if n)


def normalise_field(name: str, value):
    """The comparable form of one field's value, or None when it is absent."""
    if value is None:
        return None
    if name in NAME_FIELDS:
        result = normalise_names(value)
    elif name == "page":
        result = normalise_pages(value)
    elif name == "year":
        result = normalise_year(value)
    else:
        result = normalise(value)
    return result or None


def gold_fields(record: dict) -> dict:
    """Scored field -> normalised gold value (None when the gold has none)."""
    fields = dict.fromkeys(FIELDS)
    for key, name in GOLD_KEYS.items():
        fields[name] = normalise_field(name, record.get(key))
    return fields


def predicted_fields(ref) -> dict:
    """Scored field -> normalised value from a ``Reference``; a corporate author is an author."""
    authors = list(ref.authors) or ([ref.organization] if ref.organization else [])
    raw = {
        "author": authors, "editor": ref.editors, "translator": ref.translators,
        "title": ref.title, "container-title": ref.container_title, "volume": ref.volume,
        "issue": ref.issue, "page": ref.pages, "publisher": ref.publisher,
        "publisher-place": ref.place, "year": ref.year,
    }
    return {name: normalise_field(name, raw[name]) for name in FIELDS}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold, predicted) -> str:
        """Count one comparison; returns '', 'wrong', 'extra' or 'missing'."""
        if gold is None and predicted is None:
            return ""
        if gold == predicted:
            self.tp += 1
            return ""
        if gold is not None and predicted is not None:
            self.fp += 1
            self.fn += 1
            return "wrong"
        if predicted is not None:
            self.fp += 1
            return "extra"
        self.fn += 1
        return "missing"

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Score:
    references: int = 0
    exact: int = 0
    seconds: float = 0.0
    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    errors: dict[str, list[tuple[str, str, object, object]]] = field(
        default_factory=lambda: {f: [] for f in FIELDS}
    )

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.fields.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    def as_dict(self) -> dict:
        p, r, f1 = self.micro.prf()
        return {
            "references": self.references,
            "micro": {"precision": p, "recall": r, "f1": f1},
            "exact_share": self.exact / self.references if self.references else 0.0,
            "refs_per_second": self.references / self.seconds if self.seconds else 0.0,
            "fields": {
                name: dict(zip(("precision", "recall", "f1"), c.prf(), strict=True),
                           tp=c.tp, fp=c.fp, fn=c.fn)
                for name, c in self.fields.items()
            },
        }


def score(records: list[dict], parse: Callable) -> Score:
    """Parse every ``raw`` string and compare its fields with the gold ones."""
    result = Score()
    clock = time.perf_counter
    for record in records:
        started = clock()
        ref = parse(record["raw"])
        result.seconds += clock() - started
        result.references += 1
        gold, predicted = gold_fields(record), predicted_fields(ref)
        all_right = True
        for name in FIELDS:
            outcome = result.fields[name].add(gold[name], predicted[name])
            if outcome:
                all_right = False
                result.errors[name].append((outcome, record["raw"], gold[name], predicted[name]))
        result.exact += all_right
    return result


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def report(path: Path, parser: str, result: Score, errors: int) -> str:
    figures = result.as_dict()
    lines = [
        f"{path} ({result.references} references), parser {parser}",
        f"{'field':<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name, c in result.fields.items():
        p, r, f1 = c.prf()
        lines.append(f"{name:<16} {p:6.3f} {r:6.3f} {f1:6.3f} {c.tp:5} {c.fp:5} {c.fn:5}")
    micro = figures["micro"]
    lines.append(f"{'micro':<16} {micro['precision']:6.3f} {micro['recall']:6.3f} "
                 f"{micro['f1']:6.3f}")
    lines.append(f"every field right: {figures['exact_share']:.3f}; "
                 f"{figures['refs_per_second']:,.0f} references/s (parse time only)")
    for name in FIELDS if errors else ():
        order = {"wrong": 0, "missing": 1, "extra": 2}
        shown = sorted(result.errors[name], key=lambda e: order[e[0]])[:errors]
        for outcome, raw, gold, predicted in shown:
            lines.append(f"  [{name} {outcome}] {raw}\n      gold={gold!r} got={predicted!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from graph_builder.references import PARSERS

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, default=[DEFAULT_GOLD])
    parser.add_argument("--parser", choices=sorted(PARSERS), default="combined")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures here")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="print N errors per field (wrong values first)")
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.gold if not p.is_file()]
    if missing:
        print(f"Gold file not found: {', '.join(missing)}. Pass paths to gold JSON lines.",
              file=sys.stderr)
        return 1
    parse = PARSERS[args.parser]
    parse("Warm-up, A. Loads the model. London: Press, 2000.")  # load time is not parse time
    figures = {}
    for path in args.gold:
        result = score(load_gold(path), parse)
        print(report(path, args.parser, result, args.errors))
        figures[str(path)] = {"parser": args.parser, **result.as_dict()}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
