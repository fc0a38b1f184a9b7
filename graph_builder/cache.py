"""The per-document cache of an incremental build: DIR/cache/.

Each entry is the result of one per-document task, keyed by a hash of what the
task read: the document's content hash, the tool's version and code, the build
settings and the task's other inputs. Rebuilding after one file changed finds
every other document's results here and redoes only that file's.

An entry is never trusted blindly: a cache written by another version (or
other code) is dropped with a one-line note, and an entry whose checksum fails
is ignored with a note and redone. Entries are written to a temporary name and
renamed, so an interrupted build leaves no half entry. The cache holds Python
pickles: it is the user's own build folder, as trusted as the graph beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import zlib
from functools import cache
from pathlib import Path

from graph_builder import __version__
from graph_builder.support import atomic

_MAGIC = b"claimgraph-cache 1\n"
_STAMP = "VERSION"


@cache
def code_version() -> str:
    """The version and a hash of the package's code: a cache from other code is stale
    even when the version number did not change."""
    digest = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def key_of(*parts: object) -> str:
    """A cache key for a task's inputs (strings and bytes are hashed as they are)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class TaskCache:
    """DIR/cache/: one file per task result; ``None`` as folder keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.notes: list[str] = []
        self.hits = self.misses = 0
        self._used: set[str] = set()
        if folder is not None:
            self._open(folder)

    def _open(self, folder: Path) -> None:
        stamp = folder / _STAMP
        try:
            found = stamp.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            found = None
        if found != code_version():
            if found is not None or folder.exists():
                self.notes.append(f"{folder}: a cache from claimgraph {found or 'unknown'}, "
                                  f"not {code_version()}; ignored and rebuilt.")
                shutil.rmtree(folder, ignore_errors=True)
            try:
                atomic.make_folder(folder)
                atomic.write_text(stamp, code_version() + "\n")
            except (OSError, Exception) as exc:  # a cache that cannot be made: build without
                self.notes.append(f"{folder}: cannot keep a cache ({exc}); building without.")
                self.folder = None

    def load(self, key: str) -> object | None:
        """The stored result for ``key``, or None (absent, or corrupt: then noted)."""
        if self.folder is None:
            return None
        path = self.folder / f"{key}.bin"
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        body = data[len(_MAGIC) + 32:]
        if (not data.startswith(_MAGIC) or data[len(_MAGIC):len(_MAGIC) + 32]
                != hashlib.sha256(body).digest()):
            self.notes.append(f"{path}: corrupt cache entry; ignored and redone.")
            self.misses += 1
            return None
        try:
            value = pickle.loads(zlib.decompress(body))
        except Exception:  # noqa: BLE001 - whatever a damaged pickle raises
            self.notes.append(f"{path}: unreadable cache entry; ignored and redone.")
            self.misses += 1
            return None
        self.hits += 1
        self._used.add(key)
        return value

    def store(self, key: str, value: object) -> None:
        if self.folder is None:
            return
        body = zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)
        try:
            atomic.write_bytes(self.folder / f"{key}.bin",
                               _MAGIC + hashlib.sha256(body).digest() + body)
        except Exception as exc:  # noqa: BLE001 - a full disk costs speed, not the build
            self.notes.append(f"{self.folder}: cannot store a cache entry ({exc}).")
            self.folder = None
            return
        self._used.add(key)

    def prune(self) -> None:
        """Drop entries this build did not use: the cache holds one build's results."""
        if self.folder is None:
            return
        for path in self.folder.glob("*.bin"):
            if path.stem not in self._used:
                with contextlib.suppress(OSError):
                    os.unlink(path)
