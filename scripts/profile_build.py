"""Where a build spends its time and memory, stage by stage.

Usage:
    .venv/bin/python scripts/profile_build.py PROJECT OUT

Builds PROJECT (a folder made by `kg init` or `kg synth`) into OUT and prints, per stage, its
seconds; the CPU seconds it used (all threads, and the compile workers once they end: more
than the seconds when a stage keeps both cores busy); the highest RSS sampled during it
(every 50 ms) and the process's high-water RSS after it (which also catches bursts shorter
than a sample); and the highest sampled memory of the whole process tree (the compile workers
too) as PSS, which counts a page shared by forked
processes once, in proportion. It always builds afresh (not an
update of a previous build); run it twice to see a warm build, every card from the cache.
"""

import os
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
tree: dict[str, int] = {}
high_water: dict[str, int] = {}
cpu: dict[str, float] = {}


def _cpu_seconds() -> float:
    """User and system time of this process and of its ended children (the compile workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _field_mib(path: str, name: str) -> int:
    """A memory field (kB) of a /proc file in MiB; 0 once the process is gone."""
    try:
        with open(path) as status:
            line = next(line for line in status if line.startswith(name))
    except (OSError, StopIteration):
        return 0
    return int(line.split()[1]) // 1024


def _descendants(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            found = [int(child) for child in children.read().split()]
    except OSError:
        return []
    return found + [grandchild for child in found for grandchild in _descendants(child)]


def _sample() -> None:
    me = os.getpid()
    while True:
        stage = current["stage"]
        sampled[stage] = max(sampled.get(stage, 0), _field_mib("/proc/self/status", "VmRSS:"))
        pss = sum(_field_mib(f"/proc/{p}/smaps_rollup", "Pss:") for p in [me, *_descendants(me)])
        tree[stage] = max(tree.get(stage, 0), pss)
        time.sleep(0.05)


class TracedProgress(Progress):
    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        current["stage"] = name
        started = _cpu_seconds()
        with super().stage(name, total) as advance:
            yield advance
        cpu[name] = _cpu_seconds() - started
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
            f"{name:9} {seconds:6.2f} s  CPU {cpu.get(name, 0):6.2f} s  "
            f"sampled {sampled.get(name, 0):6,} MiB  "
            f"high-water after {high_water.get(name, 0):6,} MiB  "
            f"process tree (PSS) {tree.get(name, 0):6,} MiB"
        )
    triples = f"{result.asserted_triples:,} asserted triples"
    used = f"CPU {_cpu_seconds():6.2f} s"
    print(f"total     {total:6.2f} s  {used}; {triples}; written={result.written}")


if __name__ == "__main__":
    main()
