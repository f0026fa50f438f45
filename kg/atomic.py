"""Replace a folder all at once, so that a failure halfway leaves the previous one as it was."""

import shutil
import tempfile
from pathlib import Path


def staging_folder(target: Path) -> Path:
    """A new empty folder beside `target` (same file system, so the final rename is atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


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
