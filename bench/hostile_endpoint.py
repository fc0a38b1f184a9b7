"""The SPARQL endpoint under hostile and heavy use: its memory bound and 50 clients.

``python bench/hostile_endpoint.py [SOURCE] [--clients 50] [--seconds 30]
[--memory-limit 1024] [--timeout 10] [--json FILE]``

SOURCE is a corpus folder (built first, into a temporary folder, with
``claimgraph build SOURCE --out TMP -q``), a build folder or a graph file; the
default is ``../shared/corpus``. Its graph is copied into a temporary folder, so
nothing is written beside it. Then ``claimgraph serve`` runs on 127.0.0.1 on a
free port, as users start it, and the bench prints:

a. the query worker's peak resident memory under the cartesian ORDER BY query
   of issue 12 (``SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1``)
   and the status it was answered with (503: stopped at the memory limit);
b. ``--clients`` clients, each on a keep-alive connection of its own, sending the
   named queries (``graph_builder/queries/*.rq``, default values bound) in turn for
   ``--seconds``: requests, errors (any status but 200), dropped connections
   (refused, reset or closed without an answer), p50 and p99 latency, and the peak
   resident memory of the server process and of its worker;
c. the targets of issue 12: the worker under ``--memory-limit`` plus 100 MB, and
   no dropped connection; met or not met.

Memory is read from ``/proc/PID/statm`` every 2 ms (Linux only). ``main`` returns 0
when both targets are met and 1 when not; ``bench/hostile.py`` calls it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere, like run_bench.py

from bench.run_bench import BenchError, positive_int  # noqa: E402 - needs REPO on the path

DEFAULT_SOURCE = REPO.parent / "shared" / "corpus"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
MEMORY_MARGIN = 100 << 20  # the target: the worker under the limit plus 100 MB
_PAGE = os.sysconf("SC_PAGE_SIZE")
_SAMPLE = 0.002  # seconds between two reads of a process's size


@dataclass
class Figures:
    """What one run measured (bytes, seconds, counts)."""

    memory_limit: int
    cartesian_status: int = 0
    cartesian_worker_peak: int = 0
    requests: int = 0
    errors: int = 0
    dropped: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    p50: float = 0.0
    p99: float = 0.0
    server_peak: int = 0
    worker_peak: int = 0

    @property
    def memory_met(self) -> bool:
        bound = self.memory_limit + MEMORY_MARGIN
        return max(self.cartesian_worker_peak, self.worker_peak) <= bound

    @property
    def drops_met(self) -> bool:
        return self.dropped == 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Measure `claimgraph serve` under a "
                                     "memory-hungry query and many clients (issue 12).")
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE,
                        help=f"corpus, build folder or graph file (default: {DEFAULT_SOURCE})")
    parser.add_argument("--clients", type=positive_int, default=50,
                        help="clients at once (default: 50)")
    parser.add_argument("--seconds", type=positive_int, default=30,
                        help="how long the clients run (default: 30)")
    parser.add_argument("--memory-limit", type=positive_int, default=1024, metavar="MB",
                        help="the server's --memory-limit (default: 1024)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="the server's --timeout in seconds (default: 10)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="hostile-endpoint-") as tmp:
            graph = _graph_folder(args.source, Path(tmp))
            figures = measure(graph, args.clients, args.seconds, args.memory_limit << 20,
                              args.timeout)
    except BenchError as exc:
        print(f"hostile_endpoint: {exc}", file=sys.stderr)
        return 2
    report(figures, args.clients, args.seconds)
    if args.json:
        args.json.write_text(json.dumps({**asdict(figures), "memory_met": figures.memory_met,
                                         "drops_met": figures.drops_met}, indent=2) + "\n")
    return 0 if figures.memory_met and figures.drops_met else 1


def _graph_folder(source: Path, tmp: Path) -> Path:
    """A build folder in ``tmp`` holding SOURCE's graph (built first from a corpus)."""
    out = tmp / "out"
    if source.is_file():
        out.mkdir()
        shutil.copyfile(source, out / "graph.ttl")
    elif (source / "graph.ttl").is_file():
        out.mkdir()
        shutil.copyfile(source / "graph.ttl", out / "graph.ttl")
    elif source.is_dir():
        built = subprocess.run([sys.executable, "-m", "graph_builder", "build", str(source),
                                "--out", str(out), "-q"], capture_output=True, text=True,
                               cwd=REPO)
        if built.returncode != 0:
            raise BenchError(f"building {source} failed: {built.stderr.strip()[-300:]}")
    else:
        raise BenchError(f"{source} is neither a corpus, a build folder nor a graph file")
    return out


class _Server:
    """``claimgraph serve`` in a process of its own on 127.0.0.1, stopped with Ctrl-C."""

    def __init__(self, folder: Path, memory_limit: int, timeout: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph_builder", "serve", str(folder), "--host",
             "127.0.0.1", "--port", "0", "--memory-limit", str(memory_limit >> 20),
             "--timeout", str(timeout)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
        line = self.process.stdout.readline()
        if " at http://" not in line:
            self.stop()
            raise BenchError(f"claimgraph serve did not start: {line.strip()!r}")
        parts = urllib.parse.urlsplit(line.split(" at ")[1].split()[0])
        self.host, self.port = parts.hostname, parts.port

    def worker(self) -> int | None:
        """The worker's pid now (it changes when a worker is killed and replaced)."""
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            if children:
                return int(children[0])
        return None

    def ask(self, query: str, timeout: float = 120) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request("POST", "/sparql", urllib.parse.urlencode({"query": query}),
                               {"Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT: what Ctrl-C sends
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


class _Peak:
    """The largest resident size seen of the processes ``pids()`` names, every 2 ms."""

    def __init__(self, pids) -> None:  # type: ignore[no-untyped-def]
        self.pids, self.peak, self._stop = pids, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Peak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self.pids():
                if pid is not None:
                    self.peak = max(self.peak, resident(pid))
            time.sleep(_SAMPLE)


def resident(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def measure(folder: Path, clients: int, seconds: int, memory_limit: int,
            timeout: float) -> Figures:
    figures = Figures(memory_limit)
    server = _Server(folder, memory_limit, timeout)
    try:
        _wait_for_memory_copy(server)
        worker = server.worker()
        with _Peak(lambda: [worker]) as peak:
            figures.cartesian_status = server.ask(CARTESIAN)[0]
        figures.cartesian_worker_peak = peak.peak
        with _Peak(lambda: [server.worker()]) as worker_peak, \
                _Peak(lambda: [server.process.pid]) as server_peak:
            _load(server, clients, seconds, figures)
        figures.worker_peak, figures.server_peak = worker_peak.peak, server_peak.peak
    finally:
        server.stop()
    return figures


def _wait_for_memory_copy(server: _Server, within: float = 120) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.ask("ASK { ?s ?p ?o }")[1].get("X-Claimgraph-Store") == "memory":
            return
        time.sleep(0.2)


def _load(server: _Server, clients: int, seconds: int, figures: Figures) -> None:
    from graph_builder.query import named as named_queries

    queries = [urllib.parse.urlencode({"query": named_queries.bind(name)})
               for name in named_queries.names()]
    latencies: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)
    stop_at = [0.0]

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
        start.wait()
        stop_at[0] = stop_at[0] or time.monotonic() + seconds
        sent = number
        while time.monotonic() < stop_at[0]:
            began = time.monotonic()
            status = _one(connection, queries[sent % len(queries)])
            took = time.monotonic() - began
            sent += 1
            with lock:
                figures.requests += 1
                figures.statuses[str(status)] = figures.statuses.get(str(status), 0) + 1
                if status == 0:
                    figures.dropped += 1
                    connection.close()
                    connection = http.client.HTTPConnection(server.host, server.port,
                                                            timeout=60)
                elif status != 200:
                    figures.errors += 1
                latencies.append(took)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    if latencies:
        figures.p50 = statistics.median(latencies)
        figures.p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]


def _one(connection: http.client.HTTPConnection, body: str) -> int:
    """One query's status, or 0 when the connection was refused, reset or closed."""
    try:
        connection.request("POST", "/sparql", body,
                           {"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0


def report(figures: Figures, clients: int, seconds: int) -> None:
    mb = 1 << 20
    bound = (figures.memory_limit + MEMORY_MARGIN) // mb
    print(f"claimgraph serve --memory-limit {figures.memory_limit // mb} (MB)")
    print(f"a. cartesian ORDER BY: answered {figures.cartesian_status}, worker peak "
          f"{figures.cartesian_worker_peak / mb:.0f} MB")
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(figures.statuses.items()))
    print(f"b. {clients} clients for {seconds} s: {figures.requests} requests ({statuses}), "
          f"{figures.errors} errors, {figures.dropped} dropped; latency p50 "
          f"{figures.p50 * 1000:.0f} ms, p99 {figures.p99 * 1000:.0f} ms; peak RSS server "
          f"{figures.server_peak / mb:.0f} MB, worker {figures.worker_peak / mb:.0f} MB")
    worker = max(figures.cartesian_worker_peak, figures.worker_peak) / mb
    print(f"c. worker under {bound} MB (limit + 100): {worker:.0f} MB, "
          f"{'met' if figures.memory_met else 'NOT MET'}; no dropped connection at "
          f"{clients} clients: {figures.dropped} dropped, "
          f"{'met' if figures.drops_met else 'NOT MET'}")


if __name__ == "__main__":
    sys.exit(main())
