"""The README's pictures of the matrix and the timeline, made by the project's own commands.

Usage:
    .venv/bin/python scripts/screenshots.py [--out docs/images] [--build DIR]

Runs `kg export --view matrix --to html` (on the current build of the embedded data, as
`kg query` answers, or on --build DIR) and photographs the page with headless Chromium
(`--screenshot`, 1400 x 800, the network off): the matrix with the United States' cell on
the one-year limits opened (matrix.png), and the timeline of the one-year limits
(timeline.png). tests/export/test_screenshots.py runs it and checks the pictures.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SIZE = (1400, 800)
SHOTS = {
    "matrix.png": "#view=matrix&actor=id:united-states&issue=proposal:one-year-limits",
    "timeline.png": "#view=timeline&focus=proposal:one-year-limits",
}


def export_page(page: Path, build: Path | None) -> None:
    command = [sys.executable, "-m", "kg", "export", "--view", "matrix", "--to", "html"]
    command += ["-o", str(page)] + (["--build", str(build)] if build else [])
    subprocess.run(command, check=True, cwd=ROOT)


def screenshot(page: Path, fragment: str, png: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-shot-") as profile:
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--virtual-time-budget=5000",
                f"--window-size={SIZE[0]},{SIZE[1]}",
                f"--screenshot={png}",
                page.resolve().as_uri() + fragment,
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--build", type=Path, help="the build to draw (default: as kg query)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as scratch:
        page = Path(scratch) / "matrix.html"
        export_page(page, args.build)
        for name, fragment in SHOTS.items():
            screenshot(page, fragment, args.out / name)
            print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
