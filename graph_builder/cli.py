"""The ``claimgraph`` command: a thin shell over the library.

Each command parses options, calls one library function and turns a
``ClaimgraphError`` into a one-line message and exit code 2; nothing below
this module prints or exits.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

import click

from graph_builder import __version__
from graph_builder.errors import USER_ERRORS, QueryError

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130
_SHOWN_WARNINGS = 5


class _Group(click.Group):
    """Turns library errors into one line on stderr instead of a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
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
@click.option("--follow-links", is_flag=True, help="Read links that lead outside the corpus "
              "folder (skipped with a warning by default).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes for the per-document stages [default: the cores, or 1 for a "
              "small corpus]. The graph is the same for any number.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run the per-document stages on a Dask cluster (tcp://host:8786); "
              "needs pip install 'claimgraph[dask]'.")
@click.option("--no-cache", is_flag=True, help="Keep no DIR/cache/ for an incremental rebuild.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def build(corpus: Path | None, out_dir: Path, base: str | None, strict: bool,
          follow_links: bool, workers: int | None, scheduler: str | None, no_cache: bool,
          quiet: bool) -> None:
    """Build the graph of CORPUS (a folder or one file; default: the built-in demo).

    Writes DIR/graph.ttl, DIR/graph.html (network view) and DIR/report.json, with
    DIR/store/ (for SPARQL) and DIR/cache/ (for the next build) beside them.
    """
    from graph_builder.outputs import build_folder
    from graph_builder.pipeline import BuildSettings

    settings = BuildSettings(strict=strict, follow_links=follow_links, workers=workers,
                             scheduler=scheduler, **({"base": base} if base else {}))
    with ExitStack() as stack:
        source = corpus or stack.enter_context(as_file(files("graph_builder") / "demo"))
        show = not quiet and sys.stderr.isatty()
        bar = stack.enter_context(click.progressbar(length=1, label="Reading", file=sys.stderr)) \
            if show else None
        result, outputs = build_folder(source, out_dir, settings, _progress(bar),
                                       cache=not no_cache, name=corpus or Path("demo"))
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
               f"in {sum(outputs.stages.values()):.1f} s.")
    click.echo(f"  graph:  {outputs.graph}\n  view:   {outputs.view}\n  report: {outputs.report}")
    store = outputs.graph.parent / "store"
    if store.is_dir():
        click.echo(f"  store:  {store}/ (SPARQL: claimgraph query / serve {store.parent})")
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
@click.option("--list", "list_queries", is_flag=True,
              help="List the named queries: name, then the question it answers.")
@click.option("--name", metavar="NAME", help="Run the named query NAME instead of SPARQL.")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query, e.g. person=Ezhov (repeatable).")
@click.option("--allow-service", is_flag=True, help="Let SERVICE clauses fetch other SPARQL "
              "endpoints over the network (refused by default).")
def query(source: Path, sparql: str | None, fmt: str, list_queries: bool, name: str | None,
          params: tuple[str, ...], allow_service: bool) -> None:
    """Run SPARQL on a built graph: SOURCE is a build folder or a graph file.

    SPARQL is the query text, @FILE.rq to read it from a file, or - for stdin;
    or --name NAME runs a named query (--list shows them). The prefixes schema:,
    cito:, bibo:, oa:, prov:, dcterms:, skos:, cg: are predeclared. A build folder
    is queried through its store (DIR/store, made on first use from graph.ttl).
    SERVICE (federation) is refused unless --allow-service is given.
    """
    from graph_builder.query import named as named_queries
    from graph_builder.query.sparql import format_answer

    if list_queries:
        click.echo(named_queries.listing(), nl=False)
        return
    answer = named_queries.ask_graph(source, None if sparql is None else _read_query(sparql),
                                     name=name, params=params, allow_service=allow_service)
    click.echo(format_answer(answer, fmt), nl=False)


@main.command("parse-refs")
@click.argument("source", default="-", type=click.File("rb"))
def parse_refs(source) -> None:
    """Parse reference strings, one per line of SOURCE (a file, or - for stdin), into
    CSL-JSON, one object per output line in the same order (blank lines give {}).

    SOURCE is UTF-8, or UTF-8/UTF-16 with a byte-order mark. A string that cannot
    be parsed comes back with what was recognised, and its warnings in "note"; a
    line over 2,000 characters is not parsed, only warned about.
    """
    import io
    import json

    from graph_builder.references import decode_references, parse_reference, too_long
    from graph_builder.references.csl import to_csl

    name = getattr(source, "name", "-")
    name = "standard input" if name in ("-", "<stdin>") or not isinstance(name, str) else name
    lines = io.StringIO(decode_references(source.read(), name), newline=None)
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        warning = too_long(text)
        if warning:
            click.echo(f"Warning: {name}:{number}: {warning}.", err=True)
        item = to_csl(parse_reference(text), f"ref-{number}") if text else {}
        click.echo(json.dumps(item, ensure_ascii=False))


def _wrote(dest: Path, message: str) -> None:
    """Say what was written: on stderr when the output itself went to stdout (-o -)."""
    click.echo(message, err=str(dest) == "-")


def _format_choice() -> click.Choice:
    from exports import format_names
    return click.Choice(format_names(), case_sensitive=False)


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=_format_choice(), default=None,
              help="Output format (default: from the file suffix).")
@click.option("-o", "--output", "dest", required=True, type=click.Path(path_type=Path),
              help="File to write, - for standard output (a folder for csv, unless it ends "
              "in .zip).")
def export(source: Path, fmt: str | None, dest: Path) -> None:
    """Export a built graph (folder or graph file) to another format."""
    from graph_builder.outputs import export_graph

    chosen = export_graph(source, fmt, dest)
    _wrote(dest, f"Wrote {dest} ({chosen}).")


@main.command()
@click.argument("source", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0, min_open=True),
              help="Seconds a query may run before it is stopped (answered 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Rows (or triples) one answer holds at most; more are cut and flagged.")
@click.option("--max-bytes", default=64, show_default=True, type=click.IntRange(min=1),
              metavar="MB", help="Megabytes one answer holds at most; more are cut and flagged.")
@click.option("--memory-limit", default=1024, show_default=True, type=click.IntRange(min=0),
              metavar="MB", help="Memory the query worker may use; a query that needs more is "
              "stopped (503). The graph is copied into memory (4x faster) when that fits in "
              "half of it. 0: no limit, and the graph stays on disk.")
@click.option("--max-connections", default=256, show_default=True, type=click.IntRange(min=1),
              help="Connections open at once; more are answered 503 at once.")
def serve(source: Path, host: str, port: int, timeout: float, max_rows: int, max_bytes: int,
          memory_limit: int, max_connections: int) -> None:
    """Serve a built graph (DIR or a graph file) as a read-only SPARQL 1.1 endpoint.

    Queries go to http://HOST:PORT/sparql (GET or POST; results as JSON, XML,
    CSV, TSV, Turtle or JSON-LD by the Accept header); http://HOST:PORT/ is a
    query page listing the named queries. Updates and SERVICE are refused.
    """
    from graph_builder.serve import make_server

    server = make_server(source, host, port, timeout=timeout, max_rows=max_rows,
                         max_bytes=max_bytes << 20, memory_limit=memory_limit << 20,
                         max_connections=max_connections)
    click.echo(f"Serving {source} at {server.url} (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)
    finally:
        server.server_close()


@main.command()
@click.argument("source", metavar="DIR", type=click.Path(path_type=Path))
@click.option("-o", "--output", "dest", type=click.Path(dir_okay=False, path_type=Path),
              help="Page to write, - for standard output.  [default: DIR/view.html]")
@click.option("--focus", metavar="NAME", help="Centre on this person, in any spelling "
              "(Ezhov finds Yezhov).")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(min=0),
              help="With --focus: keep what lies within this many links of the person.")
@click.option("--kinds", metavar="K,K,...", help="Node kinds to keep: person, work, claim "
              "(= quotation, turn, passage), topic, document, thesis.  [default: all]")
@click.option("--min-degree", default=0, show_default=True, type=click.IntRange(min=0),
              help="Drop nodes left with fewer links than this.")
def viz(source: Path, dest: Path | None, focus: str | None, depth: int, kinds: str | None,
        min_degree: int) -> None:
    """Draw a built graph (DIR or a graph file) as an interactive page that needs no network:
    people, works, claims of every kind, topics and documents, sized by PageRank."""
    from graph_builder.outputs import draw_view

    wanted = {k.strip() for k in kinds.split(",") if k.strip()} if kinds is not None else None
    dest, view = draw_view(source, dest, focus=focus, depth=depth, kinds=wanted,
                           min_degree=min_degree)
    nodes, edges, centre = view.number_of_nodes(), view.number_of_edges(), view.graph["focus"]
    about = f"; focus {view.nodes[centre]['label']}, depth {depth}" if centre is not None else ""
    _wrote(dest, f"Wrote {dest}: {nodes} node{'s' * (nodes != 1)}, "
                 f"{edges} edge{'s' * (edges != 1)}{about}.")


EXIT_INVALID = 1


@main.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--examples", default=3, show_default=True, type=click.IntRange(0),
              help="Focus nodes shown for each failing shape.")
def validate(source: Path, examples: int) -> None:
    """Check a built graph (folder or graph file) against the core-profile SHACL shapes.

    Prints one line per failing shape with its count and message, a few of the
    nodes that fail it, and a summary. Exit 0: conforms; 1: does not; 2: error.
    """
    from graph_builder.query.validate import format_report, validate_graph

    report = validate_graph(source, examples=examples)
    click.echo(format_report(report), nl=False)
    if not report.conforms:
        sys.exit(EXIT_INVALID)


@main.command()
@click.argument("source", metavar="DIR", type=click.Path(path_type=Path))
@click.argument("url")
@click.option("--graph", metavar="IRI", help="Named graph to replace.  [default: the default "
              "graph]")
@click.option("--chunk-triples", default=50_000, show_default=True, type=click.IntRange(min=1),
              help="Triples sent per request.")
@click.option("--timeout", default=300.0, show_default=True,
              type=click.FloatRange(0, min_open=True),
              help="Seconds to wait for the store to answer one chunk.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def push(source: Path, url: str, graph: str | None, chunk_triples: int, timeout: float,
         quiet: bool) -> None:
    """Load a built graph (DIR or a graph file) into the SPARQL 1.1 Graph Store at URL.

    Replaces the graph --graph names (default: the default graph) at URL, e.g.
    http://localhost:7878/store (Oxigraph) or http://localhost:3030/DATASET/data
    (Fuseki), sending N-Triples in chunks: PUT, then POST. A user:pass@ in the URL
    is sent as basic auth. A push that fails midway says how much landed; push again.
    """
    from graph_builder.push import push_graph

    with ExitStack() as stack:
        show = not quiet and sys.stderr.isatty()
        bar = stack.enter_context(click.progressbar(length=1, label="Pushing", file=sys.stderr)) \
            if show else None
        report = push_graph(source, url, graph, chunk_triples=chunk_triples, timeout=timeout,
                            progress=_progress(bar))
    if not quiet:
        click.echo(f"Pushed {report.triples:,} triples in {report.chunks:,} "
                   f"chunk{'s' * (report.chunks != 1)} into {report.where} "
                   f"in {report.seconds:.1f} s.")
