"""The baseline of the benchmark: the cheapest pass a spaCy pipeline makes over a corpus.

``python bench/spacy_pass.py CORPUS`` runs every ``.txt``/``.md`` file under CORPUS
through ``spacy.blank("en")`` with a rule-based ``sentencizer`` and prints one line::

    files=5 chars=1519151 tokens=312345 sentences=12345 seconds=1.234

Why this baseline: any spaCy-based extractor has to tokenize and split sentences
before it can do anything else, and a blank pipeline needs no model download, so
this is a floor for "the same texts through spaCy" that anyone can reproduce.
``bench/run_bench.py`` runs this script as a whole process (interpreter start-up
and ``import spacy`` included) and compares it with our build.

``seconds`` is the in-process time: building the pipeline, reading and decoding
the files and running ``nlp.pipe`` -- everything after ``import spacy``, just as
our build's ``report.json`` "seconds" covers everything after our imports. The
output is ``key=value`` pairs so a person can read it and ``run_bench.py`` can
parse it without a second output mode.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

SUFFIXES = {".txt", ".md"}


def corpus_files(root: Path) -> list[Path]:
    """The files the pass reads: ``.txt``/``.md`` at any depth, hidden ones skipped.

    Sorted so that two runs read the same files in the same order.
    """
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def run(root: Path) -> dict[str, float]:
    """Tokenize and sentence-split every corpus file; return the counts and seconds."""
    import spacy  # imported here so that --help works, and fails clearly, without spaCy

    started = time.perf_counter()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    # Decoding errors are replaced rather than raised: the baseline only needs text,
    # and one odd byte should not stop a timing run.
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in corpus_files(root)]
    # spaCy refuses texts longer than max_length (1,000,000 by default) because its
    # parser and NER need ~1 GB per 100k characters; the tokenizer and sentencizer
    # do not, so raising it to the longest file is safe and keeps scaled corpora working.
    nlp.max_length = max([nlp.max_length, *(len(text) + 1 for text in texts)])
    tokens = sentences = 0
    for doc in nlp.pipe(texts):
        tokens += len(doc)
        sentences += sum(1 for _ in doc.sents)
    seconds = time.perf_counter() - started
    return {
        "files": len(texts),
        "chars": sum(len(text) for text in texts),
        "tokens": tokens,
        "sentences": sentences,
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Run a corpus through spaCy's blank English tokenizer + sentencizer."
    )
    parser.add_argument("corpus", type=Path, help="folder of .txt/.md files")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.exit(2, f"spacy_pass: corpus folder not found: {args.corpus}\n")
    try:
        figures = run(args.corpus)
    except ImportError as exc:
        parser.exit(2, f"spacy_pass: {exc}; install it with: pip install -e '.[bench]'\n")
    print(
        " ".join(
            f"{key}={value:.3f}" if key == "seconds" else f"{key}={value}"
            for key, value in figures.items()
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
