"""Time the fast path against pySHACL on large graphs made of copies of the embedded dataset.

Each copy renames the instances ('/id/' becomes '/id/copyK/') and shares the ontology, so the
data grows while the shapes see the same kinds of nodes. Where both run, they must agree.

    .venv/bin/python tests/fastshacl/bench.py --sizes 100000 1000000 --pyshacl-up-to 100000
"""

import argparse
import sys
import time

import pyoxigraph as ox
from rdflib import Graph

from kg.dataset import load_dataset, union
from kg.fastshacl import compile_shapes, validate_store
from kg.fastshacl.fidelity import mark_recorded, record_nquads
from kg.fastshacl.terms import nt
from kg.validation import load_shapes, validate


def copies(size: int) -> tuple[str, str, int]:
    """N-Triples and literal record of enough renamed copies of the dataset for `size` triples."""
    base = union(load_dataset())
    data = "".join(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in base)
    record = record_nquads(base)
    shared = sum(1 for s, _, _ in base if "/id/" not in str(s))
    count = max(1, round((size - shared) / (len(base) - shared)))
    rename = [f"/id/copy{k}/" for k in range(count)]
    return (
        "".join(data.replace("/id/", r) for r in rename),
        "".join(record.replace("/id/", r) for r in rename),
        count,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--pyshacl-up-to", type=int, default=100_000)
    args = parser.parse_args()
    shapes = load_shapes()
    started = time.perf_counter()
    queries = compile_shapes(shapes)
    print(f"compile_shapes: {len(queries)} queries in {time.perf_counter() - started:.2f} s")
    header = ("triples", 10), ("copies", 6), ("load", 7), ("pySHACL", 9), ("fast path", 10)
    print(" ".join(f"{name:>{width}}" for name, width in header), f"{'ratio':>7}")
    for size in args.sizes:
        data, record, count = copies(size)
        started = time.perf_counter()
        store = ox.Store()
        store.load(data + record, format=ox.RdfFormat.N_QUADS)
        mark_recorded(store)
        loaded = time.perf_counter() - started
        triples = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        started = time.perf_counter()
        fast = validate_store(store, queries=queries)
        fast_time = time.perf_counter() - started
        reference_time = None
        if triples <= args.pyshacl_up_to:
            graph = Graph().parse(data=data, format="nt")
            started = time.perf_counter()
            reference = validate(graph, shapes)
            reference_time = time.perf_counter() - started
            if reference != fast:
                sys.exit(f"pySHACL and the fast path disagree at {triples} triples")
        shown = f"{reference_time:8.1f}s" if reference_time is not None else "        -"
        ratio = f"{reference_time / fast_time:6.0f}x" if reference_time is not None else "      -"
        print(f"{triples:>10} {count:>6} {loaded:6.1f}s {shown} {fast_time:9.2f}s {ratio}")


if __name__ == "__main__":
    main()
