"""Write a folder of files all at once (see kg.atomic)."""

import shutil
from pathlib import Path

from kg.atomic import replace_folder, staging_folder


def write_folder(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Replace `out_dir` by a folder holding `files` (name to text); return their paths."""
    out_dir = out_dir.resolve()
    staging = staging_folder(out_dir)
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        replace_folder(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out_dir / name for name in files]
