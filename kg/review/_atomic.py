"""Write a folder of files all at once: into a temporary folder beside the target, which then
replaces the target. A failure halfway leaves the previous folder as it was."""

import shutil
import tempfile
from pathlib import Path


def write_folder(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Replace `out_dir` by a folder holding `files` (name to text); return their paths."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        staging.chmod(0o755)
        if out_dir.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            out_dir.rename(retired / out_dir.name)
            staging.rename(out_dir)
            shutil.rmtree(retired)
        else:
            staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / name for name in files]
