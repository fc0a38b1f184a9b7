"""Write every output whole or not at all, where the user pointed, and nowhere else.

An interrupted build (Ctrl-C, a full disk, a crash) must never leave half a
graph.ttl that a later query would read as if it were whole: each output is
written under a temporary name beside its target and renamed into place
(``os.replace`` is atomic on POSIX and Windows within one folder). What the
user named is honoured as a user expects:

* ``-`` is standard output;
* a symbolic link is written through: the file it points to is replaced and
  the link stays;
* a device or FIFO (``/dev/null``, a named pipe) is written to directly, never
  replaced by a regular file;
* a missing parent folder is an error naming it, not created behind the
  user's back.

Inside ``together()``, the renames wait until the block ends and then happen
in one step with interrupts held off, so a build's outputs are replaced as a
set. A temporary file carries its writer's process id, so the next run can
remove those left by a process that was killed (``sweep``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from graph_builder.errors import ExportError

STDOUT = Path("-")
_PART = ".part"
_ABANDONED_AFTER = 24 * 3600  # seconds: a temp file from another host's process
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP} if hasattr(signal, "SIGHUP") \
    else {signal.SIGINT, signal.SIGTERM}
_pending: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("pending", default=None)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def target_of(dest: Path) -> Path:
    """The path really written for ``dest``: a link's final target; ExportError when the
    folder it goes in does not exist or ``dest`` is a folder."""
    target = Path(os.path.realpath(dest)) if dest.is_symlink() else dest
    parent = target.parent
    if parent.exists() and not parent.is_dir():
        raise ExportError(f"{dest}: {parent} is a file, not a folder; choose another path.")
    if not parent.is_dir():
        raise ExportError(f"{dest}: the folder {parent} does not exist; create it first or "
                          "choose another path.")
    if target.is_dir():
        raise ExportError(f"{dest}: is a folder; give a file name.")
    return target


def is_stream(target: Path) -> bool:
    """Standard output, or an existing file that is not a regular file (device, FIFO)."""
    if target == STDOUT:
        return True
    try:
        mode = target.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


@contextmanager
def atomic_path(dest: Path) -> Iterator[Path]:
    """A temporary path to write; when the block succeeds it becomes ``dest``."""
    dest = Path(dest)
    if dest == STDOUT or is_stream(dest):
        with _streamed(dest) as tmp:
            yield tmp
        return
    target = target_of(dest)
    tmp = _temporary(target)
    try:
        yield tmp
        pending = _pending.get()
        if pending is None:
            os.replace(tmp, target)
        else:
            pending.append((tmp, target))
            tmp = None  # renamed, or removed, when `together` ends
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _temporary(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=_PART,
                                dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.chmod(0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
    return tmp


@contextmanager
def _streamed(dest: Path) -> Iterator[Path]:
    """Writers write files; for a stream the file is written first, then copied in."""
    with tempfile.TemporaryDirectory(prefix="claimgraph-") as folder:
        tmp = Path(folder) / (dest.name or "out")
        yield tmp
        if dest == STDOUT:
            _to_stdout(tmp)
        else:
            with tmp.open("rb") as source, dest.open("wb") as sink:
                shutil.copyfileobj(source, sink)


def _to_stdout(path: Path) -> None:
    """Copy a file to standard output; a reader that stops early (``| head``) is no error."""
    try:
        sys.stdout.flush()
        with path.open("rb") as source:
            shutil.copyfileobj(source, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # nobody reads any more: send the rest, and Python's own flush at exit, nowhere
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


@contextmanager
def together() -> Iterator[None]:
    """Hold back the renames of every `atomic_path` in the block, then make them in one
    step with Ctrl-C and SIGTERM held off, so the outputs change as a set; if the block
    fails, none changes."""
    pending: list[tuple[Path, Path]] = []
    token = _pending.set(pending)
    try:
        yield
        with _signals_held():
            for tmp, target in pending:
                os.replace(tmp, target)
    finally:
        _pending.reset(token)
        for tmp, _ in pending:
            tmp.unlink(missing_ok=True)


@contextmanager
def _signals_held() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or \
            not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a held Ctrl-C arrives now


def sweep(folder: Path) -> None:
    """Remove temporary files that a killed writer left in ``folder``: those whose
    process is gone, and any a day old (written on another host, say)."""
    cutoff = time.time() - _ABANDONED_AFTER
    for leftover in folder.glob(f".*{_PART}"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and (_writer_gone(leftover.name) or
                                       leftover.stat().st_mtime < cutoff):
                leftover.unlink()


def _writer_gone(name: str) -> bool:
    parts = name.split(".")
    pid = next((int(p) for p in reversed(parts[:-2]) if p.isdigit()), None)
    if pid is None or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def write_bytes(dest: Path, data: bytes) -> None:
    with atomic_path(dest) as tmp:
        tmp.write_bytes(data)


def write_text(dest: Path, text: str) -> None:
    write_bytes(dest, text.encode("utf-8", errors="backslashreplace"))


def make_folder(folder: Path) -> None:
    """Create an output folder (its parent must exist); ExportError in one line otherwise."""
    if folder.is_dir():
        return
    parent = folder.parent
    if folder.exists():
        raise ExportError(f"{folder}: is a file, not a folder; give --out a folder.")
    if parent.exists() and not parent.is_dir():
        raise ExportError(f"{folder}: cannot be made inside {parent}, which is a file; choose "
                          "another folder.")
    if not parent.is_dir():
        raise ExportError(f"{folder}: its parent {parent} does not exist; create it first or "
                          "choose another folder.")
    try:
        folder.mkdir()
    except FileExistsError:
        if not folder.is_dir():
            raise ExportError(f"{folder}: is a file, not a folder; give --out a folder.") \
                from None
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder ({os_reason(exc)}).") from exc


def os_reason(exc: OSError) -> str:
    """What went wrong, in words: 'No space left on device', never 'None'."""
    if exc.strerror:
        return exc.strerror
    if exc.errno:
        return os.strerror(exc.errno)
    return str(exc) or type(exc).__name__
