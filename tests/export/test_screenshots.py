"""Issue 18: the README's pictures of the matrix and the timeline are made by the project's own
script (scripts/screenshots.py: kg export, then headless Chromium), and they show something."""

import struct
import subprocess
import sys
import zlib
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "screenshots.py"


def png_facts(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of distinct byte values of the decoded pixel rows."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is no PNG"
    width, height = struct.unpack(">II", data[16:24])
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    return width, height, len(set(pixels))


def test_the_script_photographs_the_matrix_and_the_timeline(built, tmp_path):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path), "--build", str(built)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for name in ("matrix.png", "timeline.png"):
        width, height, values = png_facts(tmp_path / name)
        assert (width, height) == (1400, 800)
        assert values > 50, f"{name} looks blank ({values} distinct byte values)"


def test_the_readme_shows_the_pictures_the_script_makes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("matrix.png", "timeline.png"):
        assert f"(docs/images/{name})" in readme
        assert png_facts(ROOT / "docs" / "images" / name)[:2] == (1400, 800)
