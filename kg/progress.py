"""Progress for long builds: a bar per stage on a terminal, nothing in CI logs or pipes."""

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm

# tqdm's monitor is a thread; a build forks card compilers, and forks want no other threads.
tqdm.monitor_interval = 0


class Progress:
    """Stage names with a bar (for counted stages) on stderr, when stderr is a terminal.

    Also records how long each stage took, for the build summary and the benchmark.
    """

    def __init__(self, enabled: bool | None = None):
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
        bar = tqdm(
            total=total,
            desc=f"{name:<9}",
            unit=" cards" if total else "",
            bar_format=None if total else "{desc} {elapsed}",
            disable=not self.enabled,
            leave=True,
            file=sys.stderr,
        )
        started = time.perf_counter()

        def advance(count: int) -> None:
            bar.update(count)

        try:
            yield advance
        finally:
            self.seconds[name] = time.perf_counter() - started
            bar.close()
