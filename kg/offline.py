"""The second wall: a process that evaluates queries cannot open network connections at all.

The query check (kg.queries.safe_query) refuses SERVICE, but Oxigraph ships an HTTP client
and has no switch to turn SERVICE off. So each process that runs users' queries moves itself,
before it opens anything, into a Linux network namespace of its own: it holds only a loopback
interface, which is down, so every connect() fails with "Network is unreachable" whatever
the address, loopback included. Files and pipes opened before or after are unaffected.

A process that is not root needs a user namespace for that (unprivileged user namespaces,
enabled on most distributions); where the system refuses both, the caller is told why and
says so once: the query check is then the only wall.
"""

import ctypes
import ctypes.util
import os
import sys

_CLONE_NEWNET = 0x40000000
_CLONE_NEWUSER = 0x10000000


def cut_network() -> str | None:
    """Move this process into a network namespace with no way out.

    Returns None when done, or why it cannot be done here. Call it while the process has a
    single thread (a user namespace requires it), before any query runs."""
    if not sys.platform.startswith("linux"):
        return f"network namespaces are a Linux feature; this system is {sys.platform}"
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError as exc:
        return f"cannot load the C library to call unshare ({exc})"
    if libc.unshare(_CLONE_NEWNET) == 0:
        return None
    first = ctypes.get_errno()
    if libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0:
        return None
    second = ctypes.get_errno()
    return (
        f"unshare(CLONE_NEWNET) failed ({os.strerror(first)}) and so did a user namespace "
        f"({os.strerror(second)})"
    )
