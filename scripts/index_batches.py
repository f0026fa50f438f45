"""What the batch size of the index's bulk load costs in time and memory, side by side.

Usage:
    .venv/bin/python scripts/index_batches.py STORE [BATCH | bytes ...]

STORE is a build's on-disk index (`build/store`). Its named graphs are loaded into memory, as
`kg build` holds them before writing the index, and for each batch size (quads read from memory
per bulk load; 0 means all at once) a child process writes a new index from them, with the
default graph as their merge, as kg.building._write_index does. Each line gives the seconds and
the child's peak RSS. This is the measurement behind kg.building.INDEX_BATCH.

`bytes` writes the same index the other way Oxigraph offers: the named graphs serialised as
N-Quads and their merge as N-Triples (a CONSTRUCT), each parsed by `bulk_load`, which needs no
Python object per quad. It is no faster, and needs a gigabyte more (docs/benchmark.md, "Why the
index takes 20 s").
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
    store, batches = Path(sys.argv[1]), sys.argv[2:] or ["0", "300000", "650000"]
    with tempfile.TemporaryDirectory(prefix="kg-index-") as scratch:
        named = Path(scratch) / "all.nq"
        ox.Store.read_only(str(store)).dump(output=str(named), format=ox.RdfFormat.N_QUADS)
        for batch in batches:
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(named), batch, scratch],
                capture_output=True,
                text=True,
                check=True,
            )
            print(done.stdout.strip())


def child(named: Path, batch: str, scratch: Path) -> None:
    building = importlib.import_module("kg.build")  # the module: kg.build is also a function
    memory = ox.Store()
    memory.bulk_load(path=str(named), format=ox.RdfFormat.N_QUADS)
    memory.update("CLEAR DEFAULT")  # the build holds the named graphs only in memory
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started = time.perf_counter()
    if batch == "bytes":
        index = _write_from_bytes(scratch / "index-bytes", memory)
        label = "from bytes"
    else:
        size = int(batch)
        setattr(building, "INDEX_BATCH", size or len(memory))  # noqa: B010 (mypy: a module attribute)
        index = building._write_index(scratch / f"index-{size}", memory)
        label = f"batch {size:,} quads" if size else "one batch"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(
        f"{label:>20}: {seconds:6.2f} s, {len(index):,} quads; "
        f"peak RSS {peak:,} MiB ({before:,} MiB before writing)"
    )


def _write_from_bytes(path: Path, memory: ox.Store) -> ox.Store:
    index = ox.Store(str(path))
    index.bulk_load(memory.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    merge = memory.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(merge, ox.QueryTriples)
    triples = merge.serialize(format=ox.RdfFormat.N_TRIPLES)
    index.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    index.flush()
    return index


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        child(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
    else:
        main()
