"""How long `kg build` takes to update a build after one card changed, for two versions of kg side
by side in one run (the update path of kg.previous, which `kg bench` times for one version only).

Usage:
    .venv/bin/python scripts/update_speed.py PROJECT CODE [CODE ...] [--runs 3]

PROJECT is a project folder (`kg synth --cards 8000 --seed 1 -o PROJECT`); each CODE is a
source tree of kg (`git worktree add /tmp/old HEAD~1`, or the working copy). For each CODE the
project is copied to a temporary folder, built from scratch with that code, and then built
--runs times more, each after editing one card's source URL (the card in the middle, as
`kg bench` does), so that each build is an update of the previous one. Prints, per CODE, the
median wall-clock seconds and the median CPU seconds (user and system) of those builds: the CPU
seconds are the steadier figure on a shared machine.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(code: Path, project: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one `kg build` of `project` with the kg of `code`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--project", str(project)],
        env=dict(os.environ, PYTHONPATH=str(code)),
        cwd=code,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"kg build failed with {code}:\n{done.stderr[-2000:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def updates(code: Path, project: Path, runs: int) -> tuple[list[float], list[float]]:
    with tempfile.TemporaryDirectory(prefix="update-speed-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", ".build.cache"))
        build(code, copy)  # from scratch: the build the updates start from
        cards = sorted((copy / "sources").glob("*.yaml"))
        card = cards[len(cards) // 2]
        original = card.read_text(encoding="utf-8")
        walls, cpus = [], []
        for edit in range(runs):
            edited = re.sub(r"(?m)^(  url: \S+)$", rf"\g<1>?edit={edit}", original, count=1)
            if edited == original:
                sys.exit(f"{card.name} has no source URL to edit")
            card.write_text(edited, encoding="utf-8")
            wall, cpu = build(code, copy)
            walls.append(wall)
            cpus.append(cpu)
        return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("code", type=Path, nargs="+", help="kg source trees to compare")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| kg | one card changed: median s | median CPU s | runs (s) |")
    print("|---|---|---|---|")
    for code in args.code:
        walls, cpus = updates(code.resolve(), args.project.resolve(), args.runs)
        runs = ", ".join(f"{w:.2f}" for w in walls)
        print(
            f"| {code} | {statistics.median(walls):.2f} | {statistics.median(cpus):.2f} | {runs} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
