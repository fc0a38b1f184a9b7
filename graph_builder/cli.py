"""The ``claimgraph`` command: a thin shell over the library.

Each command parses options, calls one library function and turns a
``ClaimgraphError`` into a one-line message and exit code 2; nothing below
this module prints or exits.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

import click

from graph_builder import __version__
from graph_builder.errors import ClaimgraphError, QueryError

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130
_SHOWN_WARNINGS = 5


class _Group(click.Group):
    """Turns library errors into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ClaimgraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Interrupted; no output was left half-written.", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimgraph")
def main() -> None:
    """Turn a folder of historical texts into a knowledge graph of people, works and claims."""


@main.command()
@click.argument("corpus", required=False, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default="claimgraph-out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the outputs.")
@click.option("--base", default=None, help="Base IRI for the graph's own nodes.")
@click.option("--strict", is_flag=True, help="Stop at the first problem in the input.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(corpus: Path | None, out_dir: Path, base: str | None, strict: bool, quiet: bool) -> None:
    """Build the graph of CORPUS (a folder or one file; default: the built-in demo).

    Writes DIR/graph.ttl, DIR/graph.html (network view) and DIR/report.json.
    """
    from graph_builder.gc_pause import gc_paused
    from graph_builder.outputs import write_outputs
    from graph_builder.pipeline import BuildSettings, build_graph

    started = time.perf_counter()
    settings = BuildSettings(strict=strict, **({"base": base} if base else {}))
    with ExitStack() as stack:
        source = corpus or stack.enter_context(as_file(files("graph_builder") / "demo"))
        show = not quiet and sys.stderr.isatty()
        bar = stack.enter_context(click.progressbar(length=1, label="Reading", file=sys.stderr)) \
            if show else None
        stack.enter_context(gc_paused())
        result = build_graph(source, settings, _progress(bar))
        outputs = write_outputs(result, out_dir, corpus or Path("demo"), started)
    if not quiet:
        _summary(result, outputs)


def _progress(bar):
    def update(stage: str, done: int, total: int) -> None:
        if bar is not None:
            bar.length = total
            bar.update(done - bar.pos)
    return update


def _summary(result, outputs) -> None:
    counts = result.counts()
    click.echo(f"Built {counts['documents']} documents: {counts['claims']} claims "
               f"({counts['quotations']} quotations), {counts['works']} works, "
               f"{counts['persons']} persons, {counts['triples']} triples "
               f"in {sum(result.stages.values()):.1f} s.")
    click.echo(f"  graph:  {outputs.graph}\n  view:   {outputs.view}\n  report: {outputs.report}")
    if result.warnings:
        n = len(result.warnings)
        click.echo(f"{n} warning{'s' if n != 1 else ''} (all in {outputs.report}):", err=True)
        for warning in result.warnings[:_SHOWN_WARNINGS]:
            click.echo(f"  {warning}", err=True)


def _read_query(text: str | None) -> str:
    """The query itself, '@file.rq' for a file, or '-' for standard input."""
    if text is None:
        raise QueryError("No query given. Pass it as an argument, '@file.rq', or '-' for stdin.")
    if text == "-":
        return sys.stdin.read()
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read the query file ({exc.strerror}).") from exc
    return text


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True, help="table for people; csv/tsv/json "
              "(SPARQL 1.1 results) for programs.")
def query(source: Path, sparql: str | None, fmt: str) -> None:
    """Run SPARQL on a built graph: SOURCE is a build folder or a graph file.

    SPARQL is the query text, @FILE.rq to read it from a file, or - for stdin.
    The prefixes schema:, cito:, bibo:, oa:, prov:, dcterms:, skos:, cg: are predeclared.
    """
    from graph_builder.query import format_answer, open_store, run_query

    text = _read_query(sparql)
    answer = run_query(open_store(source), text)
    click.echo(format_answer(answer, fmt), nl=False)


@main.command("parse-refs")
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
def parse_refs(source) -> None:
    """Parse reference strings, one per line of SOURCE (a file, or - for stdin), into
    CSL-JSON, one object per output line in the same order (blank lines give {}).

    A string that cannot be parsed comes back with what was recognised, and its
    warnings in "note".
    """
    import json

    from graph_builder.csl import to_csl
    from graph_builder.references import parse_reference

    for number, line in enumerate(source, start=1):
        text = line.strip()
        item = to_csl(parse_reference(text), f"ref-{number}") if text else {}
        click.echo(json.dumps(item, ensure_ascii=False))


def _format_choice() -> click.Choice:
    from exports import format_names
    return click.Choice(format_names(), case_sensitive=False)


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=_format_choice(), default=None,
              help="Output format (default: from the file suffix).")
@click.option("-o", "--output", "dest", required=True, type=click.Path(path_type=Path),
              help="File to write (a folder for csv, unless it ends in .zip).")
def export(source: Path, fmt: str | None, dest: Path) -> None:
    """Export a built graph (folder or graph file) to another format."""
    from exports import export as export_graph
    from exports.graphdata import GraphData
    from graph_builder.gc_pause import gc_paused
    from graph_builder.query import read_triples

    with gc_paused():
        chosen = export_graph(GraphData.from_triples(read_triples(source),
                                                     f"claimgraph: {source}"), fmt, dest)
    click.echo(f"Wrote {dest} ({chosen.name}).")
