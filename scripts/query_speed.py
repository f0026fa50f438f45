"""How fast Oxigraph answers the named queries on a built store: a before/after table.

Usage:
    .venv/bin/python scripts/query_speed.py STORE [--before DIR] [--queries DIR] [--runs 3]
                                                  [--only NAME ...]

STORE is a build's on-disk index (e.g. build/store), opened read-only. Each query is timed as
raw Oxigraph evaluation: `store.query(text)` iterated to the last solution (every solution is
produced, no conversion to rdflib), the median of --runs runs, as wall-clock seconds and as the
process's CPU seconds (on a machine that others share, the CPU seconds say what the query costs
and the wall-clock seconds what it took then). The queries are those of
--queries (default: the project's queries/, quality checks excluded); with --before DIR (say, a
copy of queries/ made before a change) the same-named queries of DIR are timed too, and the
table says whether both give the same solutions in the same order.

Prints a Markdown table: query, rows, median seconds (wall, CPU) before and after, speed-up (in
CPU seconds), same answers.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent


def queries_in(directory: Path) -> dict[str, str]:
    """Named queries of a directory by name (quality checks `*-violation.rq` excluded)."""
    return {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted(directory.glob("*.rq"))
        if not p.stem.endswith("-violation")
    }


Timing = tuple[float, float]
"""Median wall-clock and CPU seconds."""


def timed(store: ox.Store, text: str, runs: int) -> tuple[Timing, list[tuple[str | None, ...]]]:
    """Median seconds (wall, CPU) to produce every solution, and the solutions of the last run."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        solutions = list(store.query(text))  # type: ignore[arg-type]
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    rows = [tuple(None if t is None else str(t) for t in s) for s in solutions]
    return (statistics.median(wall), statistics.median(cpu)), rows


def shown(timing: Timing) -> str:
    return f"{timing[0]:.3f} | {timing[1]:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a build's on-disk store (build/store)")
    parser.add_argument("--queries", type=Path, default=ROOT / "queries")
    parser.add_argument("--before", type=Path, help="the queries as they were, to compare with")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", metavar="NAME", help="time these queries only")
    args = parser.parse_args()

    store = ox.Store.read_only(str(args.store))
    after = queries_in(args.queries)
    before = queries_in(args.before) if args.before else {}
    names = [n for n in after if not args.only or n in args.only]

    print(f"store: {args.store}; median of {args.runs} runs; seconds to produce every solution\n")
    if before:
        print(
            "| query | rows | before (s) | before, CPU (s) | after (s) | after, CPU (s) "
            "| speed-up (CPU) | same answers |"
        )
        print("|---|---|---|---|---|---|---|---|")
    else:
        print("| query | rows | seconds | CPU seconds |")
        print("|---|---|---|---|")
    for name in names:
        seconds, rows = timed(store, after[name], args.runs)
        if name not in before:
            empty = " | | | | |" if before else ""
            print(f"| {name} | {len(rows):,} | {shown(seconds)} |{empty}")
            continue
        old_seconds, old_rows = timed(store, before[name], args.runs)
        same = "yes" if rows == old_rows else "NO"
        if same == "NO" and sorted(rows, key=repr) == sorted(old_rows, key=repr):
            same = "same rows, other order"
        print(
            f"| {name} | {len(rows):,} | {shown(old_seconds)} | {shown(seconds)} "
            f"| {old_seconds[1] / max(seconds[1], 1e-6):.1f}x | {same} |"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
