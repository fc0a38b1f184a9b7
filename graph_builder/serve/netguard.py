"""Take network sockets away from the current process, for good (Linux seccomp).

The endpoint's query worker reads a local store and talks to its server over a
socket pair it already holds; it never needs the network. `sparql_guard`
refuses SERVICE before a query is run, but it reads the query text, and a text
reader can be wrong. This filter makes the kernel refuse ``socket(AF_INET)``,
``socket(AF_INET6)`` and ``io_uring_setup`` in every thread of the process, so
a spelling the guard missed still fetches nothing: the engine's HTTP client
gets "permission denied".

It is a classic BPF program handed to ``seccomp(SECCOMP_SET_MODE_FILTER,
SECCOMP_FILTER_FLAG_TSYNC)`` through ctypes, so it needs no package. Only
x86_64 and aarch64 are known; elsewhere (and on other systems) it installs
nothing and says so by returning False. A filter cannot be removed: call it
only in a process that must stay offline.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import socket
import sys

# <linux/audit.h>, and the syscall numbers of socket, seccomp and io_uring_setup
_ARCHES = {
    "x86_64": (0xC000003E, {"socket": 41, "seccomp": 317, "io_uring_setup": 425}),
    "aarch64": (0xC00000B7, {"socket": 198, "seccomp": 277, "io_uring_setup": 425}),
}
_X32 = 0x40000000  # x86_64's x32 ABI: the same calls with this bit set
_LD_ABS, _JEQ, _RET = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
_ALLOW, _ERRNO = 0x7FFF0000, 0x00050000
_NR, _ARCH, _ARG0 = 0, 4, 16  # offsets in struct seccomp_data
_PR_SET_NO_NEW_PRIVS, _SET_MODE_FILTER, _FLAG_TSYNC = 38, 1, 1


class _Filter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte),
                ("k", ctypes.c_uint32)]


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_Filter))]


def _program(arch: int, calls: dict[str, int]) -> list[tuple[int, int, int, int]]:
    """deny = errno EACCES; jumps count the instructions skipped."""
    deny = _ERRNO | errno.EACCES
    return [
        (_LD_ABS, 0, 0, _ARCH),
        (_JEQ, 1, 0, arch),                      # another ABI (i386 on x86_64): allow
        (_RET, 0, 0, _ALLOW),
        (_LD_ABS, 0, 0, _NR),
        (_JEQ, 4, 0, calls["io_uring_setup"]),   # -> deny
        (_JEQ, 3, 0, _X32 | calls["io_uring_setup"]),
        (_JEQ, 3, 0, calls["socket"]),           # -> check the family
        (_JEQ, 2, 0, _X32 | calls["socket"]),
        (_RET, 0, 0, _ALLOW),
        (_RET, 0, 0, deny),
        (_LD_ABS, 0, 0, _ARG0),                  # the family, low 32 bits
        (_JEQ, 2, 0, socket.AF_INET),
        (_JEQ, 1, 0, socket.AF_INET6),
        (_RET, 0, 0, _ALLOW),
        (_RET, 0, 0, deny),
    ]


def forbid_network() -> bool:
    """Refuse new internet sockets in every thread of this process from now on.

    True when the kernel took the filter; False where it cannot (not Linux, an
    unknown processor, seccomp disabled), and the process is unchanged.
    """
    known = _ARCHES.get(platform.machine())
    if not sys.platform.startswith("linux") or known is None or sys.byteorder != "little":
        return False
    arch, calls = known
    libc = ctypes.CDLL(None, use_errno=True)
    code = _program(arch, calls)
    filters = (_Filter * len(code))(*(_Filter(*op) for op in code))
    program = _Program(len(code), filters)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    done = libc.syscall(calls["seccomp"], _SET_MODE_FILTER, _FLAG_TSYNC, ctypes.byref(program))
    return done == 0

