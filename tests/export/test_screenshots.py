"""Issue 18: the README's pictures of the matrix and the timeline are made by the project's own
script (scripts/screenshots.py: kg export, then headless Chromium), and they show something."""

import subprocess
import sys

from views_support import png_facts

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "screenshots.py"


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
