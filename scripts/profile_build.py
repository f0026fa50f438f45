"""Where a build spends its time and memory, stage by stage.

Usage:
    .venv/bin/python scripts/profile_build.py PROJECT OUT

Builds PROJECT (a folder made by `kg init` or `kg synth`) into OUT and prints, per stage, its
seconds, the highest RSS sampled during it (every 50 ms) and the process's high-water RSS after
it (which also catches bursts shorter than a sample). It always builds afresh (not an
update of a previous build); run it twice to see a warm build, every card from the cache.
"""

import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.build import build
from kg.progress import Progress
from kg.project import Project

current = {"stage": "start"}
sampled: dict[str, int] = {}
high_water: dict[str, int] = {}


def _rss_mib() -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) // 1024


def _sample() -> None:
    while True:
        stage = current["stage"]
        sampled[stage] = max(sampled.get(stage, 0), _rss_mib())
        time.sleep(0.05)


class TracedProgress(Progress):
    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        current["stage"] = name
        with super().stage(name, total) as advance:
            yield advance
        high_water[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        current["stage"] = "between"


def main() -> None:
    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    threading.Thread(target=_sample, daemon=True).start()
    progress = TracedProgress(enabled=False)
    started = time.perf_counter()
    result = build(out, Project(project), progress=progress, fresh=True)
    total = time.perf_counter() - started
    for name, seconds in progress.seconds.items():
        print(
            f"{name:9} {seconds:6.2f} s  sampled {sampled.get(name, 0):6,} MiB  "
            f"high-water after {high_water.get(name, 0):6,} MiB"
        )
    triples = f"{result.asserted_triples:,} asserted triples"
    print(f"total     {total:6.2f} s; {triples}; written={result.written}")


if __name__ == "__main__":
    main()
