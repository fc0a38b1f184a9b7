"""A process that forbade itself the network cannot reach it, even through the SPARQL engine."""

from __future__ import annotations

import json
import platform
import subprocess
import sys

import pytest

from tests.recorder import recorder

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.machine() not in ("x86_64", "aarch64"),
    reason="the seccomp filter is for Linux on x86_64 and aarch64")

# Runs in a child: the filter cannot be lifted, and the test process needs its sockets.
_CHILD = """
import json, socket, sys, threading
import pyoxigraph as ox
from graph_builder.serve.netguard import forbid_network

guard = sys.argv[2] == "guard"
started = threading.Event()
before = {}
def thread_started_before():
    started.wait()
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[3])), timeout=2).close()
        before["thread"] = "connected"
    except OSError as exc:
        before["thread"] = type(exc).__name__
worker = threading.Thread(target=thread_started_before)
worker.start()
installed = forbid_network() if guard else None
started.set()
worker.join()
pair = socket.socketpair()
pair[0].send(b"x")
try:
    list(ox.Store().query("SELECT * WHERE { SERVICE <" + sys.argv[1] + "> { ?a ?b ?c } }"))
    service = "answered"
except OSError as exc:
    service = "refused: " + str(exc)[:80]
print(json.dumps({"installed": installed, "service": service, "thread": before["thread"],
                  "pair": pair[1].recv(1).decode()}))
"""


def _child(url: str, mode: str) -> dict[str, object]:
    port = url.split(":")[2].split("/")[0]
    done = subprocess.run([sys.executable, "-c", _CHILD, url, mode, port], capture_output=True,
                          text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_netguard_stops_service_calls_and_new_sockets_in_every_thread():
    with recorder() as rec:
        unguarded = _child(rec.url, "open")
        assert unguarded["service"] == "answered" and rec.hits == 1  # the control reaches it
        assert unguarded["thread"] == "connected"
        hits = rec.hits
        guarded = _child(rec.url, "guard")
        assert rec.hits == hits
    assert guarded["installed"] is True
    assert guarded["service"].startswith("refused")
    assert guarded["thread"] == "PermissionError"
    assert guarded["pair"] == "x"  # the socket pair to the server still works
