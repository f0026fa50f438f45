"""Replace a folder all at once, so that a failure halfway leaves the previous one as it was."""

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError


def refuse_to_replace(target: Path, earlier: Callable[[Path], bool], what: str) -> None:
    """Refuse `target` as a folder to write `what` into unless it is missing, empty, or an
    earlier one (`earlier`): it is replaced whole, so whatever else it held would be lost
    (`kg docs -o .` in a project would have deleted the project)."""
    if not target.exists():
        return
    if not target.is_dir():
        raise KgError(f"this is a file; give a new folder for {what}", target)
    entries = sorted(p.name for p in target.iterdir())
    if not entries or earlier(target):
        return
    shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
    raise KgError(
        f"the folder holds files kg did not write there ({shown}), and writing {what} "
        "replaces the folder whole: give a new or empty folder",
        target,
    )


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so the final rename is atomic)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:  # a file on the way (a.txt/build), a folder not ours to write in
        file = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
        reason = f"{file} is a file" if file else exc.strerror or str(exc)
        raise KgError(f"cannot make the folder here ({reason}); give another", target) from None


def replace_folder(staging: Path, target: Path) -> None:
    """Put the complete `staging` folder in place of `target`, then remove the old one."""
    staging.chmod(0o755)
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        target.rename(retired / target.name)
        staging.rename(target)
        shutil.rmtree(retired)
    else:
        staging.rename(target)
