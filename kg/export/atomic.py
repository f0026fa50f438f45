"""Writing export files so that a failed or interrupted export leaves no half-written file.

Each file is written to a temporary file in the same folder and renamed over the target
(os.replace, atomic on one file system). The files of one export (the two CSV lists) are all
written before any is renamed.
"""

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from kg.errors import KgError

FILE_MODE = 0o644
"""Permissions of an exported file (a temporary file starts as 0600)."""


def write_files(files: Mapping[Path, bytes]) -> int:
    """Write every file atomically; return the number of bytes written."""
    staged: list[tuple[str, Path]] = []
    target = Path()
    try:
        for target, content in files.items():
            staged.append((_stage(target, content), target))
        for temporary, target in staged:
            os.replace(temporary, target)
    except OSError as exc:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
        # the file the user named, not the temporary file beside it
        raise KgError(f"cannot write the export ({exc.strerror})", target) from None
    return sum(len(content) for content in files.values())


def _stage(path: Path, content: bytes) -> str:
    """The content in a temporary file beside `path`; returns the temporary file's name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary
