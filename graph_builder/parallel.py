"""Per-document tasks through one interface: in this process, local processes, or Dask.

Every per-document stage is a plain function of picklable records, so the same
call runs inline (one worker), on a ``concurrent.futures`` process pool
(``--workers N``) or on a Dask distributed cluster (``--scheduler ADDRESS``: a
``distributed.Client`` hands out a ``concurrent.futures.Executor``). Results
come back in corpus order whatever finished first, which is what keeps the
graph byte-identical across all three.

A task that fails, or a worker that dies, stops the build with one line naming
the file that task was reading; nothing has been written by then.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from graph_builder.errors import USER_ERRORS, ClaimgraphError

T = TypeVar("T")
R = TypeVar("R")

#: Below this many characters a corpus is read in this process: starting workers
#: would cost more than they save. An explicit ``--workers`` still uses them.
SMALL_CORPUS = 2_000_000
_IN_FLIGHT = 4  # tasks queued per worker: enough to keep it busy, few enough to bound memory
CONNECT_TIMEOUT = 20  # seconds to reach a Dask scheduler before saying it cannot be reached


class WorkerError(ClaimgraphError):
    """A per-document task that failed or whose worker died."""


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Tasks:
    """Where per-document tasks run; a context manager that shuts its workers down."""

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self._executor: Executor | None = None
        self._client: Any = None
        self._track: Path | None = None  # notes of the files local workers are reading

    @property
    def where(self) -> str:
        if self.scheduler:
            return f"the Dask cluster at {self.scheduler}"
        return f"{self.workers} worker process{'es' if self.workers > 1 else ''}" \
            if self.workers > 1 else "this process"

    def __enter__(self) -> Tasks:
        if self.scheduler:
            self._executor = self._dask_executor(self.scheduler)
        elif self.workers > 1:
            self._executor = process_pool(self.workers)
            self._track = Path(tempfile.mkdtemp(prefix="claimgraph-tasks-"))
        return self

    def __exit__(self, *exc: object) -> None:
        if isinstance(self._executor, ProcessPoolExecutor):
            self._executor.shutdown(wait=True, cancel_futures=True)
        elif self._executor is not None:  # Dask's ClientExecutor knows no cancel_futures
            self._executor.shutdown(wait=True)
        if self._client is not None:
            self._client.close()
        if self._track is not None:
            shutil.rmtree(self._track, ignore_errors=True)
        self._executor = self._client = self._track = None

    def _dask_executor(self, address: str) -> Executor:
        try:
            from distributed import Client
        except ImportError:
            raise ClaimgraphError("--scheduler needs Dask distributed: pip install "
                                  "'claimgraph[dask]' (or drop --scheduler).") from None
        try:
            self._client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClaimgraphError(f"Cannot reach the Dask scheduler at {address} ({exc}); "
                                  "start one with `dask scheduler` and workers with "
                                  f"`dask worker {address}`, or drop --scheduler.") from None
        return self._client.get_executor(pure=False)

    def map(self, fn: Callable[..., R], items: Iterable[T], label: Callable[[T], str],
            *args: object) -> Iterator[R]:
        """``fn(item, *args)`` for each item, yielded in the items' order."""
        if self._executor is None:
            for item in items:
                yield fn(item, *args)
            return
        window: deque[_Pending] = deque()
        limit = _IN_FLIGHT * max(self.workers, 2)
        try:
            for item in items:
                window.append(self._submit(fn, item, label(item), args))
                if len(window) >= limit:
                    yield self._result(window.popleft(), window)
            while window:
                yield self._result(window.popleft(), window)
        finally:
            for pending in window:
                pending.future.cancel()

    def _submit(self, fn: Callable, item: object, name: str, args: tuple) -> _Pending:
        if self._track is not None:  # a local pool: each task notes what it reads
            future = self._executor.submit(_tracked, self._track, name, fn, item, *args)
        else:
            future = self._executor.submit(fn, item, *args)
        return _Pending(name, future, fn, item, args)

    def _result(self, pending: _Pending, waiting: Iterable[_Pending]) -> Any:
        try:
            return pending.future.result()
        except USER_ERRORS:
            raise
        except BrokenProcessPool as exc:
            name = self._culprit([pending, *waiting]) or pending.name
            raise WorkerError(f"{name}: the worker process reading it stopped ({exc or 'killed'}); "
                              "no graph was written. Run again, or with --workers 1 to see "
                              "the cause.") from exc
        except Exception as exc:  # noqa: BLE001 - any failure of a remote task, named
            raise WorkerError(f"{pending.name}: reading it failed in {self.where} "
                              f"({type(exc).__name__}: {exc}); no graph was written. Run "
                              "with --workers 1 to see the cause.") from exc

    def _culprit(self, pending: list[_Pending]) -> str | None:
        """Which file killed its worker. A broken pool fails every task it held, so the
        tasks that were running (each left a note) are run again, one at a time in a
        fresh process: the one whose process dies again is named."""
        running = set()
        for note in self._track.iterdir():
            with contextlib.suppress(OSError, UnicodeDecodeError):
                running.add(note.read_text(encoding="utf-8", errors="surrogateescape"))
        suspects = [p for p in pending if p.name in running]
        for suspect in suspects:
            with process_pool(1) as alone:
                try:
                    alone.submit(suspect.fn, suspect.item, *suspect.args).result()
                except BrokenProcessPool:
                    return suspect.name
                except Exception:  # noqa: BLE001, S112 - it failed, but did not kill its process
                    continue
        return " or ".join(p.name for p in suspects) or None


@dataclass
class _Pending:
    """A submitted task and what it needs to be named or run again."""

    name: str
    future: Future
    fn: Callable
    item: object
    args: tuple


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from a server that has imported the tasks once, all started
    here: while they start, the caller's ``__main__`` is hidden from them. A worker
    needs nothing of it, and multiprocessing would otherwise run the caller's script
    again in every worker (or fail, for code read from stdin or typed at a prompt)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph_builder.tasks"])
    pool = ProcessPoolExecutor(workers, mp_context=context)
    with _main_hidden():
        started = [pool.submit(os.getpid) for _ in range(workers)]
        for future in started:  # every process is up; none is started later
            future.result()
    return pool


@contextlib.contextmanager
def _main_hidden() -> Iterator[None]:
    main = sys.modules["__main__"]
    saved = {name: getattr(main, name) for name in ("__spec__", "__file__")
             if hasattr(main, name)}
    try:
        main.__spec__ = None
        if "__file__" in saved:
            del main.__file__
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def _tracked(folder: Path, name: str, fn: Callable[..., R], item: object, *args: object) -> R:
    """Run a task with a note, named after this process, of the file it reads: if the
    process dies, the note stays and says which file it was."""
    note = folder / str(os.getpid())
    note.write_text(name, encoding="utf-8", errors="surrogateescape")
    try:
        return fn(item, *args)
    finally:  # a task that raised is named by its exception; only a death leaves the note
        with contextlib.suppress(OSError):
            note.unlink()
