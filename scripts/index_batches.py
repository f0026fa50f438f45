"""What the batch size of the index's bulk load costs in time and memory, side by side.

Usage:
    .venv/bin/python scripts/index_batches.py STORE [BATCH ...]

STORE is a build's on-disk index (`build/store`). Its named graphs are loaded into memory, as
`kg build` holds them before writing the index, and for each batch size (quads read from memory
per bulk load; 0 means all at once) a child process writes a new index from them, with the
default graph as their merge, as kg.building._write_index does. Each line gives the seconds and
the child's peak RSS. This is the measurement behind kg.building.INDEX_BATCH.
"""

import importlib
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox


def main() -> None:
    store, batches = Path(sys.argv[1]), [int(b) for b in sys.argv[2:]] or [0, 300_000, 650_000]
    with tempfile.TemporaryDirectory(prefix="kg-index-") as scratch:
        named = Path(scratch) / "all.nq"
        ox.Store.read_only(str(store)).dump(output=str(named), format=ox.RdfFormat.N_QUADS)
        for batch in batches:
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(named), str(batch), scratch],
                capture_output=True,
                text=True,
                check=True,
            )
            print(done.stdout.strip())


def child(named: Path, batch: int, scratch: Path) -> None:
    building = importlib.import_module("kg.build")  # the module: kg.build is also a function
    memory = ox.Store()
    memory.bulk_load(path=str(named), format=ox.RdfFormat.N_QUADS)
    memory.update("CLEAR DEFAULT")  # the build holds the named graphs only in memory
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    setattr(building, "INDEX_BATCH", batch or len(memory))  # noqa: B010 (mypy: a module attribute)
    started = time.perf_counter()
    index = building._write_index(scratch / f"index-{batch}", memory)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    label = f"batch {batch:,} quads" if batch else "one batch"
    print(
        f"{label:>20}: {seconds:6.2f} s, {len(index):,} quads; "
        f"peak RSS {peak:,} MiB ({before:,} MiB before writing)"
    )


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        child(Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
