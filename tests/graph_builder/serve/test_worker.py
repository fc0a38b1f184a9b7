"""Tests for graph_builder/serve/worker.py and serve_process.py: the query worker on its own.

The endpoint's HTTP behaviour is tested in test_serve.py and test_serve_hostile.py;
here the worker is driven directly, past the server's query check, to show what
the worker process itself refuses and how it budgets memory.
"""

from __future__ import annotations

import asyncio

import pytest

from graph_builder.serve.process import COPY_PEAK, copy_budget
from graph_builder.serve.worker import QueryWorker, Request
from tests.recorder import recorder

MB = 1 << 20


async def _answer(worker: QueryWorker, query: str) -> tuple[int, bytes]:
    try:
        async with worker.query(Request(query, None, 10, MB), timeout=30) as answer:
            body = b"".join([chunk async for chunk in answer.chunks()])
            return answer.reply.status, body
    finally:
        await worker.detach()


def test_serve_worker_reaches_no_network_even_past_the_query_check(fixture_out):
    worker = QueryWorker(fixture_out, 256 * MB)
    worker.start()
    try:
        if not worker.isolated:
            pytest.skip("netguard cannot forbid sockets on this system")
        with recorder() as rec:
            query = f"SELECT * WHERE {{ SERVICE <{rec.url}> {{ ?a ?b ?c }} }}"
            status, body = asyncio.run(_answer(worker, query))
            assert rec.hits == 0
        assert status == 400, body
    finally:
        worker.close()


def test_serve_worker_answers_in_chunks_of_the_whole_length(fixture_out):
    worker = QueryWorker(fixture_out, 256 * MB)
    worker.start()
    try:
        query = "SELECT ?x WHERE { BIND(CONCAT(" + ", ".join(["'" + "z" * 1000 + "'"] * 300) \
            + ") AS ?x) }"
        status, body = asyncio.run(_answer(worker, query))
    finally:
        worker.close()
    assert status == 200 and body.count(b"z") == 300_000


def test_serve_process_copies_the_graph_only_within_half_the_limit():
    assert copy_budget(0) == 0
    assert copy_budget(1024 * MB) * COPY_PEAK <= 512 * MB
    assert copy_budget(1024 * MB) >= 31 * MB  # the corpus's graph.ttl, at the default limit
