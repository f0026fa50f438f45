"""How long `kg push` takes to load a build into Oxigraph's server and into Virtuoso, and how fast
the named queries answer there beside the embedded engine: a side-by-side table.

Usage:
    .venv/bin/python scripts/push_speed.py BUILD [--runs 3] [--timeout 300] [--only NAME ...]
                                                 [--virtuoso-buffers 170000]

BUILD is a build folder (`kg build --out BUILD`). The script starts both stores on loopback as
the tests do (tests/remote/*_support.py: `oxigraph serve` from the venv, Debian's virtuoso-t
with a database folder of its own, both in a temporary folder), pushes the build to each with
kg.remote.push (Virtuoso: Digest credentials, the merge in a named graph), then times each named
query, and each with its parameter bound to the first value it answers (as `kg bench` does), the
median of --runs runs: embedded (kg.queries.run on the build's store, every row converted to
rdflib terms) and remote (kg.remote.query_remote: the HTTP request, the store's work, and the
JSON answer parsed into the same rdflib terms). "same" says whether a store's rows equal the
embedded rows; for Virtuoso, once the differences docs/serve.md documents (booleans as 1 and 0,
durations in months, treaty-timeline's dropped event kinds) are applied to the embedded rows as
the tests apply them. A failed request is reported on standard error.

Prints Markdown: one table of push times, one of query times.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "remote"), str(ROOT)]

from remote_support import OxigraphServer  # noqa: E402
from virtuoso_support import (  # noqa: E402
    DROPPED_BY_VIRTUOSO,
    MERGE_GRAPH,
    PASSWORD,
    USER,
    VirtuosoServer,
    as_virtuoso_answers,
    csv_text,
    with_dropped_cells,
)

from kg.errors import KgError  # noqa: E402
from kg.queries import named_queries, parse_parameters, run  # noqa: E402
from kg.remote import push, query_remote  # noqa: E402
from kg.results import rows  # noqa: E402


def timed(call: Callable[[], Any], runs: int) -> tuple[float | None, Any]:
    """Median seconds of `runs` calls and the last answer; None and the error on a failure."""
    seconds = []
    answer: Any = None
    for _ in range(runs):
        start = time.perf_counter()
        try:
            answer = call()
        except KgError as error:
            return None, str(error)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), answer


def cell(seconds: float | None) -> str:
    if seconds is None:
        return "failed"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path, help="a build folder")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per request")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="time these queries only")
    parser.add_argument(
        "--bound-only",
        action="store_true",
        help="time each query with its parameter bound only, not over all the data",
    )
    parser.add_argument(
        "--virtuoso-buffers",
        type=int,
        default=170000,
        help="Virtuoso's NumberOfBuffers (8 KB pages; 170000 = 1.3 GB, its guide's figure for "
        "2 GB of memory)",
    )
    parser.add_argument(
        "--virtuoso-max-estimate",
        type=int,
        default=1_000_000_000,
        help="Virtuoso's MaxQueryCostEstimationTime in seconds: it refuses a query whose estimated "
        "time is longer (at 1M triples it estimated 20 million s for a query that runs in 0.1 s "
        "elsewhere)",
    )
    parser.add_argument(
        "--stores", nargs="+", choices=["oxigraph", "virtuoso"], default=["oxigraph", "virtuoso"]
    )
    args = parser.parse_args()

    embedded = ox.Store.read_only(str(args.build / "store"))
    with tempfile.TemporaryDirectory(prefix="push-speed-") as folder:
        servers: list[Any] = []
        stores: dict[str, tuple[str, str, str | None]] = {}
        try:
            if "oxigraph" in args.stores:
                oxigraph = OxigraphServer(Path(folder) / "oxigraph")
                servers.append(oxigraph)
                stores["Oxigraph server"] = (f"{oxigraph.url}/store", f"{oxigraph.url}/query", None)
            if "virtuoso" in args.stores:
                # A query may run for --timeout seconds; Virtuoso's estimate of its cost runs
                # far above the real times.
                virtuoso = VirtuosoServer(
                    Path(folder) / "virtuoso",
                    buffers=args.virtuoso_buffers,
                    max_seconds=int(args.timeout),
                    max_estimate=args.virtuoso_max_estimate,
                )
                servers.append(virtuoso)
                stores["Virtuoso"] = (virtuoso.store_url, virtuoso.query_url, MERGE_GRAPH)
            os.environ.update(KG_STORE_USER=USER, KG_STORE_PASSWORD=PASSWORD)
            print("| store | push (named graphs, triples, merge) | seconds |")
            print("|---|---|---|")
            for name, (store_url, _, merge) in stores.items():
                result = push(args.build, store_url, default_graph=merge, timeout=args.timeout)
                print(
                    f"| {name} | {result.graphs} graphs, {result.triples} triples, merge of "
                    f"{result.default_triples} | {result.seconds:.1f} s |"
                )
            print()
            compare(embedded, stores, args)
        finally:
            for server in servers:
                server.stop()


def compare(embedded: ox.Store, stores: dict[str, tuple[str, str, str | None]], args: Any) -> None:
    names = list(stores)
    print("| query | rows | embedded | " + " | ".join(f"{n} | same" for n in names) + " |")
    print("|---|---|---|" + "---|---|" * len(names))
    for name, query in named_queries().items():
        if args.only and name not in args.only:
            continue
        header, body = rows(run(query, embedded))
        cases: list[tuple[str, Any]] = [] if args.bound_only else [(name, None)]
        parameter = next((p for p in query.parameters if p in header), None)
        if parameter and body:
            value = body[0][header.index(parameter)]
            bindings = parse_parameters([f"{parameter}={value}"], query)
            cases.append((f"{name} (?{parameter} bound)", bindings))
        for label, bindings in cases:
            here_seconds, here = timed(
                lambda q=query, b=bindings: rows(run(q, embedded, b)), args.runs
            )
            line = f"| {label} | {len(here[1])} | {cell(here_seconds)} |"
            for store in names:
                _, query_url, merge = stores[store]
                there_seconds, there = timed(
                    lambda q=query, b=bindings, u=query_url, m=merge: rows(
                        query_remote(
                            u, q.text, b, origin=q.name, default_graph=m, timeout=args.timeout
                        )
                    ),
                    args.runs,
                )
                if there_seconds is None:
                    print(f"{store}, {label}: {there}", file=sys.stderr)
                line += f" {cell(there_seconds)} | {same(name, store, here, there)} |"
            print(line, flush=True)


def same(name: str, store: str, here: Any, there: Any) -> str:
    """Whether a store answered as the embedded engine, up to Virtuoso's documented
    differences."""
    if not isinstance(there, tuple):
        return "no"
    rows_there = f"no: {len(there[1]):,} rows"
    if store != "Virtuoso":
        return "yes" if there == here else rows_there
    expected, answer = csv_text([here[0], *here[1]]), csv_text([there[0], *there[1]])
    expected = as_virtuoso_answers(expected)
    if name in DROPPED_BY_VIRTUOSO:
        expected = with_dropped_cells(expected, answer, DROPPED_BY_VIRTUOSO[name])
    return "yes" if answer == expected else rows_there


if __name__ == "__main__":
    main()
