"""Hostile inputs: build time per MB of texts made to trip slow paths, against the corpus.

``python bench/hostile.py [CORPUS] [--line-mb 30] [--json FILE] [--no-build | --no-endpoint]``

Issue 12 found lines that took minutes: a run of spaces (a regular expression
that backtracked over it) and a text on one line (the mention stage re-read
the whole line for every name). This bench builds, each as its own whole
process (``python -m graph_builder build FILE --out TMP``, as ``run_bench.py``
runs it), four inputs:

- a single line of made-up prose, 30 MB, no line break at all;
- normal paragraphs with one line holding a run of 10,000 spaces;
- 100,000 tiny lines;
- the corpus (``../shared/corpus``), the yardstick.

It prints each build's wall seconds, its in-process seconds (report.json) and
in-process seconds per MB, and each hostile file's per-MB time as a ratio to
the corpus's. Target: every hostile file within 2x the corpus's time per MB.
In-process time is compared because interpreter start-up is the same second
for 1 MB and for 30 MB and says nothing about growth.

The texts are generated from a fixed seed into a temporary folder, so two runs
build the same bytes. Their sentences are invented for this bench.

The endpoint measurements of the same issue live in ``bench/hostile_endpoint.py``;
this script runs its ``main`` after the builds when that module exists, passing
on any option this script does not know.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere, like run_bench.py

from bench.run_bench import (  # noqa: E402 - needs REPO on the path
    DEFAULT_CORPUS,
    BenchError,
    Runs,
    positive_int,
    run_ours,
)

TARGET = 2.0  # hostile per-MB time at most this many times the corpus's
SEED = 12
MB = 1_000_000

_GIVEN = ("Alma", "Bruno", "Cora", "Dmitri", "Edda", "Feliks", "Greta", "Hugo", "Irma", "Jakob",
          "Kasia", "Lev", "Mira", "Nils", "Olga", "Piotr")
_FAMILY = ("Arvelo", "Brenner", "Castellan", "Drozd", "Eskeland", "Fenwick", "Grabowski",
           "Halloran", "Ivarsson", "Jurek", "Kessler", "Lomax", "Marchetti", "Novak", "Orlic",
           "Pettersen", "Quist", "Rask", "Sorel", "Tamm")
_TITLES = ("General", "Dr.", "Professor", "Minister", "Judge", "Captain")
_PLACES = ("Vienna", "Riga", "Lisbon", "Tallinn", "Trieste", "Ghent", "Turku", "Bergen")
_BODIES = ("the Harbour Council", "the Committee of Public Works", "the Central Bureau",
           "the Railway Union", "the Grain Board")
_MONTHS = ("January", "March", "May", "July", "September", "November")
# about one sentence in four names people, as in narrative history
_PLAIN = (
    "The minutes of {body} for {month} {year} survive only in a later copy.",
    "Prices in {place} rose again that winter, and the bread ration was cut twice.",
    "Nothing in the surviving letters suggests that the decision was taken lightly.",
    "By the spring of {year} the new statutes had been printed and sent to every district.",
    "The archive in {place} holds three drafts of the same report, each shorter than the last.",
    "Several delegates objected that the vote had been called without notice.",
    "The census of {year} counted fewer households than the tax rolls claimed.",
    "Rumours of a strike reached {place} a week before any newspaper printed them.",
    "{body} met in {month}, but its records for that session are lost.",
)
_NAMED = (
    "In {year} {given} {family} met {title} {other} in {place}.",
    "{given} {family} wrote to {other} that {body} would meet again in {month}.",
    "According to {title} {other}, {given} {family} ({born}–{died}) left {place} for good.",
    "The letters of {given} {family} and {given2} {other} were read aloud in {place}.",
)


def _sentence(rng: random.Random) -> str:
    year = rng.randint(1850, 1950)
    fields = {
        "given": rng.choice(_GIVEN), "given2": rng.choice(_GIVEN), "family": rng.choice(_FAMILY),
        "other": rng.choice(_FAMILY), "title": rng.choice(_TITLES), "place": rng.choice(_PLACES),
        "body": rng.choice(_BODIES), "month": rng.choice(_MONTHS), "year": year,
        "born": year - rng.randint(30, 60), "died": year + rng.randint(1, 30),
    }
    template = rng.choice(_NAMED) if rng.random() < 0.25 else rng.choice(_PLAIN)
    text = template.format(**fields)
    return text[0].upper() + text[1:]


def sentences(nbytes: int, seed: int = SEED) -> list[str]:
    """Made-up sentences of narrative history, about ``nbytes`` UTF-8 bytes in all."""
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < nbytes:
        out.append(_sentence(rng))
        size += len(out[-1].encode("utf-8")) + 1
    return out


def single_line(nbytes: int, seed: int = SEED) -> str:
    """Prose on one line: no line break anywhere, not even at the end."""
    return " ".join(sentences(nbytes, seed))


def paragraphs(nbytes: int, seed: int = SEED) -> str:
    """Prose in paragraphs of five sentences, a blank line between them, under a title."""
    found = sentences(nbytes, seed)
    body = "\n\n".join(" ".join(found[i:i + 5]) for i in range(0, len(found), 5))
    return f"Notes on a Made-up Province\n\n{body}\n"


def space_run(nbytes: int, run: int = 10_000, seed: int = SEED) -> str:
    """Paragraphs with one line, half-way, that holds a run of ``run`` spaces mid-sentence
    (and ends in a word, not a page number, so a contents-line pattern must give up)."""
    text = paragraphs(nbytes, seed)
    middle = text.index("\n\n", len(text) // 2)
    line = "The second report of the district went on" + " " * run + "and ended there."
    return f"{text[:middle]}\n\n{line}{text[middle:]}"


def tiny_lines(count: int = 100_000, seed: int = SEED) -> str:
    """``count`` lines of one to three short words, numbers or names."""
    rng = random.Random(seed)
    words = ("a", "Item", "12.", "x", "Riga", "Vol.", "the", "Bruno Rask", "ii", "–", "p. 4",
             "Note", "and", "1921", "Lomax,", "(b)")
    return "".join(" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) + "\n"
                   for _ in range(count))


def write_inputs(dest: Path, line_mb: float) -> dict[str, Path]:
    """The hostile files in ``dest``, one folder each, by label."""
    texts = {
        f"{line_mb:g} MB single line of prose": single_line(int(line_mb * MB)),
        "10,000-space run in 2 MB of text": space_run(2 * MB),
        "100k tiny lines": tiny_lines(),
    }
    paths = {}
    for number, (label, text) in enumerate(texts.items(), start=1):
        path = dest / f"hostile-{number}.txt"
        path.write_text(text, encoding="utf-8")
        paths[label] = path
    return paths


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()
                                          and not any(part.startswith(".") for part in
                                                      p.relative_to(path).parts)]
    return sum(p.stat().st_size for p in files) / MB


def measure(label: str, path: Path) -> dict:
    """One whole-process build of ``path``: its size, seconds and seconds per MB, or its error."""
    runs = Runs()
    row: dict = {"input": label, "path": str(path), "mb": size_mb(path)}
    print(f"building {label} ({row['mb']:.2f} MB) ...", file=sys.stderr, flush=True)
    try:
        run_ours(path, runs)
    except BenchError as exc:
        row["error"] = str(exc)
        return row
    row["wall_seconds"] = runs.wall[0]
    row["seconds"] = runs.in_process[0] if runs.in_process else runs.wall[0]
    row["seconds_per_mb"] = row["seconds"] / row["mb"]
    row["stages"] = {stage: values[0] for stage, values in runs.stages.items()}
    return row


def build_part(corpus: Path, line_mb: float) -> dict:
    """Build every hostile file and the corpus; the rows and whether the target is met."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-hostile-") as tmp:
        rows = [measure(label, path) for label, path in write_inputs(Path(tmp), line_mb).items()]
    yardstick = measure(f"corpus {corpus}", corpus)
    base = yardstick.get("seconds_per_mb")
    for row in rows:
        if base and "seconds_per_mb" in row:
            row["ratio"] = row["seconds_per_mb"] / base
    met = bool(base) and all(row.get("ratio", float("inf")) <= TARGET for row in rows)
    return {"rows": [*rows, yardstick], "target": TARGET, "met": met}


def table(figures: dict) -> str:
    rows = figures["rows"]
    width = max(len(row["input"]) for row in rows)
    lines = [f"{'input':{width}}  {'MB':>7}  {'wall s':>8}  {'in-proc s':>9}  {'s/MB':>7}  "
             f"{'x corpus':>8}"]
    for row in rows:
        if "error" in row:
            lines.append(f"{row['input']:{width}}  {row['mb']:7.2f}  failed: {row['error']}")
            continue
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else ""
        lines.append(f"{row['input']:{width}}  {row['mb']:7.2f}  {row['wall_seconds']:8.2f}  "
                     f"{row['seconds']:9.2f}  {row['seconds_per_mb']:7.2f}  {ratio:>8}")
    verdict = "met" if figures["met"] else "NOT met"
    lines.append(f"target: every hostile file within {TARGET:g}x the corpus's in-process time "
                 f"per MB -- {verdict}")
    return "\n".join(lines)


def endpoint_part(argv: list[str]) -> int:
    """Run bench/hostile_endpoint.py's ``main``, if that module has been written yet."""
    try:
        from bench import hostile_endpoint
    except ModuleNotFoundError as exc:
        if exc.name not in ("bench.hostile_endpoint", "hostile_endpoint"):
            raise
        if argv:
            raise BenchError(f"unrecognised options {' '.join(argv)} (they would go to "
                             "bench/hostile_endpoint.py, which does not exist yet)") from None
        print("endpoint: bench/hostile_endpoint.py does not exist yet; its figures (peak RSS "
              "under the cartesian ORDER BY and 50 clients, p99 latency) are skipped.")
        return 0
    return hostile_endpoint.main(argv) or 0


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        description="Build hostile inputs (a 30 MB line, a 10,000-space run, 100k tiny lines) "
        "and the corpus; report time per MB (target: within 2x the corpus's). Options not "
        "listed here go to bench/hostile_endpoint.py.")
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder of texts to compare with (default: {DEFAULT_CORPUS})")
    parser.add_argument("--line-mb", type=positive_int, default=30,
                        help="size of the single line of prose in MB (default: 30)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--no-build", action="store_true", help="skip the builds")
    parser.add_argument("--no-endpoint", action="store_true", help="skip the endpoint part")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    args, rest = parse_args(argv)
    status = 0
    try:
        if not args.no_build:
            corpus = args.corpus.resolve()
            if not corpus.is_dir():
                raise BenchError(f"corpus folder not found: {corpus} (pass a folder of texts)")
            figures = build_part(corpus, args.line_mb)
            print(table(figures), flush=True)
            if args.json:
                args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        if args.no_endpoint and rest:
            raise BenchError(f"unrecognised options {' '.join(rest)}")
        if not args.no_endpoint:
            status = endpoint_part(rest)
    except (BenchError, OSError) as exc:
        sys.exit(f"hostile: {exc}")
    return status


if __name__ == "__main__":
    sys.exit(main())
